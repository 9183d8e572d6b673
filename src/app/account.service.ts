import type { App } from '#src/domain/app.js';
import type { Department } from '#src/domain/department.js';
import type { Company } from '#src/domain/company.js';
import { isResigned, type Employee } from '#src/domain/employee.js';
import { assertThat } from '#src/domain/errors.js';
import type { OaCodeType } from '#src/domain/oa.js';
import type { EmployeeRepository, ListingPage, Store } from '#src/domain/ports.js';
import type { AccessService } from './access.service.js';
import type { OaSignIn } from './oa/oa-sign-in.js';

export interface AccountServiceDeps {
  store: Store;
  access: AccessService;
  oaSignIn: OaSignIn;
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
  return {
    /**
     * Exchanges an OA code (development OA or the app's connector) and returns the employee it
     * names, creating it on the first sign-in; see oa/oa-sign-in.ts for the errors.
     */
    createFromOaCode: (app: App, authCode: string, codeType: OaCodeType): Promise<EmployeeInCompany> => deps.oaSignIn.signIn(app, authCode, codeType),

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

    /** A signed-in user's own account (from an iotToken), with its department. */
    async getOwnAccount(employee: Employee): Promise<AccountView> {
      const found = await deps.store.repos.employees(employee.companyId).getWithDepartmentName(employee.employeeId);
      assertThat(found && !isResigned(found.employee, deps.now()), 'employee.not_found');
      const { departmentName } = found;
      const department = found.employee.deptCode && departmentName !== null ? { deptCode: found.employee.deptCode, name: departmentName } : undefined;
      return { employee: found.employee, department };
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

/** The employee with its department name, by employeeId or, failing that, by identityId. */
async function byEmployeeOrIdentityId(employees: EmployeeRepository, id: string) {
  return (await employees.getWithDepartmentName(id)) ?? employees.getWithDepartmentNameByIdentityId(id);
}

export type AccountService = ReturnType<typeof createAccountService>;
