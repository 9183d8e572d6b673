import { sql, type Kysely } from 'kysely';
import type { AdminSessionRepository } from '#src/domain/admin-ports.js';
import type { Database } from './tables.js';

/** Console sessions and the sign-in failure counts behind the lockout. */
export function createAdminSessionRepository(db: Kysely<Database>): AdminSessionRepository {
  return {
    async insert(sessionHash, s, now) {
      await db
        .insertInto('admin_sessions')
        .values({ session_hash: sessionHash, company_id: s.companyId, employee_id: s.employeeId, csrf_token: s.csrfToken, created_at: now, expires_at: s.expiresAt })
        .execute();
    },
    async findLive(sessionHash, now) {
      const r = await db.selectFrom('admin_sessions').selectAll().where('session_hash', '=', sessionHash).where('expires_at', '>', now).executeTakeFirst();
      return r ? { companyId: r.company_id, employeeId: r.employee_id, csrfToken: r.csrf_token, expiresAt: Number(r.expires_at) } : undefined;
    },
    async delete(sessionHash) {
      await db.deleteFrom('admin_sessions').where('session_hash', '=', sessionHash).execute();
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
