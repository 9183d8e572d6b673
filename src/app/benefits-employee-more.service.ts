import type { App } from '#src/domain/app.js';
import type { Company } from '#src/domain/company.js';
import { ROOT_DEPT_CODE } from '#src/domain/department.js';
import { isResigned, type Employee } from '#src/domain/employee.js';
import { assertThat, invalidParam } from '#src/domain/errors.js';
import { normalizePhone } from '#src/domain/phone.js';
import type { Repositories, Store } from '#src/domain/ports.js';
import type { BenefitsEmployeeService, EmployeeWithDept } from './benefits-employee.service.js';
import { appActor, changedEmployeeFields, recordChange } from './audit-trail.js';
import { employeeConflictToDomain } from './employee-conflicts.js';
import { syncEmployee, type EmployeeSyncCommand } from './employee-sync.js';
import { insertNewEmployee } from './new-employee.js';
import type { RowServicesOver } from './row-services.js';

/** Display names of the extension attributes the docs and the SDK name (notes §3.6, seed 003). */
const ATTRIBUTE_NAMES: Record<string, string> = {
  englishName: '英文姓名',
  politicalVisage: '政治面貌',
  maritalStatus: '婚姻状况',
  contractNature: '合同性质',
  fixedPhone: '固定电话',
  telephone: '固定电话',
  level: '级别',
  category: '分类',
  taxpayerMapper: '纳税人归属id',
  taxpayerIdentifier: '纳税人识别号',
};

/** `getListByField`'s two keys: 1 mobile, 2 work number (工号). */
export type EmployeeField = 1 | 2;

/** An employee found across enterprises, with the enterprise it belongs to. */
export interface EmployeeInCompany extends EmployeeWithDept {
  company: Company;
}

export interface BenefitsEmployeeMoreDeps {
  store: Store;
  now: () => number;
  employees: BenefitsEmployeeService;
  servicesOver: RowServicesOver;
}

async function withDeptName(repos: Repositories, companyId: string, employee: Employee): Promise<EmployeeWithDept> {
  const found = await repos.employees(companyId).getWithDepartmentName(employee.employeeId);
  return { employee, deptName: found?.departmentName ?? null };
}

