import type { App } from '#src/domain/app.js';
import type { Company } from '#src/domain/company.js';
import { ROOT_DEPT_CODE } from '#src/domain/department.js';
import { isResigned, type Employee } from '#src/domain/employee.js';
import { assertThat, invalidParam } from '#src/domain/errors.js';
import { newOpaqueId } from '#src/domain/ids.js';
import { normalizePhone } from '#src/domain/phone.js';
import type { Repositories, Store } from '#src/domain/ports.js';
import { assertMobileOrEmail, checkMobileArea, DEFAULT_MOBILE_AREA, resolveFields, type BenefitsEmployeeFields } from './benefits-employee.fields.js';
import { appActor, changedEmployeeFields, recordChange } from './audit-trail.js';
import { assertUniqueFree, employeeConflictToDomain } from './employee-conflicts.js';
import { insertNewEmployee } from './new-employee.js';
import { createPasswordHasher, type PasswordHasher } from './password.js';
import { createTtlLru } from './ttl-lru.js';

export type { BenefitsEmployeeFields } from './benefits-employee.fields.js';

/** What a benefits call needs of the company it acts on: fixed at the company's creation. */
export type CompanyRef = Pick<Company, 'companyId' | 'kind' | 'parentCompanyId'>;

/** How /employee/get names an employee: the first of these that is given wins. */
export interface EmployeeLookup {
  userid?: string | undefined;
  /** The work number: the docs' own get example still asks by `corp_code`. */
  workNumber?: string | undefined;
  mobile?: string | undefined;
  mobileArea?: string | undefined;
  email?: string | undefined;
}

/** An employee with the name of its department, as the dialect shows it. */
export interface EmployeeWithDept {
  employee: Employee;
  deptName: string | null;
}

/** The service's narrow dependencies: the store, a clock and the (shared, bounded) password hasher. */
export interface BenefitsEmployeeServiceDeps {
  store: Store;
  now: () => number;
  passwords?: PasswordHasher | undefined;
}

async function findByUserid(repos: Repositories, companyId: string, userid: string): Promise<Employee> {
  const employee = await repos.employees(companyId).getByUserid(userid);
  assertThat(employee, 'employee.not_found', { param: 'userid' });
  return employee;
}

/**
 * Records the change in its own transaction (`repos`), as the app's; a change that changed nothing
 * (the same values sent again) records nothing.
 */
async function audit(repos: Repositories, app: App, action: string, employee: Employee, changedFields: string[], at: number): Promise<void> {
  if (changedFields.length === 0) return;
  await recordChange(repos, appActor(app), { action, objectType: 'employee', objectId: employee.employeeId, companyId: employee.companyId, changedFields }, at);
}

