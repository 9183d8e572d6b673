import type { Kysely } from 'kysely';
import type { OperatorToken, OperatorTokenRepository } from '#src/domain/admin-ports.js';
import type { AdminTokenRow, Database } from './tables.js';

function rowToToken(r: Pick<AdminTokenRow, 'token_id' | 'name' | 'company_id' | 'created_at' | 'last_used_at' | 'revoked_at'>): OperatorToken {
  return {
    tokenId: r.token_id,
    name: r.name,
    companyId: r.company_id,
    createdAt: Number(r.created_at),
    lastUsedAt: r.last_used_at === null ? null : Number(r.last_used_at),
    revokedAt: r.revoked_at === null ? null : Number(r.revoked_at),
  };
}

const COLUMNS = ['token_id', 'name', 'company_id', 'created_at', 'last_used_at', 'revoked_at'] as const;

/** Operator tokens of the admin API; looked up by hash before any company is known. */
export function createOperatorTokenRepository(db: Kysely<Database>): OperatorTokenRepository {
  return {
    async insert(t, tokenHash) {
      await db
        .insertInto('admin_tokens')
        .values({
          token_id: t.tokenId,
          token_hash: tokenHash,
          name: t.name,
          company_id: t.companyId,
          created_at: t.createdAt,
          last_used_at: null,
          revoked_at: null,
        })
        .execute();
    },
    async findLiveById(tokenId) {
      const r = await db.selectFrom('admin_tokens').select(COLUMNS).where('token_id', '=', tokenId).where('revoked_at', 'is', null).executeTakeFirst();
      return r ? rowToToken(r) : undefined;
    },
    async findLiveByHash(tokenHash) {
      const r = await db
        .selectFrom('admin_tokens')
        .select(COLUMNS)
        .where('token_hash', '=', tokenHash)
        .where('revoked_at', 'is', null)
        .executeTakeFirst();
      return r ? rowToToken(r) : undefined;
    },
    async list() {
      const rows = await db.selectFrom('admin_tokens').select(COLUMNS).orderBy('created_at').orderBy('token_id').execute();
      return rows.map(rowToToken);
    },
    async revoke(tokenId, at) {
      const r = await db
        .updateTable('admin_tokens')
        .set({ revoked_at: at })
        .where('token_id', '=', tokenId)
        .where('revoked_at', 'is', null)
        .executeTakeFirst();
      return Number(r.numUpdatedRows) > 0;
    },
    async touch(tokenId, at) {
      await db.updateTable('admin_tokens').set({ last_used_at: at }).where('token_id', '=', tokenId).execute();
    },
  };
}
