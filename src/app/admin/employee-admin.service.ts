import type { EmployeeListFilter, EmployeeListRepository } from '#src/domain/admin-ports.js';
import { ROOT_DEPT_CODE } from '#src/domain/department.js';
import type { Employee } from '#src/domain/employee.js';
import type { EmployeeStatusFilter } from '#src/domain/employee-filter.js';
import { assertThat, invalidParam } from '#src/domain/errors.js';
import { normalizePhone } from '#src/domain/phone.js';
import type { Repositories, Store } from '#src/domain/ports.js';
import { resolveFields, type BenefitsEmployeeFields } from '../benefits-employee.fields.js';
import type { DirectoryService } from '../directory.service.js';
import { employeeConflictToDomain } from '../employee-conflicts.js';
import { insertNewEmployee } from '../new-employee.js';
import { assertCompanyInScope, type Caller } from './caller-scope.js';
import { decodeCursor, encodeCursor } from './cursor.js';

/** The employee fields an admin sets: the directory's fields (same rules as every door) and the userid. */
export type AdminEmployeeFields = Omit<BenefitsEmployeeFields, 'password' | 'allowSimplePwd'> & { userid?: string | undefined };

export interface EmployeeListQuery {
  status: EmployeeStatusFilter;
  /** A department: its employees and those of every department below it. */
  deptCode?: string | undefined;
  level?: string | undefined;
  category?: string | undefined;
  userid?: string | undefined;
  keyword?: string | undefined;
  cursor?: string | undefined;
  limit: number;
  /** Count every match too (a count: costs what the filter matches). */
  withTotal: boolean;
}

export interface EmployeeAdminServiceDeps {
  store: Store;
  directory: DirectoryService;
  list: EmployeeListRepository;
  now: () => number;
}

/** Records who changed a row; the admin API's changes read `admin` in the creator/modifier columns. */
const ADMIN_ACTOR = 'admin';

