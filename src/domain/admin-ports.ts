import type { App } from './app.js';
import type { Company } from './company.js';
import type { EmployeeStatusFilter } from './employee-filter.js';
import type { Employee } from './employee.js';

/**
 * Storage ports of the admin API. They sit beside `ports.ts` (not in it) so the dialects' ports stay
 * as they are; implementations live in storage/sql/admin-*.repository.ts.
 */

/** An operator token as stored: never the token, only what it may do and when it was used. */
export interface OperatorToken {
  tokenId: string;
  name: string;
  /** Null: the whole installation; else the one company the token manages. */
  companyId: string | null;
  createdAt: number;
  lastUsedAt: number | null;
  revokedAt: number | null;
}

export interface OperatorTokenRepository {
  /** Inserts; the hash is unique (a collision of 256 random bits does not happen). */
  insert(token: OperatorToken, tokenHash: string): Promise<void>;
  /** The live (not revoked) token with this hash. */
  findLiveByHash(tokenHash: string): Promise<OperatorToken | undefined>;
  list(): Promise<OperatorToken[]>;
  /** The live (not revoked) token with this id: what an operator's console session re-checks. */
  findLiveById(tokenId: string): Promise<OperatorToken | undefined>;
  /** Marks revoked; false when there is no such live token. */
  revoke(tokenId: string, at: number): Promise<boolean>;
  touch(tokenId: string, at: number): Promise<void>;
}

/** Companies as an operator sees them. */
export interface CompanyAdminRepository {
  /**
   * Companies in creation order after the cursor (`createdAt`, `companyId`); `onlyId` keeps one
   * company, `parentId` the member enterprises of one group or operator.
   */
  list(after: { createdAt: number; companyId: string } | undefined, limit: number, only?: { onlyId?: string | undefined; parentId?: string | undefined }): Promise<Company[]>;
  rename(companyId: string, name: string): Promise<boolean>;
}

/** An app as the admin API shows it: never the secret. */
export interface ManagedApp extends App {
  disabled: boolean;
  /** While a rotation's overlap window is open: when the previous secret stops working (epoch ms). */
  previousSecretUntil: number | null;
}

export interface AppAdminRepository {
  get(appKey: string): Promise<ManagedApp | undefined>;
  /** Apps hosted in the company, and shared apps installed in it, by AppKey. */
  listForCompany(companyId: string): Promise<ManagedApp[]>;
  /** Every app, by AppKey. */
  listAll(): Promise<ManagedApp[]>;
  update(
    appKey: string,
    patch: { name?: string | undefined; rateLimit?: number | undefined; signType?: App['signType'] | undefined; oaConnectorId?: string | null | undefined; maxSessions?: number | undefined },
  ): Promise<boolean>;
  setDisabled(appKey: string, disabledAt: number | null): Promise<boolean>;
  /** Makes `newSecret` current and keeps the current one valid until `previousUntil`. */
  rotateSecret(appKey: string, newSecret: string, previousUntil: number): Promise<boolean>;
  /** Deletes every access token issued to the app; returns how many. */
  revokeTokens(appKey: string): Promise<number>;
}

/** A filter of the admin employee list; every field narrows it. */
export interface EmployeeListFilter {
  status: EmployeeStatusFilter;
  /** These departments (a department and everything below it, resolved by the service). */
  deptCodes?: string[] | undefined;
  level?: string | undefined;
  category?: string | undefined;
  userid?: string | undefined;
  /** Substring of the name, or exactly the phone, email or work number (the IoT account search's match). */
  keyword?: string | undefined;
  /** The keyword read as a phone (E.164), when it is one: matched exactly. */
  keywordPhoneE164?: string | undefined;
  /** False when the keyword reads as a phone or an email: names are not searched. */
  keywordInNames?: boolean | undefined;
}

