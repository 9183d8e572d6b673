import type { App } from '#src/domain/app.js';
import type { Department } from '#src/domain/department.js';
import type { Employee } from '#src/domain/employee.js';
import { assertThat, DomainError } from '#src/domain/errors.js';
import { normalizePhone } from '#src/domain/phone.js';
import type { Store } from '#src/domain/ports.js';
import type { AccessService } from './access.service.js';

export interface IdentityQueryDeps {
  store: Store;
  access: AccessService;
}

/** `/user/account/identity/query`'s lookups: 1 login id (+ source), 2 phone, 3 email. */
export type IdentityLookup =
  | { opType: 1; loginId: string }
  | { opType: 2; phone: string }
  | { opType: 3; email: string };

export interface AccountSearch {
  appId?: string | undefined;
  keyWord?: string | undefined;
  organizationId?: string | undefined;
  roleCode?: string | undefined;
  pageNo: number;
  pageSize: number;
}

/** A found account with the names of the departments it is shown with. */
export interface SearchedAccount {
  employee: Employee;
  department: Pick<Department, 'deptCode' | 'name'> | undefined;
}

/** Most identityIds one `/iotx/account/queryIdentityList` takes (the seeds' 460 `identityIds need between 1-50`). */
export const MAX_IDENTITY_IDS = 50;

/** The department and every department below it, from the company's (capped) tree. */
function subtreeOf(root: string, departments: Department[]): string[] {
  const children = new Map<string, string[]>();
  for (const d of departments) {
    if (d.parentCode === null) continue;
    children.set(d.parentCode, [...(children.get(d.parentCode) ?? []), d.deptCode]);
  }
  const found: string[] = [];
  const queue = [root];
  const seen = new Set<string>();
  while (queue.length) {
    const code = queue.shift()!;
    if (seen.has(code)) continue;
    seen.add(code);
    found.push(code);
    queue.push(...(children.get(code) ?? []));
  }
  return found;
}

/** The IoT account family's reads beyond the seeds: identities by key, by ids, by page, and search. */
export function createIdentityQueryService(deps: IdentityQueryDeps) {
  const ownTenant = (app: App) => deps.access.resolveTenant(app, undefined);

  return {
    /** The identity a login id, phone or email names in the app's company; 2442 when none. */
    async queryIdentity(app: App, lookup: IdentityLookup): Promise<Employee> {
      const employees = deps.store.repos.employees(await ownTenant(app));
      let found: Employee | undefined;
      if (lookup.opType === 1) found = await employees.getByLoginName(lookup.loginId);
      else if (lookup.opType === 2) {
        const phone = normalizePhone(lookup.phone);
        found = phone ? await employees.getByPhone(phone.e164) : undefined;
      } else found = await employees.getByEmail(lookup.email);
      assertThat(found, 'employee.identity_not_found');
      return found;
    },

    /** The identities among 1–50 ids, in creation order; unknown ids are left out. */
    async identityList(app: App, identityIds: string[]): Promise<{ companyId: string; employees: Employee[] }> {
      assertThat(identityIds.length >= 1 && identityIds.length <= MAX_IDENTITY_IDS, 'employee.identity_ids_out_of_range');
      const companyId = await ownTenant(app);
      return { companyId, employees: await deps.store.repos.employees(companyId).getByIdentityIds([...new Set(identityIds)]) };
    },

    /** `count` identities from the `offset`-th, in creation order. */
    async identityPage(app: App, offset: number, count: number): Promise<{ companyId: string; employees: Employee[] }> {
      const companyId = await ownTenant(app);
      const { employees } = await deps.store.repos.employees(companyId).employeesAt(offset, count);
      return { companyId, employees };
    },

    /**
     * `/industry/user/account/query`: a page of the tenant's employees matching the key word (name
     * substring; phone, email or work number exactly), in a department or below it, with a role.
     */
    async searchAccounts(app: App, search: AccountSearch): Promise<{ total: number; accounts: SearchedAccount[] }> {
      const companyId = await deps.access.resolveTenant(app, search.appId);
      const departments = (await deps.store.repos.setup(companyId).listDepartments()).map((d) => d.department);
      const names = new Map(departments.map((d) => [d.deptCode, d.name]));
      if (search.organizationId !== undefined && !names.has(search.organizationId)) {
        throw new DomainError('department.unknown', { param: 'organizationId', rule: 'names no department' });
      }
      const keyWord = search.keyWord?.trim() || undefined;
      const phone = keyWord ? normalizePhone(keyWord) : null;
      const { total, employees } = await deps.store.repos.employees(companyId).search(
        {
          keyWord,
          phoneE164: phone?.e164,
          // A phone number or an email is nobody's name: skip the name index (its digit trigrams are common).
          inNames: !phone && !keyWord?.includes('@'),
          deptCodes: search.organizationId === undefined ? undefined : subtreeOf(search.organizationId, departments),
          roleCode: search.roleCode,
        },
        (search.pageNo - 1) * search.pageSize,
        search.pageSize,
      );
      const accounts = employees.map((employee) => {
        const name = employee.deptCode ? names.get(employee.deptCode) : undefined;
        return { employee, department: employee.deptCode && name !== undefined ? { deptCode: employee.deptCode, name } : undefined };
      });
      return { total, accounts };
    },
  };
}

export type IdentityQueryService = ReturnType<typeof createIdentityQueryService>;
