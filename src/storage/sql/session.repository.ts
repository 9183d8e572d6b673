import type { Kysely } from 'kysely';
import type { IotSession, SessionRepository } from '#src/domain/session.js';
import type { Database, IotSessionRow } from './tables.js';

function rowToSession(r: Pick<IotSessionRow, keyof IotSessionRow>): IotSession {
  return {
    sessionId: r.session_id,
    companyId: r.company_id,
    employeeId: r.employee_id,
    identityId: r.identity_id,
    appKey: r.app_key,
    createdAt: Number(r.created_at),
    revokedAt: r.revoked_at === null ? null : Number(r.revoked_at),
  };
}

const SESSION_COLUMNS = [
  'iot_sessions.session_id',
  'iot_sessions.company_id',
  'iot_sessions.employee_id',
  'iot_sessions.identity_id',
  'iot_sessions.app_key',
  'iot_sessions.created_at',
  'iot_sessions.revoked_at',
] as const;

/** IoT sessions: a session row per sign-in, a token row per issued pair (hashes only). */
export function createSessionRepository(db: Kysely<Database>): SessionRepository {
  const sessionOf = (sessionId: string) => db.selectFrom('iot_sessions').selectAll().where('session_id', '=', sessionId).executeTakeFirst();
  return {
    async insertSession(s, pair, now) {
      await db
        .insertInto('iot_sessions')
        .values({
          session_id: s.sessionId,
          company_id: s.companyId,
          employee_id: s.employeeId,
          identity_id: s.identityId,
          app_key: s.appKey,
          created_at: s.createdAt,
          revoked_at: null,
        })
        .execute();
      await this.insertPair(s.sessionId, pair, now);
    },
    async sweepExpired(now) {
      const pairs = await db.deleteFrom('iot_session_tokens').where('refresh_expires_at', '<=', now).executeTakeFirst();
      const sessions = await db
        .deleteFrom('iot_sessions')
        .where(({ not, exists, selectFrom }) =>
          not(exists(selectFrom('iot_session_tokens').select('iot_session_tokens.session_id').whereRef('iot_session_tokens.session_id', '=', 'iot_sessions.session_id'))),
        )
        .executeTakeFirst();
      return Number(pairs.numDeletedRows) + Number(sessions.numDeletedRows);
    },
    async lockEmployee(companyId, employeeId) {
      // A no-op write takes the employee row's lock: concurrent sign-ins of one user queue here, so
      // each sees the sessions the previous one left.
      await db
        .updateTable('employees')
        .set((eb) => ({ updated_at: eb.ref('updated_at') }))
        .where('company_id', '=', companyId)
        .where('employee_id', '=', employeeId)
        .execute();
    },
    async revokeOlder(identityId, appKey, keep, now) {
      const live = await db
        .selectFrom('iot_sessions')
        .select('session_id')
        .where('identity_id', '=', identityId)
        .where('app_key', '=', appKey)
        .where('revoked_at', 'is', null)
        .orderBy('created_at', 'desc')
        .orderBy('session_id', 'desc')
        .execute();
      const ended = live.slice(Math.max(0, keep)).map((r) => r.session_id);
      if (ended.length === 0) return 0;
      const r = await db.updateTable('iot_sessions').set({ revoked_at: now }).where('session_id', 'in', ended).where('revoked_at', 'is', null).executeTakeFirst();
      return Number(r.numUpdatedRows);
    },
    async findByIotToken(hash, now) {
      const row = await db
        .selectFrom('iot_session_tokens')
        .innerJoin('iot_sessions', 'iot_sessions.session_id', 'iot_session_tokens.session_id')
        .select(SESSION_COLUMNS)
        .where('iot_session_tokens.iot_token_hash', '=', hash)
        .where('iot_session_tokens.rotated_at', 'is', null)
        .where('iot_session_tokens.iot_expires_at', '>', now)
        .where('iot_sessions.revoked_at', 'is', null)
        .executeTakeFirst();
      return row ? rowToSession(row) : undefined;
    },
    async consumeRefresh(hash, now) {
      // One conditional UPDATE decides a race of refreshes: the losers match no row.
      const used = await db
        .updateTable('iot_session_tokens')
        .set({ rotated_at: now })
        .where('refresh_token_hash', '=', hash)
        .where('rotated_at', 'is', null)
        .where('refresh_expires_at', '>', now)
        .returning('session_id')
        .executeTakeFirst();
      if (!used) return undefined;
      const session = await sessionOf(used.session_id);
      return session && session.revoked_at === null ? rowToSession(session) : undefined;
    },
    async findRefresh(hash) {
      const row = await db
        .selectFrom('iot_session_tokens')
        .innerJoin('iot_sessions', 'iot_sessions.session_id', 'iot_session_tokens.session_id')
        .select([...SESSION_COLUMNS, 'iot_session_tokens.rotated_at', 'iot_session_tokens.refresh_expires_at'])
        .where('iot_session_tokens.refresh_token_hash', '=', hash)
        .executeTakeFirst();
      if (!row) return undefined;
      return {
        session: rowToSession(row),
        rotatedAt: row.rotated_at === null ? null : Number(row.rotated_at),
        refreshExpiresAt: Number(row.refresh_expires_at),
      };
    },
    async insertPair(sessionId, pair, now) {
      await db
        .insertInto('iot_session_tokens')
        .values({
          iot_token_hash: pair.iotTokenHash,
          refresh_token_hash: pair.refreshTokenHash,
          session_id: sessionId,
          iot_expires_at: pair.iotExpiresAt,
          refresh_expires_at: pair.refreshExpiresAt,
          rotated_at: null,
          created_at: now,
        })
        .execute();
    },
    async revokeSession(sessionId, now) {
      await db.updateTable('iot_sessions').set({ revoked_at: now }).where('session_id', '=', sessionId).where('revoked_at', 'is', null).execute();
    },
    async revokeEmployee(companyId, employeeId, now) {
      const r = await db
        .updateTable('iot_sessions')
        .set({ revoked_at: now })
        .where('company_id', '=', companyId)
        .where('employee_id', '=', employeeId)
        .where('revoked_at', 'is', null)
        .executeTakeFirst();
      return Number(r.numUpdatedRows);
    },
    async revokeApp(appKey, now) {
      const r = await db.updateTable('iot_sessions').set({ revoked_at: now }).where('app_key', '=', appKey).where('revoked_at', 'is', null).executeTakeFirst();
      return Number(r.numUpdatedRows);
    },
    async revokeEmployeeAnywhere(employeeId, now) {
      const r = await db.updateTable('iot_sessions').set({ revoked_at: now }).where('employee_id', '=', employeeId).where('revoked_at', 'is', null).executeTakeFirst();
      return Number(r.numUpdatedRows);
    },
  };
}
