import { sql, type Kysely } from 'kysely';
import type { AdminSessionRepository } from '#src/domain/admin-ports.js';
import type { Database } from './tables.js';

/** Console sessions and the sign-in failure counts behind the lockout. */
export function createAdminSessionRepository(db: Kysely<Database>): AdminSessionRepository {
  return {
    async insert(sessionHash, s, now) {
      await db
        .insertInto('admin_sessions')
        .values({
          session_hash: sessionHash,
          // The columns predate operator sessions and are NOT NULL: an absent id is stored empty.
          company_id: s.companyId ?? '',
          employee_id: s.employeeId ?? '',
          operator_token_id: s.operatorTokenId,
          csrf_token: s.csrfToken,
          created_at: now,
          expires_at: s.expiresAt,
        })
        .execute();
    },
    async findLive(sessionHash, now) {
      const r = await db.selectFrom('admin_sessions').selectAll().where('session_hash', '=', sessionHash).where('expires_at', '>', now).executeTakeFirst();
      if (!r) return undefined;
      return {
        companyId: r.company_id || null,
        employeeId: r.employee_id || null,
        operatorTokenId: r.operator_token_id ?? null,
        csrfToken: r.csrf_token,
        expiresAt: Number(r.expires_at),
      };
    },
    async insertOaSignIn(stateHash, p, now) {
      // Expired ones of anybody go first: the table holds only sign-ins still under way.
      await db.deleteFrom('admin_oa_sign_ins').where('expires_at', '<=', now).execute();
      await db
        .insertInto('admin_oa_sign_ins')
        .values({ state_hash: stateHash, company_id: p.companyId, connector_id: p.connectorId, code_verifier: p.codeVerifier, nonce: p.nonce, created_at: now, expires_at: p.expiresAt })
        .execute();
    },
    async takeOaSignIn(stateHash, now) {
      // One DELETE … RETURNING: two callbacks with one state cannot both take it.
      const r = await db.deleteFrom('admin_oa_sign_ins').where('state_hash', '=', stateHash).returningAll().executeTakeFirst();
      if (!r || Number(r.expires_at) <= now) return undefined;
      return { companyId: r.company_id, connectorId: r.connector_id, codeVerifier: r.code_verifier, nonce: r.nonce, expiresAt: Number(r.expires_at) };
    },
    async delete(sessionHash) {
      await db.deleteFrom('admin_sessions').where('session_hash', '=', sessionHash).execute();
    },
    async deleteOthersOf(companyId, employeeId, keepHash) {
      await db
        .deleteFrom('admin_sessions')
        .where('company_id', '=', companyId)
        .where('employee_id', '=', employeeId)
        .where('operator_token_id', 'is', null)
        .where('session_hash', '<>', keepHash)
        .execute();
    },
    async recordFailure(companyId, loginKey, now, windowMs) {
      // One upsert: concurrent failures each count (no read-then-write), and a stale window restarts.
      const stale = sql<boolean>`admin_sign_in_failures.first_failure_at < ${now - windowMs}`;
      const row = await db
        .insertInto('admin_sign_in_failures')
        .values({ company_id: companyId, login_key: loginKey, failures: 1, first_failure_at: now })
        .onConflict((oc) =>
          oc.columns(['company_id', 'login_key']).doUpdateSet({
            failures: sql<number>`case when ${stale} then 1 else admin_sign_in_failures.failures + 1 end`,
            first_failure_at: sql<number>`case when ${stale} then ${now} else admin_sign_in_failures.first_failure_at end`,
          }),
        )
        .returning(['failures', 'first_failure_at'])
        .executeTakeFirstOrThrow();
      return { failures: Number(row.failures), since: Number(row.first_failure_at) };
    },
    async failures(companyId, loginKey) {
      const r = await db
        .selectFrom('admin_sign_in_failures')
        .select(['failures', 'first_failure_at'])
        .where('company_id', '=', companyId)
        .where('login_key', '=', loginKey)
        .executeTakeFirst();
      return r ? { failures: Number(r.failures), since: Number(r.first_failure_at) } : undefined;
    },
    async clearFailures(companyId, loginKey) {
      await db.deleteFrom('admin_sign_in_failures').where('company_id', '=', companyId).where('login_key', '=', loginKey).execute();
    },
  };
}
