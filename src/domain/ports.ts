import type { AdminRepositories, AuditRepository, OperatorTokenRepository } from './admin-ports.js';
import type { App, AppCredentials, AppInstallation } from './app.js';
import type { Company } from './company.js';
import type { BatchJob, BatchRowInput, FailedBatchRow, PendingBatchRow, RowFailure } from './batch.js';
import type { Department } from './department.js';
import type { Employee, EmployeeSummary } from './employee.js';
import type { ImportRepository } from './employee-import.js';
import type { OaConnectorRepository, OaLinkRepository } from './oa-connector.js';
import type { SessionRepository } from './session.js';

/**
 * Storage ports. Implementations live in storage/; nothing here knows SQL. Writes that break a
 * unique rule throw `ConflictError` naming the constraint; services turn that into a catalogue code.
 */
export class ConflictError extends Error {
  constructor(readonly constraint: string) {
    super(`unique constraint ${constraint} violated`);
    this.name = 'ConflictError';
  }
}

/** Company-independent lookups: tenants, apps and their installations. */
export interface TenantRepository {
  /** True when the store holds at least one company (a first start seeds a demo when it does not). */
  hasAnyCompany(): Promise<boolean>;
  getCompany(companyId: string): Promise<Company | undefined>;
  insertCompany(company: Company): Promise<void>;
  /** Sets the main account; returns false when the company does not exist. */
  setMainAccount(companyId: string, identityId: string, employeeId: string): Promise<boolean>;
  /** The member enterprise of `parentCompanyId` with this `enterprise_code`, if any. */
  findMember(parentCompanyId: string, enterpriseCode: string): Promise<Company | undefined>;
  /**
   * Reserves the next creation-order position in the company and returns it. Must run inside the
   * transaction that inserts the employee, so a failed insert gives the position back.
   */
  nextEmployeeSeq(companyId: string): Promise<number>;
  /** Every member enterprise of a group or operator, in enterprise_code order. */
  listMembers(parentCompanyId: string): Promise<Company[]>;
}

/** Read side of apps. */
export interface AppRepository {
  getApp(appKey: string): Promise<App | undefined>;
  getInstallation(appId: string): Promise<AppInstallation | undefined>;
  isInstalled(appKey: string, companyId: string): Promise<boolean>;
}

/** Privileged side of apps: secrets in clear and writes. */
export interface PrivilegedAppRepository extends AppRepository {
  getCredentials(appKey: string): Promise<AppCredentials | undefined>;
  insertApp(app: AppCredentials): Promise<void>;
  insertInstallation(installation: AppInstallation): Promise<void>;
  /** Names the app's OA connector (null: the company's only one); false when there is no such app. */
  setOaConnector(appKey: string, connectorId: string | null): Promise<boolean>;
}

export interface ListingPage {
  companyName: string;
  total: number;
  employees: EmployeeSummary[];
}

/** Patch for an update: `undefined` leaves a field alone, `null` clears it. */
export type EmployeePatch = Partial<Omit<Employee, 'companyId' | 'employeeId' | 'seq' | 'createdAt'>> & {
  passwordHash?: string | null;
};

