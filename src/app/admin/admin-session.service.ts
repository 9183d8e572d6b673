import { createHash, randomBytes } from 'node:crypto';
import type { AdminSessionRepository, OperatorToken } from '#src/domain/admin-ports.js';
import { isResigned, type Employee } from '#src/domain/employee.js';
import { assertThat, DomainError, invalidParam } from '#src/domain/errors.js';
import { normalizePhone } from '#src/domain/phone.js';
import type { Store } from '#src/domain/ports.js';
import { verifyPassword, type PasswordHasher } from '../password.js';
import { assertCompanyInScope, type Caller } from './caller-scope.js';

export interface AdminSessionServiceDeps {
  store: Store;
  sessions: AdminSessionRepository;
  now: () => number;
  /** The process's bounded, fair scrypt queue (console passwords wait in their company's share). */
  passwords: PasswordHasher;
}

/** Five failures within 15 minutes lock the login for the rest of those 15 minutes. */
const MAX_FAILURES = 5;
const WINDOW_MS = 15 * 60_000;
/** A console session lasts a working day. */
const SESSION_MS = 8 * 3_600_000;
const MIN_LENGTH = 10;

const sha256 = (value: string) => createHash('sha256').update(value, 'utf8').digest('hex');

/** The login as the lockout counts it: an email without case, a phone as E.164. */
function loginKeyOf(login: string): string {
  if (login.includes('@')) return login.toLowerCase();
  return normalizePhone(login)?.e164 ?? login;
}

/** Throws request.invalid_params (password) unless the password is strong enough for an admin. */
export function checkAdminPasswordStrength(password: string, employee: Pick<Employee, 'phoneE164' | 'email'>): void {
  if (password.length < MIN_LENGTH || password.length > 128) throw invalidParam('password', `must be ${MIN_LENGTH}-128 characters long`);
  const classes = [/[a-z]/, /[A-Z]/, /[0-9]/, /[^A-Za-z0-9]/].filter((re) => re.test(password)).length;
  if (classes < 3) throw invalidParam('password', 'must mix at least three of: lower case, upper case, digits, symbols');
  const lower = password.toLowerCase();
  const personal = [employee.phoneE164?.slice(-8), employee.email?.split('@')[0]?.toLowerCase()].filter((p): p is string => !!p && p.length >= 4);
  if (personal.some((p) => lower.includes(p))) throw invalidParam('password', 'must not contain the phone number or the email name');
}

/**
 * Company admins in the console: a password (scrypt) on an admin employee, sign-in with lockout, and
 * sessions kept as hashes of the cookie value. A session reaches its company only, like a company token.
 */
export function createAdminSessionService(deps: AdminSessionServiceDeps) {
  // Checked when the login names no admin with a password, so that answer takes as long as a wrong
  // password and does not tell which logins are admins.
  let decoy: Promise<string> | undefined;
  async function findAdmin(companyId: string, login: string): Promise<Employee | undefined> {
    const employees = deps.store.repos.employees(companyId);
    if (login.includes('@')) return employees.getByEmail(login);
    const phone = normalizePhone(login);
    return phone ? employees.getByPhone(phone.e164) : undefined;
  }

  return {
    /** Sets the console password of an admin employee (the main account is the first admin). */
    async setPassword(caller: Caller, companyId: string, employeeId: string, password: string): Promise<void> {
      assertCompanyInScope(caller, companyId);
      const employees = deps.store.repos.employees(companyId);
      const employee = await employees.getById(employeeId);
      assertThat(employee, 'employee.not_found');
      if (!employee.isAdmin) throw invalidParam('employeeId', 'is not an admin of the company');
      checkAdminPasswordStrength(password, employee);
      await employees.update(employeeId, { passwordHash: await deps.passwords.hash(`admin:${companyId}`, password), updatedAt: deps.now() });
    },

    /**
     * Signs a company admin in: auth.sign_in_failed for anything wrong (which is not said), and
     * auth.rate_limited once the login has failed too often. Returns the cookie value (shown once)
     * and the CSRF token the console sends back on every change.
     */
    async signIn(input: { companyId: string; login: string; password: string }) {
      const now = deps.now();
      const key = loginKeyOf(input.login);
      const past = await deps.sessions.failures(input.companyId, key);
      if (past && past.failures >= MAX_FAILURES && past.since > now - WINDOW_MS) {
        throw new DomainError('auth.rate_limited', { rule: 'too many failed sign-ins; try again in 15 minutes' });
      }
      const employee = await findAdmin(input.companyId, input.login);
      const hash = employee ? await deps.store.repos.employees(input.companyId).getPasswordHash(employee.employeeId) : undefined;
      const matches = await verifyPassword(input.password, hash || (await (decoy ??= deps.passwords.hash('admin:decoy', randomBytes(16).toString('hex')))));
      const ok = !!employee && employee.isAdmin && !isResigned(employee, now) && !!hash && matches;
      if (!ok) {
        await deps.sessions.recordFailure(input.companyId, key, now, WINDOW_MS);
        throw new DomainError('auth.sign_in_failed');
      }
      await deps.sessions.clearFailures(input.companyId, key);
      const sessionToken = randomBytes(32).toString('base64url');
      const csrfToken = randomBytes(32).toString('base64url');
      const session = { companyId: input.companyId, employeeId: employee.employeeId, csrfToken, expiresAt: now + SESSION_MS };
      await deps.sessions.insert(sha256(sessionToken), session, now);
      return { sessionToken, ...session, name: employee.name };
    },

    /**
     * The caller a session cookie stands for, checked on every request: the employee must still be a
     * serving admin. Undefined for an unknown or expired session.
     */
    async authenticate(sessionToken: string): Promise<{ caller: OperatorToken; csrfToken: string } | undefined> {
      const now = deps.now();
      const session = await deps.sessions.findLive(sha256(sessionToken), now);
      if (!session) return undefined;
      const employee = await deps.store.repos.employees(session.companyId).getById(session.employeeId);
      if (!employee || !employee.isAdmin || isResigned(employee, now)) return undefined;
      return {
        caller: { tokenId: `admin:${employee.employeeId}`, name: employee.name, companyId: session.companyId, createdAt: now, lastUsedAt: now, revokedAt: null },
        csrfToken: session.csrfToken,
      };
    },

    async signOut(sessionToken: string): Promise<void> {
      await deps.sessions.delete(sha256(sessionToken));
    },
  };
}

export type AdminSessionService = ReturnType<typeof createAdminSessionService>;
