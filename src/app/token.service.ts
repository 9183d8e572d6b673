import { createHash } from 'node:crypto';
import { DomainError } from '#src/domain/errors.js';
import { newHexToken } from '#src/domain/ids.js';
import type { Store } from '#src/domain/ports.js';
import { createSignMemory } from './sign-memory.js';

export interface TokenServiceDeps {
  store: Store;
  now: () => number;
  /** Lifetime of a new token in seconds (the `expires_in` the caller is told). */
  ttlSec: number;
  /** Tokens one app may get per hour (the platform documents 60); 0 = no limit. */
  issueLimitPerHour?: number | undefined;
  /** How far a call's timestamp may be from ours, in seconds: how long a sign must be remembered. */
  signWindowSec: number;
}

/** The platform's `/token/create` limit: "此接口限制为60次/小时" (notes §1). */
export const DEFAULT_TOKEN_ISSUE_LIMIT = 60;
const ISSUE_WINDOW_MS = 3_600_000;

/** How long a process trusts a token it has read from the store before reading it again. */
const CACHE_MS = 60_000;
const CACHE_MAX = 50_000;

/**
 * The form a token is stored in: a SHA-256 hex digest, so a leaked table yields no usable token.
 * Tokens are 128 random bits, so an unsalted fast hash is enough (no guessing to slow down).
 */
export function hashAccessToken(token: string): string {
  return createHash('sha256').update(token, 'utf8').digest('hex');
}

/**
 * Benefits access tokens. A new token never revokes older ones: the official SDK renews at 80 % of
 * the lifetime and retries forever on 1000210004, so revoking would make it loop (notes §1).
 */
export function createTokenService(deps: TokenServiceDeps) {
  const cache = new Map<string, { appKey: string; until: number }>();
  return {
    /** The signs of data-changing calls made with these tokens, each accepted once (see SignMemory). */
    signs: createSignMemory({ store: deps.store, now: deps.now, windowSec: deps.signWindowSec }),

    /**
     * Issues a 32-hex token for the app; returns it with its lifetime in seconds. Throws
     * auth.rate_limited (1000200052) once the app has had its tokens for the hour: the budget is in the
     * store, so it holds across restarts and for every process. The app's expired tokens are swept here,
     * so the table holds at most its live tokens, whether or not a periodic sweep runs.
     */
    async issue(appKey: string): Promise<{ accessToken: string; expiresIn: number }> {
      const token = newHexToken(16);
      const limit = deps.issueLimitPerHour ?? DEFAULT_TOKEN_ISSUE_LIMIT;
      await deps.store.transaction(async (repos) => {
        const now = deps.now();
        if (limit > 0 && !(await repos.credentials.takeTokenIssue(appKey, now, ISSUE_WINDOW_MS, limit))) {
          throw new DomainError('auth.rate_limited', { param: 'appid', rule: `at most ${limit} tokens an hour` });
        }
        await repos.credentials.sweepAccessTokens(appKey, now);
        await repos.credentials.insertAccessToken(hashAccessToken(token), appKey, now + deps.ttlSec * 1000);
      });
      return { accessToken: token, expiresIn: deps.ttlSec };
    },

    /** The app key a live token was issued to, or undefined for an unknown or expired token. */
    async resolve(token: string): Promise<string | undefined> {
      const now = deps.now();
      const hash = hashAccessToken(token);
      const hit = cache.get(hash);
      if (hit && hit.until > now) return hit.appKey;
      if (hit) cache.delete(hash);
      const live = await deps.store.repos.credentials.findAccessToken(hash, now);
      if (!live) return undefined;
      if (cache.size >= CACHE_MAX) cache.clear();
      // Never past the token's own expiry; the store row stays authoritative for other processes.
      cache.set(hash, { appKey: live.appKey, until: Math.min(live.expiresAt, now + CACHE_MS) });
      return live.appKey;
    },
  };
}

export type TokenService = ReturnType<typeof createTokenService>;
