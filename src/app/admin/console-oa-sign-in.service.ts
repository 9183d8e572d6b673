import { createHash, randomBytes } from 'node:crypto';
import type { AdminSessionRepository } from '#src/domain/admin-ports.js';
import { isResigned, type Employee } from '#src/domain/employee.js';
import { assertThat, DomainError } from '#src/domain/errors.js';
import type { OaConnectorRecord, OaIdentity } from '#src/domain/oa-connector.js';
import { normalizePhone } from '#src/domain/phone.js';
import { ConflictError, type Store } from '#src/domain/ports.js';
import { exchangeFailureToDomain } from '../oa/oa-failures.js';
import type { OaConnectorsService } from '../oa/oa-connectors.service.js';
import { hasWebSignIn, webSignInOf } from '../oa/web-sign-in.js';
import type { AdminSessionService, IssuedSession } from './admin-session.service.js';

export interface ConsoleOaSignInDeps {
  store: Store;
  connectors: OaConnectorsService;
  sessions: AdminSessionService;
  pending: AdminSessionRepository;
  now: () => number;
}

/** A sign-in must come back from the OA within ten minutes. */
const PENDING_MS = 10 * 60_000;

const sha256 = (value: string) => createHash('sha256').update(value, 'utf8').digest('hex');
const random = () => randomBytes(32).toString('base64url');

/**
 * Company admins signing in to the console through their company's OA connector. The OAuth `state`
 * (bound to the browser by a short-lived cookie), the PKCE verifier and the OIDC nonce are kept
 * server-side (`admin_oa_sign_ins`, by the state's hash, single use). The OA user must be an employee
 * of THAT company — by the link an earlier OA sign-in made, else by the OA user id as the employee's
 * userid, else by the OA's phone or email — and a serving admin; anyone else is refused
 * (oa.not_member, auth.forbidden).
 */
export function createConsoleOaSignIn(deps: ConsoleOaSignInDeps) {
  async function connectorOf(companyId: string, connectorId: string): Promise<OaConnectorRecord> {
    const record = await deps.store.repos.oaConnectors.get(connectorId);
    assertThat(record && record.companyId === companyId && hasWebSignIn(record.kind), 'oa.connector_unknown', { param: 'connectorId' });
    return record;
  }

  function webOf(record: OaConnectorRecord) {
    const web = webSignInOf(record, deps.connectors.providerOf(record));
    assertThat(web, 'oa.connector_unknown', { param: 'connectorId', rule: 'this kind has no browser sign-in' });
    return web;
  }

  /** The company's employee the OA user is: linked, or matched by userid, phone or email (then linked). */
  async function employeeOf(record: OaConnectorRecord, identity: OaIdentity): Promise<Employee | undefined> {
    const employees = deps.store.repos.employees(record.companyId);
    const links = deps.store.repos.oaLinks(record.companyId);
    const linked = await links.find(record.connectorId, identity.subject);
    if (linked) return employees.getById(linked);
    const phone = identity.mobile ? normalizePhone(identity.mobile) : null;
    const found =
      (identity.userId ? await employees.getByUserid(identity.userId) : undefined) ??
      (phone ? await employees.getByPhone(phone.e164) : undefined) ??
      (identity.email ? await employees.getByEmail(identity.email) : undefined);
    if (found) {
      try {
        await links.insert(record.connectorId, identity.subject, found.employeeId, deps.now());
      } catch (error) {
        // Linked meanwhile (another sign-in of the same user): the link that won stands.
        if (!(error instanceof ConflictError)) throw error;
      }
    }
    return found;
  }

  return {
    /** How the company's sign-in page may offer sign-in: always a password, and its OA connectors. */
    async options(companyId: string) {
      assertThat(await deps.store.repos.tenants.getCompany(companyId), 'tenant.not_found');
      const records = await deps.store.repos.oaConnectors.listByCompany(companyId);
      return { password: true as const, connectors: records.filter((r) => hasWebSignIn(r.kind)).map((r) => ({ connectorId: r.connectorId, kind: r.kind, name: r.name })) };
    },

    /** Where to send the browser, and the state the browser must bring back (set as a cookie). */
    async start(companyId: string, connectorId: string, redirectUri: string): Promise<{ url: string; state: string }> {
      const record = await connectorOf(companyId, connectorId);
      const web = webOf(record);
      const now = deps.now();
      const state = random();
      const codeVerifier = random();
      const nonce = random();
      const codeChallenge = createHash('sha256').update(codeVerifier).digest('base64url');
      let url: string;
      try {
        url = await web.authorizeUrl({ state, nonce, codeChallenge, redirectUri });
      } catch (error) {
        throw exchangeFailureToDomain(error);
      }
      await deps.pending.insertOaSignIn(sha256(state), { companyId, connectorId, codeVerifier, nonce, expiresAt: now + PENDING_MS }, now);
      return { url, state };
    },

    /**
     * Completes a sign-in: the state must match the browser's cookie and a pending sign-in (once);
     * the code is redeemed; the OA user must be a serving admin of the company.
     */
    async finish(input: { code: string | undefined; state: string | undefined; browserState: string | undefined; redirectUri: string }): Promise<IssuedSession> {
      const { code, state } = input;
      if (!state || !input.browserState || state !== input.browserState) throw new DomainError('auth.sign_in_failed', { rule: 'the sign-in state does not match this browser' });
      const pending = await deps.pending.takeOaSignIn(sha256(state), deps.now());
      if (!pending) throw new DomainError('auth.sign_in_failed', { rule: 'the sign-in expired or was used; start again' });
      if (!code) throw new DomainError('oa.code_invalid', { rule: 'the OA sent no code (sign-in cancelled?)' });
      const record = await connectorOf(pending.companyId, pending.connectorId);
      let identity: OaIdentity;
      try {
        identity = await webOf(record).exchange(code, { codeVerifier: pending.codeVerifier, nonce: pending.nonce, redirectUri: input.redirectUri });
      } catch (error) {
        throw exchangeFailureToDomain(error);
      }
      const expected = deps.connectors.providerOf(record).expectedTenant;
      if (expected !== null && identity.tenantHint !== null && expected !== identity.tenantHint) throw new DomainError('oa.not_member', { rule: 'the OA user belongs to another tenant' });
      const employee = await employeeOf(record, identity);
      if (!employee) throw new DomainError('oa.not_member', { rule: 'the OA user is no employee of this company' });
      if (!employee.isAdmin || isResigned(employee, deps.now())) throw new DomainError('auth.forbidden', { rule: 'the OA user is not an admin of this company' });
      return deps.sessions.signInEmployee(record.companyId, employee);
    },
  };
}

export type ConsoleOaSignIn = ReturnType<typeof createConsoleOaSignIn>;