/** Employees of ONE company: every query is scoped to the company it was built for. */
export interface EmployeeRepository {
  getById(employeeId: string): Promise<Employee | undefined>;
  /** The employee with its department's name (null without a department), in one read. */
  getWithDepartmentName(employeeId: string): Promise<{ employee: Employee; departmentName: string | null } | undefined>;
  /** The same by identityId (lists answer identityIds), in one read. */
  getWithDepartmentNameByIdentityId(identityId: string): Promise<{ employee: Employee; departmentName: string | null } | undefined>;
  getByUserid(userid: string): Promise<Employee | undefined>;
  getByPhone(phoneE164: string): Promise<Employee | undefined>;
  getByEmail(email: string): Promise<Employee | undefined>;
  /** By work number, compared without case like its unique key. */
  getByWorkNumber(workNumber: string): Promise<Employee | undefined>;
  getByOaUserId(oaUserId: string): Promise<Employee | undefined>;
  /** Employees with `seq` greater than `afterSeq`, in creation order: an index walk. */
  pageAfter(afterSeq: number, limit: number): Promise<Employee[]>;
  /** Inserts; throws ConflictError on a taken phone, email, work number, userid or OA user id. */
  insert(employee: Employee, passwordHash: string | null): Promise<void>;
  /** Applies the patch; throws ConflictError like insert. Returns false when there is no such employee. */
  update(employeeId: string, patch: EmployeePatch): Promise<boolean>;
  countInDepartment(deptCode: string): Promise<number>;
  /** Records an invitation to send (outbox row picked up by the delivery side). */
  insertInvitation(invitationId: string, employeeId: string, at: number): Promise<void>;
  /** Invitations not sent yet, oldest first: what the delivery side picks up. */
  pendingInvitations(limit: number): Promise<Array<{ invitationId: string; employeeId: string; createdAt: number }>>;
  /** The stored password hash (never the password); null when none was set, undefined for no such employee. */
  getPasswordHash(employeeId: string): Promise<string | null | undefined>;
  /**
   * Members of one department (not of its sub-departments) serving at `servingAt` (no resignation in
   * effect), in creation order: `limit` rows after the first `offset`.
   */
  pageInDepartment(deptCode: string, servingAt: number, offset: number, limit: number): Promise<Employee[]>;
  /** How many members of one department serve at `servingAt`, as pageInDepartment counts them. */
  countServingInDepartment(deptCode: string, servingAt: number): Promise<number>;
  /** Moves every member (resigned ones too) of one department to another, in one statement; returns how many. */
  moveDepartmentMembers(sourceDeptCode: string, targetDeptCode: string, modifier: string, at: number): Promise<number>;
  /**
   * One listing page by rank: `limit` summaries from the `offset`-th (0-based) live employee in
   * creation order, with the company's name and live total, all from one state of the company (a
   * deletion never makes a walk show a row twice); undefined when the company does not exist.
   */
  listingAt(offset: number, limit: number): Promise<ListingPage | undefined>;
  /** Full employees by rank like listingAt, with the live total (0 for a company that does not exist). */
  employeesAt(offset: number, limit: number): Promise<{ total: number; employees: Employee[] }>;
  getByIdentityId(identityId: string): Promise<Employee | undefined>;
  /** The employees among `identityIds` (at most a few dozen), in creation order; unknown ids are left out. */
  getByIdentityIds(identityIds: string[]): Promise<Employee[]>;
  getByLoginName(loginName: string): Promise<Employee | undefined>;
  /**
   * Deletes the employee for good: the row (every personal field with it) and its invitations go, and
   * the deletion is counted for paging. Run it in a transaction. False when there is no such employee.
   */
  erase(employeeId: string): Promise<boolean>;
  /** Employees matching every given filter, in creation order, with how many match. */
  search(filter: EmployeeSearch, offset: number, limit: number): Promise<{ total: number; employees: Employee[] }>;
}

/** What `search` filters on; absent fields do not filter. */
export interface EmployeeSearch {
  /** Name substring, or exactly an email or work number (without case). */
  keyWord?: string | undefined;
  /** False when the key word cannot be part of a name (it reads as a phone or an email): names are not searched. */
  inNames?: boolean | undefined;
  /** The key word read as a phone, when it is one: matched exactly. */
  phoneE164?: string | undefined;
  /** Members of any of these departments. */
  deptCodes?: string[] | undefined;
  roleCode?: string | undefined;
}

/** Departments, levels, categories, attributes and cost centers of ONE company. */
export interface EnterpriseSetupRepository {
  getDepartment(deptCode: string): Promise<Department | undefined>;
  insertDepartment(department: Department): Promise<void>;
  updateDepartment(deptCode: string, patch: Partial<Pick<Department, 'name' | 'parentCode' | 'status' | 'managerUserid'>>): Promise<void>;
  deleteDepartment(deptCode: string): Promise<void>;
  countChildren(deptCode: string): Promise<number>;
  /**
   * The department and its ancestors, nearest first, in one read: at most `maxSteps + 1` entries, so a
   * caller learns "deeper than maxSteps" from a chain that does not end at the root. Empty when the
   * department does not exist.
   */
  ancestry(deptCode: string, maxSteps: number): Promise<Array<{ deptCode: string; parentCode: string | null }>>;
  /** Levels below the department in its subtree (0 for a leaf), in one read, counted up to `maxDepth`. */
  subtreeHeight(deptCode: string, maxDepth: number): Promise<number>;
  /**
   * Takes a place for one more department below the root, atomically (concurrent adds cannot pass
   * the cap): false, taking nothing, when the company has `maxBelowRoot` already. Call it in the
   * transaction that inserts the department, so a failed insert gives the place back.
   */
  takeDepartmentPlace(maxBelowRoot: number): Promise<boolean>;
  /** Gives a place back when a department is deleted (same transaction). */
  giveBackDepartmentPlace(): Promise<void>;
  /** Which of `names` exist in the given dictionary. */
  existing(kind: SettingKind, names: string[]): Promise<Set<string>>;
  addSettings(kind: SettingKind, names: string[]): Promise<void>;
  listSettings(kind: SettingKind): Promise<string[]>;
  hasCostCenter(costCenterId: number): Promise<boolean>;
  insertCostCenter(costCenterId: number, name: string): Promise<void>;
  /** Every department with its manager's work number, in one read (the tree is capped per company). */
  listDepartments(): Promise<Array<{ department: Department; managerWorkNumber: string | null }>>;
}