/** The benefits SDK's other employee calls (notes §3), over the same directory and the same rules. */
export function createBenefitsEmployeeMoreService(deps: BenefitsEmployeeMoreDeps) {
  const { store, employees } = deps;

  async function department(companyId: string, deptCode: string) {
    const dept = await store.repos.setup(companyId).getDepartment(deptCode);
    assertThat(dept, 'department.unknown', { param: 'dept_code' });
    return dept;
  }

  /** The app's own company (a group or operator account's is the group itself). */
  async function ownCompany(app: App): Promise<Company> {
    assertThat(app.kind === 'hosted' && app.companyId, 'auth.forbidden');
    const own = await store.repos.tenants.getCompany(app.companyId);
    assertThat(own, 'tenant.not_found');
    return own;
  }

  return {
    /**
     * The enterprise codes a group or operator account acts for (at most `limit`); none for a plain
     * enterprise. The edge tries them when the SDK signed a code it did not send (notes §1.3).
     */
    async memberCodes(app: App, limit: number): Promise<string[]> {
      const own = await ownCompany(app).catch(() => undefined);
      if (!own || own.kind === 'enterprise') return [];
      const members = await store.repos.tenants.listMembers(own.companyId);
      return members.flatMap((m) => (m.enterpriseCode ? [m.enterpriseCode] : [])).slice(0, limit);
    },

    /**
     * Changes only the mobile (and its area code) of the employee named by userid, or by work number
     * when there is no userid, with /employee/update's checks and codes. Returns the userid.
     */
    async updateMobile(app: App, enterpriseCode: string | undefined, by: { userid?: string | undefined; workNumber?: string | undefined }, mobile: { mobile: string; mobileArea?: string | undefined }): Promise<string | null> {
      let userid = by.userid;
      if (userid === undefined) {
        if (by.workNumber === undefined) throw invalidParam('userid', 'or code is required');
        const company = await employees.targetCompany(app, enterpriseCode);
        const found = await store.repos.employees(company.companyId).getByWorkNumber(by.workNumber);
        assertThat(found?.userid, 'employee.not_found', { param: 'code' });
        userid = found.userid;
      }
      return (await employees.update(app, enterpriseCode, userid, { mobile: mobile.mobile, mobileArea: mobile.mobileArea })).userid;
    },

    /**
     * Serving employees with this mobile (mainland unless written `+<code>…`) or work number in every
     * enterprise the app reaches: its own, and for a group or operator also each member enterprise.
     */
    async listByField(app: App, field: EmployeeField, content: string): Promise<EmployeeInCompany[]> {
      const root = await ownCompany(app);
      const companies = root.kind === 'enterprise' ? [root] : [root, ...(await store.repos.tenants.listMembers(root.companyId))];
      const phone = field === 1 ? normalizePhone(content, '86') : undefined;
      if (field === 1 && !phone) return [];
      const now = deps.now();
      const found: EmployeeInCompany[] = [];
      for (const company of companies) {
        const repo = store.repos.employees(company.companyId);
        const employee = field === 1 ? await repo.getByPhone(phone!.e164) : await repo.getByWorkNumber(content);
        if (employee && !isResigned(employee, now)) found.push({ ...(await withDeptName(store.repos, company.companyId, employee)), company });
      }
      return found;
    },

    /** Page `pageNo` (from 1) of one department's serving members in creation order; department.unknown otherwise. */
    async inDepartment(app: App, enterpriseCode: string | undefined, deptCode: string, pageNo: number, pageSize: number): Promise<EmployeeWithDept[]> {
      const company = await employees.targetCompany(app, enterpriseCode);
      const dept = await department(company.companyId, deptCode);
      const page = await store.repos.employees(company.companyId).pageInDepartment(deptCode, deps.now(), (pageNo - 1) * pageSize, pageSize);
      return page.map((employee) => ({ employee, deptName: dept.name }));
    },

    /** How many serving members one department has (sub-departments not included). */
    async countInDepartment(app: App, enterpriseCode: string | undefined, deptCode: string): Promise<number> {
      const company = await employees.targetCompany(app, enterpriseCode);
      await department(company.companyId, deptCode);
      return store.repos.employees(company.companyId).countServingInDepartment(deptCode, deps.now());
    },

    /** Every attribute enabled in the enterprise with the employee's value (null when unset). */
    async attributes(app: App, enterpriseCode: string | undefined, userid: string): Promise<Array<{ code: string; name: string; value: string | null }>> {
      const company = await employees.targetCompany(app, enterpriseCode);
      const employee = await store.repos.employees(company.companyId).getByUserid(userid);
      assertThat(employee, 'employee.not_found', { param: 'userid' });
      const enabled = await store.repos.setup(company.companyId).listSettings('enabled_attributes');
      const values = new Map(employee.attributes.map((a) => [a.attributeCode, a.attributeValue]));
      return enabled.map((code) => ({ code, name: ATTRIBUTE_NAMES[code] ?? code, value: values.get(code) ?? null }));
    },

    /** `/employee/syncSingleEmployee`: create or update, then status, in one transaction. Returns the userid. */
    syncOne(app: App, enterpriseCode: string | undefined, cmd: EmployeeSyncCommand): Promise<string> {
      return syncEmployee(store, deps.servicesOver, deps.now, app, enterpriseCode, cmd);
    },

    /**
     * Moves a serving employee from one member enterprise of a group to another, in one transaction:
     * the target gets the employee (restored and updated if it had this userid before, resigned), the
     * source resigns it, so both keep their creation order whole. Plain enterprise apps may not
     * (auth.forbidden); each code must be the caller's member (company.enterprise_code_invalid).
     */
    async transfer(app: App, enterpriseCode: string | undefined, userid: string, newEnterpriseCode: string): Promise<string> {
      assertThat((await ownCompany(app)).kind !== 'enterprise', 'auth.forbidden', { rule: 'only a group or operator account moves employees between enterprises' });
      const source = await employees.targetCompany(app, enterpriseCode);
      const target = await employees.targetCompany(app, newEnterpriseCode).catch(() => undefined);
      assertThat(target && target.kind === 'enterprise', 'company.enterprise_code_invalid', { param: 'new_enterprise_code' });
      if (target.companyId === source.companyId) throw invalidParam('new_enterprise_code', 'must name another enterprise than enterprise_code');
      try {
        return await store.transaction(async (repos) => {
          const now = deps.now();
          const from = repos.employees(source.companyId);
          const employee = await from.getByUserid(userid);
          assertThat(employee && !isResigned(employee, now), 'employee.not_found', { param: 'userid' });
          const to = repos.employees(target.companyId);
          const deptCode = employee.deptCode && (await repos.setup(target.companyId).getDepartment(employee.deptCode)) ? employee.deptCode : ROOT_DEPT_CODE;
          const { companyId: _c, employeeId: _e, seq: _s, identityId: _i, accountId: _a, createdAt: _t, ...person } = employee;
          const moved = { ...person, deptCode, isMain: false, isAdmin: false, resignAt: null, modifier: app.appKey, updatedAt: now };
          const previous = await to.getByUserid(userid);
          const actor = appActor(app);
          const event = (companyId: string, objectId: string, changedFields: string[]) => ({ action: 'transferEmployee', objectType: 'employee', objectId, companyId, changedFields });
          if (previous) {
            assertThat(isResigned(previous, now), 'employee.userid_taken', { param: 'userid', rule: 'serves in the target enterprise already' });
            const patch = { ...moved, oaUserId: previous.oaUserId };
            await to.update(previous.employeeId, patch);
            await recordChange(repos, actor, event(target.companyId, previous.employeeId, changedEmployeeFields(patch, previous)), now);
          } else {
            const passwordHash = (await from.getPasswordHash(employee.employeeId)) ?? null;
            const fields = { ...moved, creator: app.appKey, oaUserId: null };
            const created = await insertNewEmployee(repos, target.companyId, fields, now, passwordHash);
            await recordChange(repos, actor, event(target.companyId, created.employeeId, changedEmployeeFields({ ...fields, passwordHash })), now);
          }
          // The source keeps the employee, resigned: its event says so.
          await from.update(employee.employeeId, { resignAt: now, modifier: app.appKey, updatedAt: now });
          await recordChange(repos, actor, event(source.companyId, employee.employeeId, ['resignAt']), now);
          return userid;
        });
      } catch (error) {
        throw employeeConflictToDomain(error);
      }
    },
  };
}

export type BenefitsEmployeeMoreService = ReturnType<typeof createBenefitsEmployeeMoreService>;
