import { sql, type Kysely } from 'kysely';
import type { CredentialRepository } from '#src/domain/ports.js';
import { runReusable } from './reusable-query.js';
import type { Database } from './tables.js';

export function createCredentialRepository(db: Kysely<Database>): CredentialRepository {
  return {
    async insertOaCode(r) {
      await db
        .insertInto('oa_codes')
        .values({
          code_hash: r.codeHash,
          company_id: r.companyId,
          code_type: r.codeType,
          profile: r.profile,
          expires_at: r.expiresAt,
          used_at: null,
        })
        .execute();
    },
    async consumeOaCode(codeHash, now) {
      // One conditional UPDATE decides the race: the loser matches no row.
      const [row] = await runReusable(db, 'oa_codes.consume', [codeHash, now], (hash, at) =>
        db
          .updateTable('oa_codes')
          .set({ used_at: at as unknown as number })
          .where('code_hash', '=', hash!)
          .where('used_at', 'is', null)
          .where('expires_at', '>', at as unknown as number)
          .returning(['company_id', 'code_type', 'profile']),
      );
      return row ? { companyId: row.company_id, codeType: row.code_type, profile: row.profile } : undefined;
    },
    async rememberNonce(appKey, nonce, expiresAt, now) {
      // One statement decides, on every engine and between processes: a new (app, nonce) is inserted,
      // an expired sighting the sweep has not deleted yet is taken over, a live one matches no row.
      // No unique-violation error is raised, so a flood of replays costs one cheap statement each.
      const rows = await runReusable(db, 'nonces.remember', [appKey, nonce, expiresAt, now], (key, value, until, at) =>
        db
          .insertInto('nonces')
          .values({ app_key: key!, nonce: value!, expires_at: until as unknown as number })
          .onConflict((oc) =>
            oc
              .columns(['app_key', 'nonce'])
              .doUpdateSet({ expires_at: (eb) => eb.ref('excluded.expires_at') })
              .where('nonces.expires_at', '<=', at as unknown as number),
          )
          .returning('app_key'),
      );
      return rows.length > 0;
    },
    async insertAccessToken(tokenHash, appKey, expiresAt) {
      await db.insertInto('access_tokens').values({ token_hash: tokenHash, app_key: appKey, expires_at: expiresAt }).execute();
    },
    async takeTokenIssue(appKey, now, windowMs, limit) {
      // One statement decides, on both engines: the upsert locks the app's row (PostgreSQL re-reads it
      // under the lock; SQLite has one writer), starts a new window once the old one is over, and
      // otherwise counts on only while under the limit. No row back means the budget is spent.
      const windowOver = now - windowMs;
      const { rows } = await sql<{ issued: number }>`
        insert into token_issuance (app_key, window_start, issued) values (${appKey}, ${now}, 1)
        on conflict (app_key) do update set
          window_start = case when token_issuance.window_start <= ${windowOver} then ${now} else token_issuance.window_start end,
          issued = case when token_issuance.window_start <= ${windowOver} then 1 else token_issuance.issued + 1 end
        where token_issuance.window_start <= ${windowOver} or token_issuance.issued < ${limit}
        returning issued`.execute(db);
      return rows.length > 0;
    },
    async sweepAccessTokens(appKey, now) {
      const r = await db.deleteFrom('access_tokens').where('app_key', '=', appKey).where('expires_at', '<=', now).executeTakeFirst();
      return Number(r.numDeletedRows);
    },
    async rememberSign(appKey, sign, expiresAt, now) {
      // The same one-statement insert-or-take-over-expired as rememberNonce: a live sighting of this
      // (app, sign) matches no row, so a replay is refused without a unique-violation error.
      const rows = await runReusable(db, 'benefits_signs.remember', [appKey, sign, expiresAt, now], (key, value, until, at) =>
        db
          .insertInto('benefits_signs')
          .values({ app_key: key!, sign: value!, expires_at: until as unknown as number })
          .onConflict((oc) =>
            oc
              .columns(['app_key', 'sign'])
              .doUpdateSet({ expires_at: (eb) => eb.ref('excluded.expires_at') })
              .where('benefits_signs.expires_at', '<=', at as unknown as number),
          )
          .returning('app_key'),
      );
      return rows.length > 0;
    },
    async findAccessToken(tokenHash, now) {
      const r = await db
        .selectFrom('access_tokens')
        .select(['app_key', 'expires_at'])
        .where('token_hash', '=', tokenHash)
        .where('expires_at', '>', now)
        .executeTakeFirst();
      return r ? { appKey: r.app_key, expiresAt: Number(r.expires_at) } : undefined;
    },
    async sweepExpired(now) {
      let n = 0;
      for (const table of ['oa_codes', 'nonces', 'access_tokens', 'benefits_signs'] as const) {
        const r = await db.deleteFrom(table).where('expires_at', '<=', now).executeTakeFirst();
        n += Number(r.numDeletedRows);
      }
      return n;
    },
  };
}
