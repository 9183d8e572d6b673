import type { App } from '#src/domain/app.js';
import type { Company } from '#src/domain/company.js';
import { blankEmployee, type CardType, type Employee, type EmployeeAttribute, type Gender } from '#src/domain/employee.js';
import { assertThat, DomainError, invalidParam } from '#src/domain/errors.js';
import { newOpaqueId } from '#src/domain/ids.js';
import { isKnownCallingCode, normalizePhone } from '#src/domain/phone.js';
import type { EmployeePatch, Repositories, Store } from '#src/domain/ports.js';
import { isValidPassportNo, isValidResidentId } from '#src/domain/resident-id.js';
import { employeeConflictToDomain } from './employee-conflicts.js';
import { hashPassword } from './password.js';

/**
 * An employee's fields as the benefits dialect carries them, already checked for type, length and
 * format at the edge. `undefined` = not sent; for update, `null` = clear.
 */
export interface BenefitsEmployeeFields {
  name?: string | undefined;
  workNumber?: string | undefined;
  gender?: Gender | undefined;
  email?: string | undefined;
  mobileArea?: string | undefined;
  mobile?: string | undefined;
  sendInvite?: boolean | undefined;
  remark?: string | undefined;
  deptCode?: string | undefined;
  /** null clears. */
  level?: string | null | undefined;
  /** [] clears. */
  categories?: string[] | undefined;
  birthDay?: string | null | undefined;
  entryDay?: string | null | undefined;
  cardType?: CardType | undefined;
  cardNo?: string | undefined;
  allowSimplePwd?: boolean | undefined;
  password?: string | undefined;
  attributes?: EmployeeAttribute[] | undefined;
  costCenterId?: number | undefined;
}

export interface BenefitsEmployeeServiceDeps {
  store: Store;
  now: () => number;
}