/** Employees through the admin API, over the same services and rules as the dialects. */
export function createEmployeeAdminService(deps: EmployeeAdminServiceDeps) {
  async function inScope(caller: Caller, companyId: string): Promise<void> {
    assertCompanyInScope(caller, companyId);
    await deps.directory.getCompany(companyId);
  }

  async function find(repos: Repositories, companyId: string, employeeId: string): Promise<Employee> {
    const employee = await repos.employees(companyId).getById(employeeId);
    assertThat(employee, 'employee.not_found');
    return employee;
  }

  return {
    /** Adds an employee (root department unless `deptCode`); employee.*_taken, department.unknown, … as every door. */
    async create(caller: Caller, companyId: string, fields: AdminEmployeeFields & { name: string }): Promise<Employee> {
      await inScope(caller, companyId);
      try {
        return await deps.store.transaction(async (repos) => {
          const now = deps.now();
          const patch = await resolveFields(repos, companyId, fields, now);
          return insertNewEmployee(
            repos,
            companyId,
            {
              deptCode: ROOT_DEPT_CODE,
              ...patch,
              name: fields.name,
              userid: fields.userid ?? null,
              loginName: patch.phoneE164 ?? patch.email ?? fields.userid ?? null,
              creator: ADMIN_ACTOR,
              modifier: ADMIN_ACTOR,
            },
            now,
          );
        });
      } catch (error) {
        throw employeeConflictToDomain(error);
      }
    },

    async get(caller: Caller, companyId: string, employeeId: string): Promise<Employee> {
      await inScope(caller, companyId);
      return find(deps.store.repos, companyId, employeeId);
    },

    /**
     * Changes the given fields; the login name follows the phone when it was the phone. `isAdmin`
     * makes the employee a company admin or not (the main account stays one).
     */
    async update(caller: Caller, companyId: string, employeeId: string, input: Omit<AdminEmployeeFields, 'userid'> & { isAdmin?: boolean | undefined }): Promise<Employee> {
      await inScope(caller, companyId);
      const { isAdmin, ...fields } = input;
      try {
        return await deps.store.transaction(async (repos) => {
          const current = await find(repos, companyId, employeeId);
          if (isAdmin === false && current.isMain) throw invalidParam('isAdmin', 'the main account is always an admin');
          const now = deps.now();
          const patch = await resolveFields(repos, companyId, fields, now, current);
          if (isAdmin !== undefined) patch.isAdmin = isAdmin;
          if (patch.phoneE164 && current.loginName === current.phoneE164) patch.loginName = patch.phoneE164;
          patch.modifier = ADMIN_ACTOR;
          patch.updatedAt = now;
          await repos.employees(companyId).update(employeeId, patch);
          return (await repos.employees(companyId).getById(employeeId))!;
        });
      } catch (error) {
        throw employeeConflictToDomain(error);
      }
    },

    /** Resigns now or from `resignAt` (epoch ms); a later call replaces the date. */
    async resign(caller: Caller, companyId: string, employeeId: string, resignAt?: number): Promise<Employee> {
      await inScope(caller, companyId);
      return deps.store.transaction(async (repos) => {
        await find(repos, companyId, employeeId);
        const now = deps.now();
        await repos.employees(companyId).update(employeeId, { resignAt: resignAt ?? now, modifier: ADMIN_ACTOR, updatedAt: now });
        return (await repos.employees(companyId).getById(employeeId))!;
      });
    },

    /** Undoes a resignation; a serving employee is returned unchanged. */
    async restore(caller: Caller, companyId: string, employeeId: string): Promise<Employee> {
      await inScope(caller, companyId);
      return deps.store.transaction(async (repos) => {
        const current = await find(repos, companyId, employeeId);
        if (current.resignAt === null) return current;
        await repos.employees(companyId).update(employeeId, { resignAt: null, modifier: ADMIN_ACTOR, updatedAt: deps.now() });
        return (await repos.employees(companyId).getById(employeeId))!;
      });
    },

    /**
     * Deletes the employee for good, with the IoT unregister's erasure (the repository's `erase`: the
     * row and its personal data go, its phone, email and userid are free again, paging stays exact).
     * The company's main account stays (auth.forbidden), as in the IoT dialect.
     */
    async delete(caller: Caller, companyId: string, employeeId: string): Promise<void> {
      await inScope(caller, companyId);
      await deps.store.transaction(async (repos) => {
        const employee = await find(repos, companyId, employeeId);
        assertThat(!employee.isMain, 'auth.forbidden', { rule: 'the main account of the company cannot be deleted' });
        assertThat(await repos.employees(companyId).erase(employeeId), 'employee.not_found');
      });
    },

    /** A page in creation order after the cursor, with the next cursor (null at the end) and, when asked, the total. */
    async list(caller: Caller, companyId: string, q: EmployeeListQuery): Promise<{ employees: Employee[]; nextCursor: string | null; total?: number }> {
      await inScope(caller, companyId);
      const filter: EmployeeListFilter = { status: q.status, level: q.level, category: q.category, userid: q.userid, ...keywordFilter(q.keyword) };
      if (q.deptCode !== undefined) {
        filter.deptCodes = await deps.list.subtree(companyId, q.deptCode);
        assertThat(filter.deptCodes.length > 0, 'department.unknown', { param: 'deptCode' });
      }
      const afterSeq = q.cursor === undefined ? 0 : seqOf(q.cursor);
      const now = deps.now();
      const page = await deps.list.page(companyId, filter, afterSeq, q.limit + 1, now);
      const employees = page.slice(0, q.limit);
      const last = employees[employees.length - 1];
      const nextCursor = page.length > q.limit && last ? encodeCursor([last.seq]) : null;
      if (!q.withTotal) return { employees, nextCursor };
      return { employees, nextCursor, total: await deps.list.count(companyId, filter, now) };
    },
  };
}

/**
 * The keyword as the IoT account search reads it: a name substring, or exactly a phone, email or
 * work number; one that reads as a phone or an email is nobody's name, so names are not searched.
 */
function keywordFilter(raw: string | undefined): Pick<EmployeeListFilter, 'keyword' | 'keywordPhoneE164' | 'keywordInNames'> {
  const keyword = raw?.trim() || undefined;
  if (keyword === undefined) return {};
  const phone = normalizePhone(keyword);
  return { keyword, keywordPhoneE164: phone?.e164, keywordInNames: !phone && !keyword.includes('@') };
}

function seqOf(cursor: string): number {
  const [seq] = decodeCursor(cursor);
  if (typeof seq !== 'number' || !Number.isSafeInteger(seq) || seq < 0) throw invalidParam('cursor', 'is not a cursor this list gave out');
  return seq;
}

export type EmployeeAdminService = ReturnType<typeof createEmployeeAdminService>;
