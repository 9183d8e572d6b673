import type { Container } from '#src/container.js';
import { cliActor } from '#src/app/audit-trail.js';
import { invalidParam } from '#src/domain/errors.js';
import { optionalFlag, parseFlags } from './args.js';
import type { AdminCommand } from './dev-oa.commands.js';

const iso = (ms: number | null) => (ms === null ? null : new Date(ms).toISOString());

/**
 * `roster admin token …`: operator tokens for the admin API. These work on the local store directly
 * (not through the API): they are how the first credential comes to exist.
 */
export const ADMIN_TOKEN_COMMANDS: Record<string, AdminCommand> = {
  async 'admin token'(c: Container, argv: string[]) {
    const [verb, ...rest] = argv;
    if (verb === 'create') {
      const { flags } = parseFlags(rest, ['company', 'name']);
      const created = await c.admin.tokens.create({ companyId: optionalFlag(flags, 'company'), name: optionalFlag(flags, 'name') }, cliActor());
      return { token: created.token, tokenId: created.tokenId, name: created.name, companyId: created.companyId };
    }
    if (verb === 'revoke') {
      const { positionals } = parseFlags(rest, []);
      const tokenId = positionals[0];
      if (!tokenId) throw invalidParam('TOKEN_ID', 'is required (see roster admin token list)');
      await c.admin.tokens.revoke(tokenId, cliActor());
      return { tokenId, revoked: true };
    }
    if (verb === 'list') {
      parseFlags(rest, []);
      const tokens = await c.admin.tokens.list();
      return {
        tokens: tokens.map((t) => ({ tokenId: t.tokenId, name: t.name, companyId: t.companyId, createdAt: iso(t.createdAt), lastUsedAt: iso(t.lastUsedAt), revokedAt: iso(t.revokedAt) })),
      };
    }
    throw invalidParam('admin token', 'use create, revoke or list');
  },
};
