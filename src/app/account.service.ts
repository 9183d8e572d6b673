import type { App } from '#src/domain/app.js';
import type { Department } from '#src/domain/department.js';
import { isInitialized, type Company } from '#src/domain/company.js';
import { isResigned, type Employee } from '#src/domain/employee.js';
import { assertThat, DomainError } from '#src/domain/errors.js';
import type { OaCodeType, OaConnector, OaProfile } from '#src/domain/oa.js';
import { normalizePhone } from '#src/domain/phone.js';
import { fitsEmailKey } from '#src/domain/text.js';
import { ConflictError, type EmployeeRepository, type ListingPage, type Repositories, type Store } from '#src/domain/ports.js';
import type { AccessService } from './access.service.js';
import { employeeConflictToDomain } from './employee-conflicts.js';
import { insertNewEmployee } from './new-employee.js';

/** Unique indexes a concurrent sign-in of the same OA user can trip. */
const RACE_CONSTRAINTS = new Set(['employees_oa_user_uq', 'employees_phone_uq', 'employees_email_uq']);

export interface AccountServiceDeps {
  store: Store;
  access: AccessService;
  oa: OaConnector;
  now: () => number;
}

/** An employee seen with its company, as the IoT account dialect answers. */
export interface EmployeeInCompany {
  company: Company;
  employee: Employee;
}

export interface EmployeePageResult extends ListingPage {
  companyId: string;
}

/** An account as `/industry/user/account/get` shows it. */
export interface AccountView {
  employee: Employee;
  department?: Pick<Department, 'deptCode' | 'name'> | undefined;
}

/**
 * The IoT account use cases: sign an OA user in as an employee, read an account, page a company.
 */
export function createAccountService(deps: AccountServiceDeps) {
  async function createFromOaOnce(app: App, authCode: string, codeType: OaCodeType): Promise<EmployeeInCompany> {
    return deps.store.transaction(async (repos) => {
      const now = deps.now();
      const signIn = await deps.oa.exchange(repos, authCode, codeType, now);
      assertThat(signIn, 'oa.code_invalid');
      assertThat(await deps.access.mayAccess(app, signIn.companyId, repos), 'auth.forbidden');
      const company = await repos.tenants.getCompany(signIn.companyId);
      assertThat(company && isInitialized(company), 'company.not_initialized');
      const employees = repos.employees(company.companyId);
      // A repeated login of the same OA user is the same employee, not a new one.
      const existing = await employees.getByOaUserId(signIn.profile.oaUserId);
      if (existing) return { company, employee: existing };
      const employee = await newEmployeeFromOa(repos, company, signIn.profile, app.appKey, now);
      return { company: { ...company, employeeCount: employee.seq }, employee };
    });
  }

  return {
    /**
     * Exchanges an OA code and returns the employee it names, creating it on the first sign-in.
     * Throws oa.code_invalid, auth.forbidden, company.not_initialized, employee.phone_invalid,
     * employee.phone_taken or employee.email_taken; on any error the code stays unused.
     */
    async createFromOaCode(app: App, authCode: string, codeType: OaCodeType): Promise<EmployeeInCompany> {
      try {
        return await createFromOaOnce(app, authCode, codeType);
      } catch (error) {
        // Two codes of one OA user raced: the loser's transaction rolled back (its code unspent), and
        // a second pass finds the winner's employee. The loser's insert may trip the phone or email
        // index rather than the OA user's (PostgreSQL reports whichever unique index it checks
        // first), so any of the three earns the second pass; a real conflict fails it again.
        if (error instanceof ConflictError && RACE_CONSTRAINTS.has(error.constraint)) {
          try {
            return await createFromOaOnce(app, authCode, codeType);
          } catch (again) {
            throw employeeConflictToDomain(again);
          }
        }
        throw employeeConflictToDomain(error);
      }
    },

    /** The employee, or the company's main account when `employeeId` is absent. */
    async getAccount(app: App, appId: string | undefined, employeeId: string | undefined): Promise<AccountView> {
      const companyId = await deps.access.resolveTenant(app, appId);
      const repos = deps.store.repos;
      let id = employeeId;
      if (!id) {
        // Only the main-account fallback needs the company row; a lookup by id is one query.
        const company = await repos.tenants.getCompany(companyId);
        assertThat(company, 'tenant.not_found');
        id = company.mainEmployeeId ?? undefined;
      }
      // Lists answer identityIds (querybycompanyid, queryIdentityList …): either id names the employee.
      const found = id ? await byEmployeeOrIdentityId(repos.employees(companyId), id) : undefined;
      // A resigned employee is gone for the account API (its "deleted"), though it stays in the listing.
      assertThat(found && !isResigned(found.employee, deps.now()), 'employee.not_found');
      const { employee, departmentName } = found;
      const department = employee.deptCode && departmentName !== null ? { deptCode: employee.deptCode, name: departmentName } : undefined;
      return { employee, department };
    },

    /** Page `pageNo` (from 1) of the company's employees in creation order. */
    async listByCompany(app: App, companyId: string, pageNo: number, pageSize: number): Promise<EmployeePageResult> {
      // An unknown company answers like a foreign one: the caller learns nothing about which exist.
      assertThat(await deps.access.mayAccess(app, companyId), 'auth.forbidden');
      const page = await deps.store.repos.employees(companyId).listingAt((pageNo - 1) * pageSize, pageSize);
      assertThat(page, 'auth.forbidden');
      return { companyId, ...page };
    },
  };
}

async function newEmployeeFromOa(
  repos: Repositories,
  company: Company,
  profile: OaProfile,
  creator: string,
  now: number,
): Promise<Employee> {
  const phone = normalizePhone(String(profile.phone ?? ''));
  if (!phone) throw new DomainError('employee.phone_invalid', { param: 'phone', rule: 'not a possible phone number' });
  // Seed 000 answers a taken phone with 2441 even when the email is taken too; which unique index an
  // engine reports first is not ours to choose, so the phone is looked at first, and reported as its
  // index would report it: createFromOaCode's second pass then tells a racing sign-in of the same OA
  // user (it finds that employee) from another person's phone (2441). The index still decides races.
  if (await repos.employees(company.companyId).getByPhone(phone.e164)) throw new ConflictError('employees_phone_uq');
  // An OA email the directory cannot key (too long once lower-cased) cannot be registered, on any engine.
  if (profile.email && !fitsEmailKey(profile.email)) throw new DomainError('employee.register_failed', { param: 'email', rule: 'is too long' });
  return insertNewEmployee(
    repos,
    company.companyId,
    {
      name: profile.name,
      oaUserId: profile.oaUserId,
      loginName: phone.e164,
      phoneRaw: profile.phone,
      phoneE164: phone.e164,
      mobileArea: phone.callingCode,
      email: profile.email || null,
      avatarUrl: profile.avatarUrl || null,
      creator,
      modifier: creator,
    },
    now,
  );
}

/** The employee with its department name, by employeeId or, failing that, by identityId. */
async function byEmployeeOrIdentityId(employees: EmployeeRepository, id: string) {
  const found = await employees.getWithDepartmentName(id);
  if (found) return found;
  const byIdentity = await employees.getByIdentityId(id);
  return byIdentity ? employees.getWithDepartmentName(byIdentity.employeeId) : undefined;
}

export type AccountService = ReturnType<typeof createAccountService>;
