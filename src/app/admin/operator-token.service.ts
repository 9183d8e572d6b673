import { createHash } from 'node:crypto';
import type { OperatorToken, OperatorTokenRepository } from '#src/domain/admin-ports.js';
import { assertThat, invalidParam } from '#src/domain/errors.js';
import { newHexToken, newOpaqueId } from '#src/domain/ids.js';
import type { Actor } from '#src/domain/audit.js';
import type { Store, TenantRepository } from '#src/domain/ports.js';
import { recordChange } from '../audit-trail.js';

export interface OperatorTokenServiceDeps {
  /** Token writes with an actor commit in one of its transactions, with their audit event. */
  store: Store;
  tokens: OperatorTokenRepository;
  tenants: TenantRepository;
  now: () => number;
}

/** Tokens start with this, so a leaked one is recognisable (secret scanners) and never mistaken for another kind. */
export const OPERATOR_TOKEN_PREFIX = 'rst_';
const TOKEN_SHAPE = /^rst_[0-9a-f]{64}$/;
/** Last-used times are written at most this often per token: a read per request, not a write. */
const TOUCH_EVERY_MS = 60_000;

/** SHA-256 hex: the token carries 256 random bits, so a fast unsalted hash is enough. */
export function hashOperatorToken(token: string): string {
  return createHash('sha256').update(token, 'utf8').digest('hex');
}

/** Operator tokens: issued once in clear, stored as a hash, scoped to the installation or one company. */
export function createOperatorTokenService(deps: OperatorTokenServiceDeps) {
  const touched = new Map<string, number>();

  /**
   * Runs a token write; with an actor (the CLI), in one transaction with its audit event (names only:
   * never the token or its hash). Without one, on its own, as the tests' fixtures issue tokens.
   */
  async function audited(actor: Actor | null, action: string, token: Pick<OperatorToken, 'tokenId' | 'companyId'>, write: (tokens: OperatorTokenRepository) => Promise<void>): Promise<void> {
    if (actor === null) return write(deps.tokens);
    await deps.store.transaction(async (repos) => {
      await write(repos.operatorTokens);
      const changedFields = action === 'createOperatorToken' ? ['companyId', 'name', 'token'] : ['revokedAt'];
      await recordChange(repos, actor, { action, objectType: 'operatorToken', objectId: token.tokenId, companyId: token.companyId, changedFields }, deps.now());
    });
  }

  return {
    /** Issues a token; the clear token is returned only here. Throws tenant.not_found for an unknown company. */
    async create(input: { companyId?: string | undefined; name?: string | undefined }, actor: Actor | null = null): Promise<OperatorToken & { token: string }> {
      if (input.companyId !== undefined) assertThat(await deps.tenants.getCompany(input.companyId), 'tenant.not_found', { param: 'company' });
      if (input.name !== undefined && (input.name.length < 1 || input.name.length > 100)) throw invalidParam('name', 'must be 1-100 characters long');
      const token = `${OPERATOR_TOKEN_PREFIX}${newHexToken(32)}`;
      const record: OperatorToken = {
        tokenId: newOpaqueId(),
        name: input.name ?? (input.companyId ? `company ${input.companyId}` : 'installation'),
        companyId: input.companyId ?? null,
        createdAt: deps.now(),
        lastUsedAt: null,
        revokedAt: null,
      };
      await audited(actor, 'createOperatorToken', record, (tokens) => tokens.insert(record, hashOperatorToken(token)));
      return { ...record, token };
    },

    /** The live token a bearer value names, or undefined; records the use (at most once a minute). */
    async authenticate(token: string): Promise<OperatorToken | undefined> {
      if (!TOKEN_SHAPE.test(token)) return undefined;
      const found = await deps.tokens.findLiveByHash(hashOperatorToken(token));
      if (!found) return undefined;
      const now = deps.now();
      if ((touched.get(found.tokenId) ?? 0) + TOUCH_EVERY_MS <= now) {
        if (touched.size > 10_000) touched.clear();
        touched.set(found.tokenId, now);
        await deps.tokens.touch(found.tokenId, now);
      }
      return found;
    },

    /** Revokes at once (no cache holds tokens); throws invalidParam for an unknown or already revoked id. */
    async revoke(tokenId: string, actor: Actor | null = null): Promise<void> {
      const record = actor === null ? undefined : (await deps.tokens.list()).find((t) => t.tokenId === tokenId);
      const target = record ?? { tokenId, companyId: null };
      await audited(actor, 'revokeOperatorToken', target, async (tokens) => {
        if (!(await tokens.revoke(tokenId, deps.now()))) throw invalidParam('token', 'no such live token');
      });
    },

    list: () => deps.tokens.list(),
  };
}

export type OperatorTokenService = ReturnType<typeof createOperatorTokenService>;