/** The benefits dialect's employee use cases over the one directory (the IoT dialect sees the same rows). */
export function createBenefitsEmployeeService(deps: BenefitsEmployeeServiceDeps) {
  const passwords = deps.passwords ?? createPasswordHasher();
  const setsPassword = (f: BenefitsEmployeeFields): f is BenefitsEmployeeFields & { password: string } => Boolean(f.allowSimplePwd && f.password);

  /**
   * The password hash a write needs, or undefined when it sets none. Hashing is the slow, scarce
   * part (issue 6), so first the write is checked as far as reads can tell — the employee exists
   * (update), the fields resolve, no one else holds the userid, mobile, email or work number — and
   * a write bound to fail never takes a place in the hashing queue. The transaction checks again.
   */
  async function passwordHashFor(app: App, companyId: string, fields: BenefitsEmployeeFields, target: { userid: string; isNew: boolean }): Promise<string | undefined> {
    if (!setsPassword(fields)) return undefined;
    const repos = deps.store.repos;
    const current = target.isNew ? undefined : await findByUserid(repos, companyId, target.userid);
    const patch = await resolveFields(repos, companyId, fields, deps.now(), current);
    await assertUniqueFree(repos.employees(companyId), target.isNew ? { ...patch, userid: target.userid } : patch, current?.employeeId);
    return passwords.hash(app.appKey, fields.password);
  }

  /**
   * Resolved targets: a company's id, kind and parent never change once created (nor is a company
   * deleted), so a found one is remembered (a refusal is not: a member added a moment later is found).
   * One read fewer on every benefits call.
   */
  const targets = createTtlLru<string, CompanyRef>({ maxEntries: 10_000, ttlMs: 60_000 });

  /**
   * The company a call acts on: a hosted app's own enterprise, or for a group/operator account the
   * member enterprise named by `enterpriseCode` (required there, ignored for a plain enterprise).
   * Throws auth.forbidden for a shared app (the dialect has no way to name its tenant),
   * company.enterprise_code_invalid (1000240002) for a missing or foreign code.
   */
  async function targetCompany(app: App, enterpriseCode: string | undefined): Promise<CompanyRef> {
    assertThat(app.kind === 'hosted' && app.companyId, 'auth.forbidden');
    const key = `${app.companyId}\n${enterpriseCode ?? ''}`;
    const now = deps.now();
    const known = targets.get(key, now);
    if (known) return known.value;
    const own = await deps.store.repos.tenants.getCompany(app.companyId);
    assertThat(own, 'tenant.not_found');
    let target: Company = own;
    if (own.kind !== 'enterprise') {
      assertThat(enterpriseCode, 'company.enterprise_code_invalid', { param: 'enterprise_code', rule: 'is required for a group or operator account' });
      const member = await deps.store.repos.tenants.findMember(own.companyId, enterpriseCode);
      assertThat(member, 'company.enterprise_code_invalid', { param: 'enterprise_code' });
      target = member;
    }
    const ref: CompanyRef = { companyId: target.companyId, kind: target.kind, parentCompanyId: target.parentCompanyId };
    targets.set(key, ref, now);
    return ref;
  }

  async function withDeptNames(companyId: string, employees: Employee[]): Promise<EmployeeWithDept[]> {
    const setup = deps.store.repos.setup(companyId);
    const codes = [...new Set(employees.map((e) => e.deptCode).filter((c): c is string => c !== null))];
    const names = new Map(await Promise.all(codes.map(async (code) => [code, (await setup.getDepartment(code))?.name ?? null] as const)));
    return employees.map((employee) => ({ employee, deptName: employee.deptCode ? (names.get(employee.deptCode) ?? null) : null }));
  }

  return {
    targetCompany,

    /**
     * Adds an employee (in the root department unless `deptCode` says otherwise) and returns it.
     * Throws the catalogue code of the first broken rule; the database decides uniqueness of userid,
     * work number, email and mobile (employee.*_taken), so parallel adds of one mobile yield one employee.
     */
    async add(app: App, enterpriseCode: string | undefined, userid: string, fields: BenefitsEmployeeFields & { name: string }): Promise<Employee> {
      assertMobileOrEmail(fields);
      const company = await targetCompany(app, enterpriseCode);
      // Hash before the transaction: it is slow and needs no lock (SQLite has one writer).
      const passwordHash = (await passwordHashFor(app, company.companyId, fields, { userid, isNew: true })) ?? null;
      try {
        return await deps.store.transaction(async (repos) => {
          const now = deps.now();
          const patch = await resolveFields(repos, company.companyId, fields, now);
          const employee = await insertNewEmployee(
            repos,
            company.companyId,
            {
              deptCode: ROOT_DEPT_CODE,
              ...patch,
              name: fields.name,
              userid,
              loginName: patch.phoneE164 ?? patch.email ?? userid,
              sendInvite: fields.sendInvite ?? false,
              creator: app.appKey,
              modifier: app.appKey,
            },
            now,
            passwordHash,
          );
          const employees = repos.employees(company.companyId);
          if (employee.sendInvite) await employees.insertInvitation(newOpaqueId(), employee.employeeId, now);
          await audit(repos, app, 'createEmployee', employee, changedEmployeeFields({ ...patch, name: fields.name, userid, passwordHash }), now);
          return employee;
        });
      } catch (error) {
        throw employeeConflictToDomain(error);
      }
    },

    /** Changes the sent fields of the employee with this userid; throws like add, or employee.not_found. */
    async update(app: App, enterpriseCode: string | undefined, userid: string, fields: BenefitsEmployeeFields): Promise<Employee> {
      const company = await targetCompany(app, enterpriseCode);
      const passwordHash = await passwordHashFor(app, company.companyId, fields, { userid, isNew: false });
      try {
        return await deps.store.transaction(async (repos) => {
          const current = await findByUserid(repos, company.companyId, userid);
          const now = deps.now();
          const patch = await resolveFields(repos, company.companyId, fields, now, current);
          if (passwordHash) patch.passwordHash = passwordHash;
          // The login name follows the phone when it was the phone.
          if (patch.phoneE164 && current.loginName === current.phoneE164) patch.loginName = patch.phoneE164;
          patch.modifier = app.appKey;
          patch.updatedAt = now;
          const employees = repos.employees(company.companyId);
          await employees.update(current.employeeId, patch);
          await audit(repos, app, 'updateEmployee', current, changedEmployeeFields(patch, current), now);
          return (await employees.getById(current.employeeId))!;
        });
      } catch (error) {
        throw employeeConflictToDomain(error);
      }
    },

    /**
     * The serving (not resigned) employee named by userid, work number, mobile (+ area, default 86) or email, in
     * that order of preference; employee.not_found otherwise, as the platform's get only finds 在职 staff.
     */
    async get(app: App, enterpriseCode: string | undefined, by: EmployeeLookup): Promise<EmployeeWithDept> {
      if (!by.userid && !by.workNumber && !by.mobile && !by.email) throw invalidParam('userid', 'or mobile or email is required');
      const company = await targetCompany(app, enterpriseCode);
      const employees = deps.store.repos.employees(company.companyId);
      let employee: Employee | undefined;
      if (by.userid) employee = await employees.getByUserid(by.userid);
      else if (by.workNumber) employee = await employees.getByWorkNumber(by.workNumber);
      else if (by.mobile) {
        const area = by.mobileArea ?? DEFAULT_MOBILE_AREA;
        checkMobileArea(area);
        const phone = normalizePhone(by.mobile, area);
        employee = phone ? await employees.getByPhone(phone.e164) : undefined;
      } else if (by.email) employee = await employees.getByEmail(by.email);
      assertThat(employee && !isResigned(employee, deps.now()), 'employee.not_found');
      return (await withDeptNames(company.companyId, [employee]))[0]!;
    },

    /** Page `pageIndex` (from 1) of every employee, resigned ones included, in creation order, with the total. */
    async batchGet(app: App, enterpriseCode: string | undefined, pageIndex: number, pageSize: number): Promise<{ total: number; employees: EmployeeWithDept[] }> {
      const company = await targetCompany(app, enterpriseCode);
      // By rank, not by seq: deleted employees (IoT unregister) leave holes in seq (docs/architecture.md).
      const { total, employees: page } = await deps.store.repos.employees(company.companyId).employeesAt((pageIndex - 1) * pageSize, pageSize);
      return { total, employees: await withDeptNames(company.companyId, page) };
    },

    /** Resigns now, or from `resignAt` (epoch ms) when given; a later resign replaces the earlier one. */
    async resign(app: App, enterpriseCode: string | undefined, userid: string, resignAt: number | undefined): Promise<Employee> {
      const company = await targetCompany(app, enterpriseCode);
      return deps.store.transaction(async (repos) => {
        const employee = await findByUserid(repos, company.companyId, userid);
        const now = deps.now();
        const at = resignAt ?? now;
        await repos.employees(company.companyId).update(employee.employeeId, { resignAt: at, modifier: app.appKey, updatedAt: now });
        await audit(repos, app, 'resignEmployee', employee, changedEmployeeFields({ resignAt: at }, employee), now);
        // Resigning ends the employee's IoT sessions (a scheduled resignation ends them when it takes
        // effect: session lookups refuse resigned employees).
        if (at <= now) await repos.sessions.revokeEmployee(company.companyId, employee.employeeId, now);
        return { ...employee, resignAt: at };
      });
    },

    /** Undoes a resignation, taken effect or scheduled; restoring a serving employee changes nothing. */
    async restore(app: App, enterpriseCode: string | undefined, userid: string): Promise<Employee> {
      const company = await targetCompany(app, enterpriseCode);
      return deps.store.transaction(async (repos) => {
        const employee = await findByUserid(repos, company.companyId, userid);
        if (employee.resignAt === null) return employee;
        const now = deps.now();
        await repos.employees(company.companyId).update(employee.employeeId, { resignAt: null, modifier: app.appKey, updatedAt: now });
        await audit(repos, app, 'restoreEmployee', employee, ['resignAt'], now);
        return { ...employee, resignAt: null };
      });
    },
  };
}

export type BenefitsEmployeeService = ReturnType<typeof createBenefitsEmployeeService>;
