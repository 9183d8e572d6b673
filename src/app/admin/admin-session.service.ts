import { createHash, randomBytes } from 'node:crypto';
import type { AdminSession, AdminSessionRepository, OperatorToken, OperatorTokenRepository } from '#src/domain/admin-ports.js';
import { isResigned, type Employee } from '#src/domain/employee.js';
import { assertThat, DomainError, invalidParam } from '#src/domain/errors.js';
import { normalizePhone } from '#src/domain/phone.js';
import type { Store } from '#src/domain/ports.js';
import { verifyPassword, type PasswordHasher } from '../password.js';
import { assertCompanyInScope, type Caller } from './caller-scope.js';

export interface AdminSessionServiceDeps {
  store: Store;
  sessions: AdminSessionRepository;
  /** Operator sessions act as a token and are re-checked against it (revoked → out). */
  tokens: OperatorTokenRepository;
  /** Authenticates a bearer value (for `POST /session {operatorToken}`). */
  authenticateToken: (token: string) => Promise<OperatorToken | undefined>;
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

/** What the console learns of its session (`GET /session`, and the sign-in answers). */
export interface SessionView {
  kind: 'admin' | 'operator';
  companyId: string | null;
  employeeId: string | null;
  name: string;
  csrfToken: string;
  expiresAt: number;
}

/** A session just opened: the view, and the cookie value (shown only here, stored as a hash). */
export type IssuedSession = SessionView & { sessionToken: string };

/** A live session: who it acts as, and what the console is told. */
export interface LiveSession {
  caller: OperatorToken;
  csrfToken: string;
  view: SessionView;
  /** The admin employee of an admin session. */
  employee?: Employee;
  /** The stored session's key (the hash of the cookie value). */
  sessionHash: string;
}

/**
 * Console sessions: company admins with a password (scrypt, lockout) or through the company's OA,
 * operators with an operator token; sessions are kept as hashes of the cookie value. An admin's
 * session reaches its company only, like a company token; an operator's acts as its token.
 * Admins are the employees with the admin flag: the main account from the start, and whoever an
 * operator or admin flags (`PATCH …/employees/{id} {isAdmin}`, `roster admin password set --userid`).
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

  async function open(session: Omit<AdminSession, 'csrfToken' | 'expiresAt'>, name: string): Promise<IssuedSession> {
    const now = deps.now();
    const sessionToken = randomBytes(32).toString('base64url');
    const stored: AdminSession = { ...session, csrfToken: randomBytes(32).toString('base64url'), expiresAt: now + SESSION_MS };
    await deps.sessions.insert(sha256(sessionToken), stored, now);
    const kind = session.operatorTokenId === null ? 'admin' : 'operator';
    return { sessionToken, kind, companyId: stored.companyId, employeeId: stored.employeeId, name, csrfToken: stored.csrfToken, expiresAt: stored.expiresAt };
  }

  /** Counts a failure against the lockout, or refuses at once when the login is locked. */
  async function checkLockout(companyId: string, key: string, now: number): Promise<void> {
    const past = await deps.sessions.failures(companyId, key);
    if (past && past.failures >= MAX_FAILURES && past.since > now - WINDOW_MS) {
      throw new DomainError('auth.rate_limited', { rule: 'too many failed sign-ins; try again in 15 minutes' });
    }
  }

  const isServingAdmin = (e: Employee | undefined, now: number): e is Employee => !!e && e.isAdmin && !isResigned(e, now);

