import type { Kysely } from 'kysely';
import type { Employee } from '#src/domain/employee.js';
import type { EmployeePatch, EmployeeRepository } from '#src/domain/ports.js';
import type { DataCipher } from '../crypto/data-cipher.js';
import { guardUnique } from './conflicts.js';
import { employeeMoreMethods } from './employee-more.repository.js';
import { runReusable } from './reusable-query.js';
import { employeeRowToEmployee, employeeToRow, lowerKey, patchToRow } from './employee.mapper.js';
import type { BatchedEmployeeReads } from './employee-read-batches.js';
import type { Database, EmployeeRow } from './tables.js';

/**
 * Employees of one company; `companyId` is bound here and leads every query. `batched`, when
 * given (PostgreSQL, outside a transaction), serves the one-employee-with-department read, the
 * lookup by userid and the `querybycompanyid` pages.
 */
export function createEmployeeRepository(
  db: Kysely<Database>,
  companyId: string,
  cipher: DataCipher,
  batched?: BatchedEmployeeReads,
): EmployeeRepository {
  const one = async (column: keyof EmployeeRow, value: string): Promise<Employee | undefined> => {
    const [row] = await runReusable(db, `employees.by.${column}`, [companyId, value], (company, v) =>
      db.selectFrom('employees').selectAll().where('company_id', '=', company!).where(column, '=', v!),
    );
    return row ? employeeRowToEmployee(row, cipher) : undefined;
  };
  /** The employee by a unique column, with its department's name (null without one), in one statement. */
  const withDepartmentBy = (column: 'employee_id' | 'identity_id', value: string) =>
    runReusable(db, `employees.with_department.${column}`, [companyId, value], (company, v) =>
      db
        .selectFrom('employees')
        .leftJoin('departments', (join) =>
          join.onRef('departments.company_id', '=', 'employees.company_id').onRef('departments.dept_code', '=', 'employees.dept_code'),
        )
        .selectAll('employees')
        .select('departments.name as department_name')
        .where('employees.company_id', '=', company!)
        .where(`employees.${column}`, '=', v!),
    );
  return {
    getById: (employeeId) => one('employee_id', employeeId),
    async getWithDepartmentName(employeeId) {
      const [row] = batched ? [await batched.withDepartment(companyId, employeeId)] : await withDepartmentBy('employee_id', employeeId);
      return row ? { employee: employeeRowToEmployee(row, cipher), departmentName: row.department_name } : undefined;
    },
    async getWithDepartmentNameByIdentityId(identityId) {
      const [row] = await withDepartmentBy('identity_id', identityId);
      return row ? { employee: employeeRowToEmployee(row, cipher), departmentName: row.department_name } : undefined;
    },
    getByUserid: batched
      ? async (userid) => {
          const row = await batched.byUserid(companyId, userid);
          return row ? employeeRowToEmployee(row, cipher) : undefined;
        }
      : (userid) => one('userid', userid),
    getByPhone: (phoneE164) => one('phone_e164', phoneE164),
    getByEmail: (email) => one('email_key', lowerKey(email)!),
    getByWorkNumber: (workNumber) => one('work_number_key', lowerKey(workNumber)!),
    getByOaUserId: (oaUserId) => one('oa_user_id', oaUserId),
    async pageAfter(afterSeq, limit) {
      const rows = await runReusable(db, 'employees.page_after', [companyId, afterSeq, limit], (company, after, max) =>
        db
          .selectFrom('employees')
          .selectAll()
          .where('company_id', '=', company!)
          .where('seq', '>', after as unknown as number)
          .orderBy('seq')
          .limit(max as unknown as number),
      );
      return rows.map((r) => employeeRowToEmployee(r, cipher));
    },
    async insert(employee, passwordHash) {
      const row = employeeToRow(employee, passwordHash, cipher);
      const columns = Object.keys(row) as (keyof EmployeeRow)[];
      await guardUnique(() =>
        runReusable(db, 'employees.insert', columns.map((c) => row[c]), (...values) =>
          db.insertInto('employees').values(Object.fromEntries(columns.map((c, i) => [c, values[i]])) as unknown as EmployeeRow),
        ),
      );
    },
    async update(employeeId: string, patch: EmployeePatch) {
      const values = patchToRow(patch, cipher);
      if (Object.keys(values).length === 0) return (await this.getById(employeeId)) !== undefined;
      const result = await guardUnique(() =>
        db
          .updateTable('employees')
          .set(values)
          .where('company_id', '=', companyId)
          .where('employee_id', '=', employeeId)
          .executeTakeFirst(),
      );
      return Number(result.numUpdatedRows) > 0;
    },
    async countInDepartment(deptCode) {
      const row = await db
        .selectFrom('employees')
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .where('company_id', '=', companyId)
        .where('dept_code', '=', deptCode)
        .executeTakeFirstOrThrow();
      return Number(row.n);
    },
    async insertInvitation(invitationId, employeeId, at) {
      await runReusable(db, 'invitations.insert', [companyId, invitationId, employeeId, at], (company, id, employee, createdAt) =>
        db.insertInto('invitations').values({
          company_id: company!,
          invitation_id: id!,
          employee_id: employee!,
          created_at: createdAt as unknown as number,
          // sent_at stays null (the column's default): a constant would not be one of the arguments.
        }),
      );
    },
    async pendingInvitations(limit) {
      const rows = await db
        .selectFrom('invitations')
        .select(['invitation_id', 'employee_id', 'created_at'])
        .where('company_id', '=', companyId)
        .where('sent_at', 'is', null)
        .orderBy('created_at')
        .limit(limit)
        .execute();
      return rows.map((r) => ({ invitationId: r.invitation_id, employeeId: r.employee_id, createdAt: Number(r.created_at) }));
    },
    async getPasswordHash(employeeId) {
      const row = await db
        .selectFrom('employees')
        .select('password_hash')
        .where('company_id', '=', companyId)
        .where('employee_id', '=', employeeId)
        .executeTakeFirst();
      return row ? row.password_hash : undefined;
    },
    async pageInDepartment(deptCode, servingAt, offset, limit) {
      // Walks (company_id, dept_code, seq): offset is bounded by the department's size, not the company's.
      const rows = await db
        .selectFrom('employees')
        .selectAll()
        .where('company_id', '=', companyId)
        .where('dept_code', '=', deptCode)
        .where((eb) => eb.or([eb('resign_at', 'is', null), eb('resign_at', '>', servingAt)]))
        .orderBy('seq')
        .limit(limit)
        .offset(offset)
        .execute();
      return rows.map((r) => employeeRowToEmployee(r, cipher));
    },
    async countServingInDepartment(deptCode, servingAt) {
      const row = await db
        .selectFrom('employees')
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .where('company_id', '=', companyId)
        .where('dept_code', '=', deptCode)
        .where((eb) => eb.or([eb('resign_at', 'is', null), eb('resign_at', '>', servingAt)]))
        .executeTakeFirstOrThrow();
      return Number(row.n);
    },
    async moveDepartmentMembers(sourceDeptCode, targetDeptCode, modifier, at) {
      const result = await db
        .updateTable('employees')
        .set({ dept_code: targetDeptCode, modifier, updated_at: at })
        .where('company_id', '=', companyId)
        .where('dept_code', '=', sourceDeptCode)
        .executeTakeFirst();
      return Number(result.numUpdatedRows);
    },
    ...employeeMoreMethods(db, companyId, cipher, batched),
  };
}
