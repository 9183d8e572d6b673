import { createHash, randomBytes } from 'node:crypto';
import type { Actor } from '#src/domain/audit.js';
import type { App } from '#src/domain/app.js';
import type { Company } from '#src/domain/company.js';
import { isResigned, type Employee } from '#src/domain/employee.js';
import { assertThat, DomainError } from '#src/domain/errors.js';
import { newOpaqueId } from '#src/domain/ids.js';
import type { OaCodeType } from '#src/domain/oa.js';
import type { Repositories, Store } from '#src/domain/ports.js';
import type { IotSession, SessionTokenHashes } from '#src/domain/session.js';
import { recordChange } from './audit-trail.js';
import type { OaSignIn } from './oa/oa-sign-in.js';

/**
 * A used refresh token presented again within this many seconds of its use answers 2401 and leaves
 * the session alone (two tabs refreshing at once, a client retrying a request whose answer it lost);
 * later, it is taken for a stolen copy and the whole session is revoked.
 */
export const REFRESH_REUSE_GRACE_SEC = 30;

export interface SessionServiceDeps {
  store: Store;
  oaSignIn: OaSignIn;
  now: () => number;
  iotTokenTtlSec: number;
  refreshTokenTtlSec: number;
}

/** A freshly issued pair, as `session/createbyauthcode` and `checkOrRefreshSession` answer it. */
export interface IssuedSession {
  identityId: string;
  iotToken: string;
  iotTokenExpire: number;
  refreshToken: string;
  refreshTokenExpire: number;
}

/** The signed-in user behind a live iotToken. */
export interface SessionIdentity {
  session: IotSession;
  company: Company;
  employee: Employee;
}

const sha256 = (token: string) => createHash('sha256').update(token).digest('hex');

/**
 * IoT user sessions: issued from OA codes, looked up by iotToken, rotated by refreshToken. Tokens are
 * opaque random strings shaped like the platform's (iotToken 32 lower-case hex, refreshToken 32
 * upper-case hex) and stored only as SHA-256 hashes; each is bound to the app that created it.
 */
export function createSessionService(deps: SessionServiceDeps) {
  function newPair(now: number): { tokens: IssuedSession; hashes: SessionTokenHashes } {
    const iotToken = randomBytes(16).toString('hex');
    const refreshToken = randomBytes(16).toString('hex').toUpperCase();
    return {
      tokens: { identityId: '', iotToken, iotTokenExpire: deps.iotTokenTtlSec, refreshToken, refreshTokenExpire: deps.refreshTokenTtlSec },
      hashes: {
        iotTokenHash: sha256(iotToken),
        refreshTokenHash: sha256(refreshToken),
        iotExpiresAt: now + deps.iotTokenTtlSec * 1000,
        refreshExpiresAt: now + deps.refreshTokenTtlSec * 1000,
      },
    };
  }

  async function load(repos: Repositories, session: IotSession): Promise<SessionIdentity | undefined> {
    // Two independent reads: on PostgreSQL they travel together.
    const [company, employee] = await Promise.all([repos.tenants.getCompany(session.companyId), repos.employees(session.companyId).getById(session.employeeId)]);
    // A resigned employee's sessions end with the resignation, scheduled ones included.
    if (!company || !employee || isResigned(employee, deps.now())) return undefined;
    return { session, company, employee };
  }

  return {
    /**
     * Signs in with an OA code exactly as createbyauthcode does, then opens a session: the app's
     * oldest live sessions of the identity end so that at most `maxSessions` stay (1 by default).
     * A resigned employee gets no session (employee.not_found).
     */
    async createFromOaCode(app: App, authCode: string, codeType: OaCodeType): Promise<IssuedSession> {
      const { company, employee } = await deps.oaSignIn.signIn(app, authCode, codeType);
      const now = deps.now();
      // The OA may still know someone the directory has resigned: no session for them (107313, "deleted").
      assertThat(!isResigned(employee, now), 'employee.not_found');
      const { tokens, hashes } = newPair(now);
      await deps.store.transaction(async (repos) => {
        await repos.sessions.lockEmployee(company.companyId, employee.employeeId);
        await repos.sessions.revokeOlder(employee.identityId, app.appKey, Math.max(1, app.maxSessions ?? 1) - 1, now);
        const session = { sessionId: newOpaqueId(), companyId: company.companyId, employeeId: employee.employeeId, identityId: employee.identityId, appKey: app.appKey, createdAt: now, revokedAt: null };
        await repos.sessions.insertSession(session, hashes, now);
      });
      return { ...tokens, identityId: employee.identityId };
    },

    /** The user behind a live iotToken of this app; throws session.iot_token_invalid otherwise. */
    async identify(app: App, iotToken: string): Promise<SessionIdentity> {
      const repos = deps.store.repos;
      const session = await repos.sessions.findByIotToken(sha256(iotToken), deps.now());
      // Another app's token is no token here: the same answer, so nothing leaks about it.
      const found = session && session.appKey === app.appKey ? await load(repos, session) : undefined;
      assertThat(found, 'session.iot_token_invalid');
      return found;
    },

    /**
     * Trades a current refresh token for a new pair; the old pair dies. Of concurrent refreshes of
     * one token exactly one wins. A used token presented again more than REFRESH_REUSE_GRACE_SEC
     * after its use revokes the session. Throws session.refresh_token_invalid.
     */
    async refresh(app: App, identityId: string, refreshToken: string): Promise<IssuedSession> {
      const hash = sha256(refreshToken);
      const now = deps.now();
      const { tokens, hashes } = newPair(now);
      const issued = await deps.store.transaction(async (repos) => {
        const state = await repos.sessions.findRefresh(hash);
        // Checked before consuming: a foreign app or identity must not spend someone's token.
        if (!state || state.session.appKey !== app.appKey || state.session.identityId !== identityId) return false;
        const session = await repos.sessions.consumeRefresh(hash, now);
        if (!session) return false;
        if (!(await load(repos, session))) return false;
        await repos.sessions.insertPair(session.sessionId, hashes, now);
        return true;
      });
      if (issued) return { ...tokens, identityId };
      await revokeOnReuse(hash, app, now);
      throw new DomainError('session.refresh_token_invalid');
    },

    /** Ends every live session of the employee (in `companyId` when given); returns how many. */
    async revokeEmployee(employeeId: string, companyId?: string, actor: Actor | null = null): Promise<number> {
      return deps.store.transaction(async (repos) => {
        const now = deps.now();
        const revoked = companyId ? await repos.sessions.revokeEmployee(companyId, employeeId, now) : await repos.sessions.revokeEmployeeAnywhere(employeeId, now);
        // Audited when something was revoked (the CLI's `roster session revoke`).
        if (actor !== null && revoked > 0) {
          await recordChange(repos, actor, { action: 'revokeSessions', objectType: 'employee', objectId: employeeId, companyId: companyId ?? null, changedFields: ['sessions'] }, now);
        }
        return revoked;
      });
    },
  };

  async function revokeOnReuse(hash: string, app: App, now: number): Promise<void> {
    const state = await deps.store.repos.sessions.findRefresh(hash);
    if (!state || state.rotatedAt === null || state.session.appKey !== app.appKey || state.session.revokedAt !== null) return;
    if (now - state.rotatedAt > REFRESH_REUSE_GRACE_SEC * 1000) await deps.store.repos.sessions.revokeSession(state.session.sessionId, now);
  }
}

export type SessionService = ReturnType<typeof createSessionService>;