  return {
    /** Sets the console password of an admin employee (the main account is the first admin). */
    async setPassword(caller: Caller, companyId: string, employeeId: string, password: string): Promise<void> {
      assertCompanyInScope(caller, companyId);
      const employees = deps.store.repos.employees(companyId);
      const employee = await employees.getById(employeeId);
      assertThat(employee, 'employee.not_found');
      if (!employee.isAdmin) throw invalidParam('employeeId', 'is not an admin of the company (set isAdmin first)');
      checkAdminPasswordStrength(password, employee);
      const passwordHash = await deps.passwords.hash(`admin:${companyId}`, password);
      await deps.store.transaction((repos) => repos.employees(companyId).update(employeeId, { passwordHash, updatedAt: deps.now() }));
    },

    /**
     * Signs a company admin in: auth.sign_in_failed for anything wrong (which is not said), and
     * auth.rate_limited once the login has failed too often. Returns the cookie value (shown once)
     * and the CSRF token the console sends back on every change.
     */
    async signIn(input: { companyId: string; login: string; password: string }): Promise<IssuedSession> {
      const now = deps.now();
      const key = loginKeyOf(input.login);
      await checkLockout(input.companyId, key, now);
      const employee = await findAdmin(input.companyId, input.login);
      const hash = employee ? await deps.store.repos.employees(input.companyId).getPasswordHash(employee.employeeId) : undefined;
      const matches = await verifyPassword(input.password, hash || (await (decoy ??= deps.passwords.hash('admin:decoy', randomBytes(16).toString('hex')))));
      if (!isServingAdmin(employee, now) || !hash || !matches) {
        await deps.sessions.recordFailure(input.companyId, key, now, WINDOW_MS);
        throw new DomainError('auth.sign_in_failed');
      }
      await deps.sessions.clearFailures(input.companyId, key);
      return open({ companyId: input.companyId, employeeId: employee.employeeId, operatorTokenId: null }, employee.name);
    },

    /** An operator's console session from an operator token: it acts as that token (auth.sign_in_failed for a bad one). */
    async signInOperator(operatorToken: string): Promise<IssuedSession> {
      const token = await deps.authenticateToken(operatorToken);
      if (!token) throw new DomainError('auth.sign_in_failed');
      return open({ companyId: token.companyId, employeeId: null, operatorTokenId: token.tokenId }, token.name);
    },

    /** A session for an admin the company's OA vouched for (the OA sign-in checks who it is). */
    async signInEmployee(companyId: string, employee: Employee): Promise<IssuedSession> {
      return open({ companyId, employeeId: employee.employeeId, operatorTokenId: null }, employee.name);
    },

    /**
     * The session a cookie stands for, checked on every request: an admin must still be a serving
     * admin, an operator's token still live. Undefined for an unknown or expired session.
     */
    async authenticate(sessionToken: string): Promise<LiveSession | undefined> {
      const now = deps.now();
      const sessionHash = sha256(sessionToken);
      const session = await deps.sessions.findLive(sessionHash, now);
      if (!session) return undefined;
      const base = { companyId: session.companyId, employeeId: session.employeeId, csrfToken: session.csrfToken, expiresAt: session.expiresAt };
      if (session.operatorTokenId !== null) {
        const token = await deps.tokens.findLiveById(session.operatorTokenId);
        if (!token) return undefined;
        return { caller: token, csrfToken: session.csrfToken, view: { ...base, kind: 'operator', name: token.name }, sessionHash };
      }
      if (session.companyId === null || session.employeeId === null) return undefined;
      const employee = await deps.store.repos.employees(session.companyId).getById(session.employeeId);
      if (!isServingAdmin(employee, now)) return undefined;
      return {
        caller: { tokenId: `admin:${employee.employeeId}`, name: employee.name, companyId: session.companyId, createdAt: now, lastUsedAt: now, revokedAt: null },
        csrfToken: session.csrfToken,
        view: { ...base, kind: 'admin', name: employee.name },
        employee,
        sessionHash,
      };
    },

    /**
     * Changes the signed-in admin's own console password: the current one must match (a wrong one
     * counts toward the lockout); the new one follows the strength rules. Operators have none (403).
     * Every other session of the admin ends (a stolen one does not outlive the change).
     */
    async changePassword(live: LiveSession, currentPassword: string, newPassword: string): Promise<void> {
      const { employee } = live;
      if (!employee) throw new DomainError('auth.forbidden', { rule: 'an operator session has no password; sign in as a company admin' });
      const companyId = employee.companyId;
      const now = deps.now();
      const key = `employee:${employee.employeeId}`;
      await checkLockout(companyId, key, now);
      const employees = deps.store.repos.employees(companyId);
      const hash = await employees.getPasswordHash(employee.employeeId);
      if (!hash || !(await verifyPassword(currentPassword, hash))) {
        await deps.sessions.recordFailure(companyId, key, now, WINDOW_MS);
        throw invalidParam('currentPassword', 'is not the current password');
      }
      checkAdminPasswordStrength(newPassword, employee);
      await deps.sessions.clearFailures(companyId, key);
      const passwordHash = await deps.passwords.hash(`admin:${companyId}`, newPassword);
      await deps.store.transaction(async (repos) => {
        await repos.employees(companyId).update(employee.employeeId, { passwordHash, updatedAt: deps.now() });
        await repos.admin.sessions.deleteOthersOf(companyId, employee.employeeId, live.sessionHash);
      });
    },

    async signOut(sessionToken: string): Promise<void> {
      await deps.sessions.delete(sha256(sessionToken));
    },
  };
}

export type AdminSessionService = ReturnType<typeof createAdminSessionService>;