/** The benefits dialect's employee use cases over the one directory. */
export function createBenefitsEmployeeService(deps: BenefitsEmployeeServiceDeps) {
  /** The company a call acts on: the app's own, or for a group/operator the member named by enterprise_code. */
  async function targetCompany(app: App, enterpriseCode: string | undefined): Promise<Company> {
    assertThat(app.kind === 'hosted' && app.companyId, 'company.enterprise_code_invalid');
    const own = await deps.store.repos.tenants.getCompany(app.companyId);
    assertThat(own, 'company.enterprise_code_invalid');
    if (own.kind === 'enterprise') return own;
    assertThat(enterpriseCode, 'company.enterprise_code_invalid');
    const member = await deps.store.repos.tenants.findMember(own.companyId, enterpriseCode);
    assertThat(member, 'company.enterprise_code_invalid');
    return member;
  }

  /** Checks every business rule of the sent fields against the company's setup; returns the patch. */
  async function resolveFields(repos: Repositories, companyId: string, f: BenefitsEmployeeFields): Promise<EmployeePatch> {
    const patch: EmployeePatch = {};
    if (f.name !== undefined) patch.name = f.name;
    if (f.workNumber !== undefined) patch.workNumber = f.workNumber;
    if (f.gender !== undefined) patch.gender = f.gender;
    if (f.email !== undefined) patch.email = f.email;
    if (f.remark !== undefined) patch.remark = f.remark;
    if (f.mobile !== undefined || f.mobileArea !== undefined) {
      const area = f.mobileArea ?? '86';
      assertThat(isKnownCallingCode(area), 'employee.mobile_area_unknown', { param: 'mobile_area' });
      if (f.mobile !== undefined) {
        const phone = normalizePhone(f.mobile.startsWith('+') ? f.mobile : f.mobile, area);
        if (!phone || phone.callingCode !== area) throw invalidParam('mobile', `is not a possible mobile number for area code ${area}`);
        patch.phoneRaw = f.mobile;
        patch.phoneE164 = phone.e164;
        patch.mobileArea = area;
      }
    }
    if (f.cardType !== undefined || f.cardNo !== undefined) {
      const type = f.cardType ?? 1;
      if (f.cardNo !== undefined) {
        const ok = type === 1 ? isValidResidentId(f.cardNo, deps.now()) : isValidPassportNo(f.cardNo);
        assertThat(ok, 'employee.card_no_invalid', { param: 'card_no' });
        patch.cardNo = type === 1 ? f.cardNo.toUpperCase() : f.cardNo;
      }
      patch.cardType = type;
    }
    const setup = repos.setup(companyId);
    if (f.deptCode !== undefined) {
      assertThat(await setup.getDepartment(f.deptCode), 'department.unknown', { param: 'dept_code' });
      patch.deptCode = f.deptCode;
    }
    if (f.level !== undefined) {
      if (f.level !== null) assertThat((await setup.existing('levels', [f.level])).has(f.level), 'level.unknown', { param: 'level' });
      patch.level = f.level;
    }
    if (f.categories !== undefined) {
      const unique = [...new Set(f.categories)];
      const known = await setup.existing('categories', unique);
      const missing = unique.filter((c) => !known.has(c));
      assertThat(missing.length === 0, 'category.unknown', { param: 'category', rule: missing.join(',') });
      patch.categories = unique;
    }
    if (f.attributes !== undefined) {
      const codes = [...new Set(f.attributes.map((a) => a.attributeCode))];
      const enabled = await setup.existing('enabled_attributes', codes);
      const off = codes.find((c) => !enabled.has(c));
      assertThat(off === undefined, 'attribute.not_enabled', { param: 'employee_attribute', rule: off });
      patch.attributes = f.attributes;
    }
    if (f.costCenterId !== undefined) {
      assertThat(await setup.hasCostCenter(f.costCenterId), 'cost_center.unknown', { param: 'cost_center_id' });
      patch.costCenterId = f.costCenterId;
    }
    if (f.birthDay !== undefined) patch.birthDay = f.birthDay;
    if (f.entryDay !== undefined) patch.entryDay = f.entryDay;
    return patch;
  }

  async function findByUserid(repos: Repositories, companyId: string, userid: string): Promise<Employee> {
    const employee = await repos.employees(companyId).getByUserid(userid);
    assertThat(employee, 'employee.not_found', { param: 'userid' });
    return employee;
  }

  return {
    targetCompany,

    /**
     * Adds an employee; returns it. Throws the catalogue code of the first broken rule; the
     * database decides uniqueness of userid, work number, email and mobile.
     */
    async add(app: App, enterpriseCode: string | undefined, userid: string, fields: BenefitsEmployeeFields & { name: string }): Promise<Employee> {
      const company = await targetCompany(app, enterpriseCode);
      if (fields.mobile === undefined && fields.email === undefined) throw invalidParam('mobile', 'mobile or email is required');
      // Hash outside the transaction: it is slow and needs no lock.
      const passwordHash = fields.allowSimplePwd && fields.password ? await hashPassword(fields.password) : null;
      try {
        return await deps.store.transaction(async (repos) => {
          const patch = await resolveFields(repos, company.companyId, fields);
          const now = deps.now();
          const seq = await repos.tenants.nextEmployeeSeq(company.companyId);
          const { passwordHash: _ignored, ...employeeFields } = patch;
          const employee = blankEmployee({
            ...employeeFields,
            companyId: company.companyId,
            employeeId: newOpaqueId(),
            seq,
            identityId: newOpaqueId(),
            accountId: newOpaqueId(),
            name: fields.name,
            userid,
            loginName: patch.phoneE164 ?? patch.email ?? userid,
            sendInvite: fields.sendInvite ?? false,
            creator: app.appKey,
            modifier: app.appKey,
            createdAt: now,
          });
          const employees = repos.employees(company.companyId);
          await employees.insert(employee, passwordHash);
          if (employee.sendInvite) await employees.insertInvitation(newOpaqueId(), employee.employeeId, now);
          return employee;
        });
      } catch (error) {
        throw employeeConflictToDomain(error);
      }
    },

    /** Updates the sent fields of the employee with this userid. */
    async update(app: App, enterpriseCode: string | undefined, userid: string, fields: BenefitsEmployeeFields): Promise<Employee> {
      const company = await targetCompany(app, enterpriseCode);
      try {
        return await deps.store.transaction(async (repos) => {
          const employee = await findByUserid(repos, company.companyId, userid);
          const patch = await resolveFields(repos, company.companyId, fields);
          if (fields.allowSimplePwd && fields.password) patch.passwordHash = await hashPassword(fields.password);
          patch.modifier = app.appKey;
          patch.updatedAt = deps.now();
          await repos.employees(company.companyId).update(employee.employeeId, patch);
          return (await repos.employees(company.companyId).getById(employee.employeeId))!;
        });
      } catch (error) {
        throw employeeConflictToDomain(error);
      }
    },

    /** Finds an employee by userid, mobile (with area code) or email, in that order of preference. */
    async get(app: App, enterpriseCode: string | undefined, by: { userid?: string; mobile?: string; mobileArea?: string; email?: string }): Promise<{ company: Company; employee: Employee }> {
      const company = await targetCompany(app, enterpriseCode);
      const employees = deps.store.repos.employees(company.companyId);
      let employee: Employee | undefined;
      if (by.userid) employee = await employees.getByUserid(by.userid);
      else if (by.mobile) {
        const phone = normalizePhone(by.mobile, by.mobileArea ?? '86');
        employee = phone ? await employees.getByPhone(phone.e164) : undefined;
      } else if (by.email) employee = await employees.getByEmail(by.email);
      else throw invalidParam('userid', 'one of userid, mobile or email is required');
      assertThat(employee, 'employee.not_found');
      return { company, employee };
    },

    /** One page of the company's employees in creation order, with the total. */
    async batchGet(app: App, enterpriseCode: string | undefined, pageIndex: number, pageSize: number): Promise<{ company: Company; total: number; employees: Employee[] }> {
      const company = await targetCompany(app, enterpriseCode);
      const afterSeq = (pageIndex - 1) * pageSize;
      const employees = afterSeq >= company.employeeCount ? [] : await deps.store.repos.employees(company.companyId).pageAfter(afterSeq, pageSize);
      return { company, total: company.employeeCount, employees };
    },

    /** Resigns now, or at `resignAt` (epoch ms) when given. */
    async resign(app: App, enterpriseCode: string | undefined, userid: string, resignAt: number | undefined): Promise<Employee> {
      const company = await targetCompany(app, enterpriseCode);
      return deps.store.transaction(async (repos) => {
        const employee = await findByUserid(repos, company.companyId, userid);
        const at = resignAt ?? deps.now();
        await repos.employees(company.companyId).update(employee.employeeId, { resignAt: at, modifier: app.appKey, updatedAt: deps.now() });
        return { ...employee, resignAt: at };
      });
    },

    /** Undoes a resignation (taken effect or scheduled). */
    async restore(app: App, enterpriseCode: string | undefined, userid: string): Promise<Employee> {
      const company = await targetCompany(app, enterpriseCode);
      return deps.store.transaction(async (repos) => {
        const employee = await findByUserid(repos, company.companyId, userid);
        await repos.employees(company.companyId).update(employee.employeeId, { resignAt: null, modifier: app.appKey, updatedAt: deps.now() });
        return { ...employee, resignAt: null };
      });
    },
  };
}

export type BenefitsEmployeeService = ReturnType<typeof createBenefitsEmployeeService>;

/** Thrown for a request that names no employee field to change. */
export const nothingToUpdate = () => new DomainError('request.invalid_params', { param: 'userid', rule: 'no field to update' });
