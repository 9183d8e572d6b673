import { sql, type Kysely } from 'kysely';
import type { Department } from '#src/domain/department.js';
import type { EnterpriseSetupRepository } from '#src/domain/ports.js';
import { guardUnique } from './conflicts.js';
import { runReusable } from './reusable-query.js';
import type { Database, DepartmentRow } from './tables.js';

function departmentRowToDepartment(row: DepartmentRow): Department {
  return {
    companyId: row.company_id,
    deptCode: row.dept_code,
    name: row.name,
    parentCode: row.parent_code,
    status: row.status === 2 ? 2 : 1,
    managerUserid: row.manager_userid,
    isRoot: row.is_root === 1,
  };
}

/** Enterprise setup of one company; `companyId` leads every query. */
export function createSetupRepository(db: Kysely<Database>, companyId: string): EnterpriseSetupRepository {
  return {
    async getDepartment(deptCode) {
      const [r] = await runReusable(db, 'departments.by.code', [companyId, deptCode], (company, code) =>
        db.selectFrom('departments').selectAll().where('company_id', '=', company!).where('dept_code', '=', code!),
      );
      return r ? departmentRowToDepartment(r) : undefined;
    },
    async insertDepartment(d) {
      await guardUnique(() =>
        db
          .insertInto('departments')
          .values({
            company_id: companyId,
            dept_code: d.deptCode,
            name: d.name,
            parent_code: d.parentCode,
            status: d.status,
            manager_userid: d.managerUserid,
            is_root: d.isRoot ? 1 : 0,
            created_at: Date.now(),
          })
          .execute(),
      );
    },
    async updateDepartment(deptCode, patch) {
      const values: Partial<DepartmentRow> = {};
      if (patch.name !== undefined) values.name = patch.name;
      if (patch.parentCode !== undefined) values.parent_code = patch.parentCode;
      if (patch.status !== undefined) values.status = patch.status;
      if (patch.managerUserid !== undefined) values.manager_userid = patch.managerUserid;
      if (Object.keys(values).length === 0) return;
      await guardUnique(() =>
        db
          .updateTable('departments')
          .set(values)
          .where('company_id', '=', companyId)
          .where('dept_code', '=', deptCode)
          .execute(),
      );
    },
    async deleteDepartment(deptCode) {
      await db.deleteFrom('departments').where('company_id', '=', companyId).where('dept_code', '=', deptCode).execute();
    },
    async ancestry(deptCode, maxSteps) {
      // One statement however deep the chain: a recursive walk up the parent links, stopped after
      // `maxSteps` steps so a chain deeper than any limit (or data broken by hand) costs a bounded read.
      const { rows } = await sql<{ dept_code: string; parent_code: string | null; depth: number }>`
        with recursive up (dept_code, parent_code, depth) as (
          select dept_code, parent_code, 0 from departments where company_id = ${companyId} and dept_code = ${deptCode}
          union all
          select d.dept_code, d.parent_code, up.depth + 1
          from departments d join up on d.company_id = ${companyId} and d.dept_code = up.parent_code
          where up.depth < ${maxSteps}
        )
        select dept_code, parent_code, depth from up order by depth`.execute(db);
      return rows.map((r) => ({ deptCode: r.dept_code, parentCode: r.parent_code }));
    },
    async subtreeHeight(deptCode, maxDepth) {
      const { rows } = await sql<{ height: number | string | null }>`
        with recursive down (dept_code, depth) as (
          select dept_code, 0 from departments where company_id = ${companyId} and dept_code = ${deptCode}
          union all
          select d.dept_code, down.depth + 1
          from departments d join down on d.company_id = ${companyId} and d.parent_code = down.dept_code
          where down.depth < ${maxDepth}
        )
        select max(depth) as height from down`.execute(db);
      return Number(rows[0]?.height ?? 0);
    },
    async takeDepartmentPlace(maxBelowRoot) {
      // One conditional upsert decides, as for the employee counter: it locks the company's row
      // (PostgreSQL re-reads it under the lock; SQLite has one writer), so concurrent adds cannot
      // both take the last place. No row back means the company is full.
      const { rows } = await sql<{ departments: number }>`
        insert into department_counts (company_id, departments) values (${companyId}, 1)
        on conflict (company_id) do update set departments = department_counts.departments + 1
        where department_counts.departments < ${maxBelowRoot}
        returning departments`.execute(db);
      return rows.length > 0;
    },
    async giveBackDepartmentPlace() {
      await db
        .updateTable('department_counts')
        .set({ departments: sql<number>`departments - 1` })
        .where('company_id', '=', companyId)
        .where('departments', '>', 0)
        .execute();
    },
    async countChildren(deptCode) {
      const r = await db
        .selectFrom('departments')
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .where('company_id', '=', companyId)
        .where('parent_code', '=', deptCode)
        .executeTakeFirstOrThrow();
      return Number(r.n);
    },
    async existing(kind, names) {
      if (names.length === 0) return new Set();
      const rows = await db
        .selectFrom(kind)
        .select('name')
        .where('company_id', '=', companyId)
        .where('name', 'in', names)
        .execute();
      return new Set(rows.map((r) => r.name));
    },
    async addSettings(kind, names) {
      if (names.length === 0) return;
      const now = Date.now();
      await db
        .insertInto(kind)
        .values(names.map((name) => ({ company_id: companyId, name, created_at: now })))
        .onConflict((oc) => oc.columns(['company_id', 'name']).doNothing())
        .execute();
    },
    async listSettings(kind) {
      const rows = await db.selectFrom(kind).select('name').where('company_id', '=', companyId).orderBy('name').execute();
      return rows.map((r) => r.name);
    },
    async hasCostCenter(costCenterId) {
      const r = await db
        .selectFrom('cost_centers')
        .select('cost_center_id')
        .where('company_id', '=', companyId)
        .where('cost_center_id', '=', costCenterId)
        .executeTakeFirst();
      return r !== undefined;
    },
    async insertCostCenter(costCenterId, name) {
      await guardUnique(() =>
        db
          .insertInto('cost_centers')
          .values({ company_id: companyId, cost_center_id: costCenterId, name, created_at: Date.now() })
          .execute(),
      );
    },
    async listDepartments() {
      const rows = await db
        .selectFrom('departments')
        .leftJoin('employees', (join) =>
          join.onRef('employees.company_id', '=', 'departments.company_id').onRef('employees.userid', '=', 'departments.manager_userid'),
        )
        .selectAll('departments')
        .select('employees.work_number as manager_work_number')
        .where('departments.company_id', '=', companyId)
        .orderBy('departments.created_at')
        .orderBy('departments.dept_code')
        .execute();
      return rows.map((r) => ({ department: departmentRowToDepartment(r), managerWorkNumber: r.manager_work_number }));
    },
  };
}
