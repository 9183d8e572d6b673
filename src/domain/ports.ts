import type { App, AppCredentials, AppInstallation } from './app.js';
import type { Company } from './company.js';
import type { Department } from './department.js';
import type { Employee, EmployeeSummary } from './employee.js';
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
  getByUserid(userid: string): Promise<Employee | undefined>;
  getByPhone(phoneE164: string): Promise<Employee | undefined>;
  getByEmail(email: string): Promise<Employee | undefined>;
  /** By work number, compared without case like its unique key. */
  getByWorkNumber(workNumber: string): Promise<Employee | undefined>;
  getByOaUserId(oaUserId: string): Promise<Employee | undefined>;
  /**
   * One listing page (summaries after `afterSeq`) together with the company's name and employee total,
   * in one read; undefined when the company does not exist.
   */
  listingPage(afterSeq: number, limit: number): Promise<ListingPage | undefined>;
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
}

/** Departments, levels, categories, attributes and cost centers of ONE company. */
export interface EnterpriseSetupRepository {
  getDepartment(deptCode: string): Promise<Department | undefined>;
  insertDepartment(department: Department): Promise<void>;
  updateDepartment(deptCode: string, patch: Partial<Pick<Department, 'name' | 'parentCode' | 'status' | 'managerUserid'>>): Promise<void>;
  deleteDepartment(deptCode: string): Promise<void>;
  countChildren(deptCode: string): Promise<number>;
  /** Which of `names` exist in the given dictionary. */
  existing(kind: SettingKind, names: string[]): Promise<Set<string>>;
  addSettings(kind: SettingKind, names: string[]): Promise<void>;
  listSettings(kind: SettingKind): Promise<string[]>;
  hasCostCenter(costCenterId: number): Promise<boolean>;
  insertCostCenter(costCenterId: number, name: string): Promise<void>;
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
  /** Deletes expired codes, nonces and tokens; returns how many rows went. */
  sweepExpired(now: number): Promise<number>;
}

export interface Repositories {
  tenants: TenantRepository;
  apps: PrivilegedAppRepository;
  credentials: CredentialRepository;
  employees(companyId: string): EmployeeRepository;
  setup(companyId: string): EnterpriseSetupRepository;
  oaConnectors: OaConnectorRepository;
  oaLinks(companyId: string): OaLinkRepository;
  sessions: SessionRepository;
}

/** Unit of work: repositories outside or inside one transaction. */
export interface Store {
  readonly repos: Repositories;
  /** Runs `work` in one transaction; it commits when `work` resolves and rolls back when it throws. */
  transaction<T>(work: (repos: Repositories) => Promise<T>): Promise<T>;
  close(): Promise<void>;
}