export interface EmployeeListRepository {
  /** Up to `limit` employees after `afterSeq` in creation order that pass the filter. */
  page(companyId: string, filter: EmployeeListFilter, afterSeq: number, limit: number, now: number): Promise<Employee[]>;
  /** How many pass the filter: a count, so only when asked for. */
  count(companyId: string, filter: EmployeeListFilter, now: number): Promise<number>;
  /** The department and every department below it. */
  subtree(companyId: string, deptCode: string): Promise<string[]>;
  /** Every department of the company. */
  departments(companyId: string): Promise<Array<{ deptCode: string; name: string; parentCode: string | null; status: 1 | 2; managerUserid: string | null }>>;
}

/** Cost centers of one company, for listing (the dialects only check and insert them). */
export interface CostCenterListRepository {
  list(companyId: string): Promise<Array<{ costCenterId: number; name: string }>>;
}

/** One recorded change: who, what, when, which fields (names only: never a secret or ID-number value). */
export interface AuditEvent {
  eventId: string;
  /** The company the change concerns; null for installation-wide objects (shared apps). */
  companyId: string | null;
  actorKind: 'operator';
  /** The operator token's id (`local-cli` for the CLI working on the local store). */
  actorId: string;
  actorName: string;
  /** The admin operation, e.g. `updateEmployee`. */
  action: string;
  objectType: string;
  objectId: string | null;
  changedFields: string[];
  at: number;
}

export interface AuditFilter {
  companyId?: string | undefined;
  actorId?: string | undefined;
  objectType?: string | undefined;
  objectId?: string | undefined;
  /** Epoch ms, inclusive. */
  since?: number | undefined;
  /** Epoch ms, exclusive. */
  until?: number | undefined;
}

export interface AuditRepository {
  insert(event: AuditEvent): Promise<void>;
  /** Newest first, after the cursor `(at, eventId)`. */
  list(filter: AuditFilter, before: { at: number; eventId: string } | undefined, limit: number): Promise<AuditEvent[]>;
  /** Deletes events older than `before`; returns how many went. */
  deleteOlderThan(before: number): Promise<number>;
}

/** A console session: a company admin's (employeeId) or an operator's (operatorTokenId). */
export interface AdminSession {
  /** Null only for an operator session of an installation-wide token. */
  companyId: string | null;
  /** Null for an operator session. */
  employeeId: string | null;
  /** The operator token an operator session acts as; null for an admin's. */
  operatorTokenId: string | null;
  csrfToken: string;
  expiresAt: number;
}

/** A console sign-in through an OA between the redirect to the OA and its callback. */
export interface PendingOaSignIn {
  companyId: string;
  connectorId: string;
  /** PKCE (RFC 7636) code verifier. */
  codeVerifier: string;
  /** OIDC nonce the ID token must carry. */
  nonce: string;
  expiresAt: number;
}

export interface AdminSessionRepository {
  insert(sessionHash: string, session: AdminSession, now: number): Promise<void>;
  findLive(sessionHash: string, now: number): Promise<AdminSession | undefined>;
  delete(sessionHash: string): Promise<void>;
  /** Ends every session of the admin but the one kept (after a password change). */
  deleteOthersOf(companyId: string, employeeId: string, keepHash: string): Promise<void>;
  /**
   * Counts one failed sign-in of the login, atomically; a count older than `windowMs` starts over.
   * Returns the failures in the current window and when that window began.
   */
  recordFailure(companyId: string, loginKey: string, now: number, windowMs: number): Promise<{ failures: number; since: number }>;
  failures(companyId: string, loginKey: string): Promise<{ failures: number; since: number } | undefined>;
  clearFailures(companyId: string, loginKey: string): Promise<void>;
  /** Keeps a pending OA sign-in under the hash of its `state`. */
  insertOaSignIn(stateHash: string, pending: PendingOaSignIn, now: number): Promise<void>;
  /** Takes (and deletes) the live pending sign-in of this state: each state is good for one callback. */
  takeOaSignIn(stateHash: string, now: number): Promise<PendingOaSignIn | undefined>;
}

export interface AdminRepositories {
  tokens: OperatorTokenRepository;
  companies: CompanyAdminRepository;
  apps: AppAdminRepository;
  employees: EmployeeListRepository;
  costCenters: CostCenterListRepository;
  audit: AuditRepository;
  sessions: AdminSessionRepository;
}
