import type { App } from '#src/domain/app.js';
import { isInitialized, type Company } from '#src/domain/company.js';
import type { Employee } from '#src/domain/employee.js';
import { assertThat, DomainError } from '#src/domain/errors.js';
import type { OaCodeType, OaConnector } from '#src/domain/oa.js';
import type { OaIdentity } from '#src/domain/oa-connector.js';
import { ConflictError, type Repositories, type Store } from '#src/domain/ports.js';
import type { AccessService } from '../access.service.js';
import { employeeConflictToDomain } from '../employee-conflicts.js';
import { appActor } from '../audit-trail.js';
import { DEV_LINK_CONNECTOR, linkOrCreateEmployee } from './employee-link.js';
import type { OaConnectorsService } from './oa-connectors.service.js';

/** Unique indexes a concurrent sign-in can trip; another pass sees the winner's rows. */
const RACE_CONSTRAINTS = new Set([
  'employee_oa_links_pk',
  'employees_oa_user_uq',
  'employees_phone_uq',
  'employees_email_uq',
  'employees_userid_uq',
  'employees_work_number_uq',
]);
const ATTEMPTS = 3;
const NOT_DEV = new Error('not a development-OA code');

export interface OaSignInDeps {
  store: Store;
  access: AccessService;
  /** The built-in development OA; null when `ROSTER_DEV_OA=off`. */
  devOa: OaConnector | null;
  connectors: OaConnectorsService;
  now: () => number;
}

export interface SignedIn {
  company: Company;
  employee: Employee;
}

/** A development-OA profile as an identity; its phone is required (the dev OA always hands one out). */
function devIdentity(profile: { oaUserId: string; phone: string; name: string; email: string | null; avatarUrl: string | null }): OaIdentity {
  return {
    subject: profile.oaUserId,
    userId: profile.oaUserId,
    tenantHint: null,
    name: profile.name,
    mobile: profile.phone ? String(profile.phone) : null,
    email: profile.email || null,
    avatarUrl: profile.avatarUrl || null,
    employeeNo: null,
  };
}

/**
 * Sign-in from an OA login code: the development OA's codes (when on) are looked up in Roster's own
 * database, inside the transaction, so a failed creation leaves them usable; any other code goes to
 * the app's connector first (outside any transaction: a slow OA must not hold a database connection),
 * then the employee is linked or created in one transaction.
 */
export function createOaSignIn(deps: OaSignInDeps) {
  async function enter(repos: Repositories, app: App, companyId: string, identity: OaIdentity, connectorId: string, requirePhone: boolean): Promise<SignedIn> {
    assertThat(await deps.access.mayAccess(app, companyId, repos), 'auth.forbidden');
    const company = await repos.tenants.getCompany(companyId);
    assertThat(company && isInitialized(company), 'company.not_initialized');
    const employee = await linkOrCreateEmployee(repos, company, identity, { connectorId, requirePhone, creator: app.appKey, actor: appActor(app), now: deps.now() });
    return { company: { ...company, employeeCount: Math.max(company.employeeCount, employee.seq) }, employee };
  }

  /** One pass: undefined when the code is not (or not for this code type) the development OA's. */
  async function devPass(app: App, code: string, codeType: OaCodeType): Promise<SignedIn | undefined> {
    try {
      return await deps.store.transaction(async (repos) => {
        const signIn = await deps.devOa!.exchange(repos, code, codeType, deps.now());
        // Thrown, not returned: a code of the wrong type was marked used, and the rollback unmarks it.
        if (!signIn) throw NOT_DEV;
        return enter(repos, app, signIn.companyId, devIdentity(signIn.profile), DEV_LINK_CONNECTOR, true);
      });
    } catch (error) {
      if (error === NOT_DEV) return undefined;
      throw error;
    }
  }

  async function withRaceRetry<T>(pass: () => Promise<T>): Promise<T> {
    for (let attempt = 1; ; attempt++) {
      try {
        return await pass();
      } catch (error) {
        // A concurrent sign-in won a unique index: its transaction committed, ours rolled back, and the
        // next pass finds its rows. A real conflict (another user's phone) fails every pass.
        const race = error instanceof ConflictError && RACE_CONSTRAINTS.has(error.constraint);
        if (!race || attempt >= ATTEMPTS) {
          const mapped = employeeConflictToDomain(error);
          // A link still contended after every pass: the account cannot be registered now (2402).
          throw mapped instanceof ConflictError ? new DomainError('employee.register_failed') : mapped;
        }
      }
    }
  }

  return {
    /**
     * The employee behind an OA code, created on the first sign-in. Throws oa.code_invalid,
     * oa.not_member, oa.upstream_error, oa.upstream_timeout, auth.forbidden, company.not_initialized,
     * employee.phone_invalid, employee.phone_taken, employee.email_taken.
     */
    async signIn(app: App, code: string, codeType: OaCodeType): Promise<SignedIn> {
      if (deps.devOa) {
        const dev = await withRaceRetry(() => devPass(app, code, codeType));
        if (dev) return dev;
      }
      const resolved = await deps.connectors.exchange(app, code, codeType);
      assertThat(resolved, 'oa.code_invalid');
      const { connector, identity } = resolved;
      return withRaceRetry(() =>
        deps.store.transaction((repos) => enter(repos, app, connector.companyId, identity, connector.connectorId, connector.config.requirePhone === true)),
      );
    },
  };
}

export type OaSignIn = ReturnType<typeof createOaSignIn>;