export type SettingKind = 'levels' | 'categories' | 'enabled_attributes';

/** Short-lived credentials. Codes and tokens are passed already hashed. */
export interface CredentialRepository {
  insertOaCode(row: { codeHash: string; companyId: string; codeType: string; profile: string; expiresAt: number }): Promise<void>;
  /**
   * Marks the code used and returns it, atomically: of two concurrent consumers exactly one wins.
   * Returns undefined for an unknown, used or expired code.
   */
  consumeOaCode(codeHash: string, now: number): Promise<{ companyId: string; codeType: string; profile: string } | undefined>;
  /** Insert-or-fail: false when the nonce was already seen (and has not expired). */
  rememberNonce(appKey: string, nonce: string, expiresAt: number, now: number): Promise<boolean>;
  insertAccessToken(tokenHash: string, appKey: string, expiresAt: number): Promise<void>;
  /** The app a live token was issued to, and when the token expires (epoch ms). */
  findAccessToken(tokenHash: string, now: number): Promise<{ appKey: string; expiresAt: number } | undefined>;
  /**
   * Takes one `/token/create` from the app's budget of `limit` per window of `windowMs` (a window
   * starts with the first token after the previous one ended): false, taking nothing, when it is spent.
   * Atomic across processes; call it in the transaction that inserts the token, so a failed insert
   * gives it back.
   */
  takeTokenIssue(appKey: string, now: number, windowMs: number, limit: number): Promise<boolean>;
  /** Deletes the app's expired tokens (run on each issue, so the table stays bounded); returns how many. */
  sweepAccessTokens(appKey: string, now: number): Promise<number>;
  /**
   * Insert-or-fail of a benefits sign (lower-case hex) until `expiresAt`: false when the app already
   * used this sign and that sighting has not expired.
   */
  rememberSign(appKey: string, sign: string, expiresAt: number, now: number): Promise<boolean>;
  /** Deletes expired codes, nonces, tokens and signs; returns how many rows went. */
  sweepExpired(now: number): Promise<number>;
}

/**
 * Durable batch jobs, looked up by their own number (before the company is known). A row leaves
 * `pending` once: `settleRow` is the claim, so two workers never both apply or count one row.
 */
export interface BatchRepository {
  /** Inserts the batch and all its rows; rows refused at submission are failed already and counted. */
  insertBatch(job: BatchJob, rows: BatchRowInput[]): Promise<void>;
  getBatch(batchNumber: string): Promise<BatchJob | undefined>;
  /** Failed rows in row order. */
  failedRows(batchNumber: string): Promise<FailedBatchRow[]>;
  /** Batches with rows still pending (or not marked finished), oldest first. */
  unfinishedBatches(limit: number): Promise<BatchJob[]>;
  /** Pending rows in row order. */
  pendingRows(batchNumber: string, limit: number): Promise<PendingBatchRow[]>;
  /**
   * Moves a pending row to done (no failure) or failed and counts it; false, and nothing changed,
   * when the row was not pending. Run it in the transaction that applies the row's effect.
   */
  settleRow(batchNumber: string, rowNo: number, failure: RowFailure | null): Promise<boolean>;
  /** Marks the batch finished when no row is pending. */
  finishIfDone(batchNumber: string, at: number): Promise<boolean>;
  /** Deletes batches finished before `before`, with their rows; returns how many batches went. */
  deleteFinishedBefore(before: number): Promise<number>;
}

export interface Repositories {
  tenants: TenantRepository;
  apps: PrivilegedAppRepository;
  credentials: CredentialRepository;
  employees(companyId: string): EmployeeRepository;
  setup(companyId: string): EnterpriseSetupRepository;
  batches: BatchRepository;
  oaConnectors: OaConnectorRepository;
  oaLinks(companyId: string): OaLinkRepository;
  sessions: SessionRepository;
  /** The audit log: a change's event is appended in the change's own transaction. */
  audit: AuditRepository;
  /** Admin-API operator tokens, here so that issuing or revoking one commits with its audit event. */
  operatorTokens: OperatorTokenRepository;
  /** Bulk employee imports (issue 10). */
  imports: ImportRepository;
  /** The admin API's repositories, here so that an admin change commits with its audit event. */
  readonly admin: AdminRepositories;
}

/** Unit of work: repositories outside or inside one transaction. */
export interface Store {
  readonly repos: Repositories;
  /** Runs `work` in one transaction; it commits when `work` resolves and rolls back when it throws. */
  transaction<T>(work: (repos: Repositories) => Promise<T>): Promise<T>;
  close(): Promise<void>;
}
