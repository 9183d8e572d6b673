import { ROOT_DEPT_CODE, type Department } from '#src/domain/department.js';
import { assertThat, DomainError, invalidParam } from '#src/domain/errors.js';
import { ConflictError, type EnterpriseSetupRepository, type Store } from '#src/domain/ports.js';

/** A new department, as `/department/add` and `roster dept add` give it. */
export interface DepartmentInput {
  deptCode: string;
  name: string;
  /** Absent: directly under the root department. */
  parentCode?: string | undefined;
  status?: 1 | 2 | undefined;
}

/** What `/department/update` may change; undefined leaves a field alone. */
export interface DepartmentPatch {
  name?: string | undefined;
  parentCode?: string | undefined;
  managerUserid?: string | undefined;
  status?: 1 | 2 | undefined;
}

/** A department with its manager's work number, which the benefits dialect shows as `manager_code`. */
export interface DepartmentDetail {
  department: Department;
  managerWorkNumber: string | null;
}

function departmentConflict(error: unknown): unknown {
  if (error instanceof ConflictError) {
    if (error.constraint === 'departments_sibling_name_uq') return new DomainError('department.name_taken', { param: 'name' });
    if (error.constraint === 'departments_pk') return new DomainError('department.code_taken', { param: 'dept_code' });
  }
  return error;
}

/** Throws unless moving `deptCode` under `parentCode` keeps the tree a tree. */
async function assertNoCycle(setup: EnterpriseSetupRepository, deptCode: string, parentCode: string): Promise<void> {
  // Walk up from the new parent: meeting this department means the move would make a loop.
  let cursor: string | null = parentCode;
  while (cursor) {
    if (cursor === deptCode) throw invalidParam('parent_code', 'may not be the department itself or one below it');
    const node = await setup.getDepartment(cursor);
    assertThat(node, 'department.unknown', { param: 'parent_code' });
    cursor = node.parentCode;
  }
}

/** A company's department tree. Every method runs in one transaction. */
export function createDepartmentService(deps: { store: Store }) {
  return {
    /** Adds a department; throws department.unknown (parent), department.code_taken, department.name_taken. */
    async add(companyId: string, input: DepartmentInput): Promise<Department> {
      return deps.store.transaction(async (repos) => {
        const setup = repos.setup(companyId);
        const parentCode = input.parentCode || ROOT_DEPT_CODE;
        assertThat(await setup.getDepartment(parentCode), 'department.unknown', { param: 'parent_code' });
        const department: Department = {
          companyId,
          deptCode: input.deptCode,
          name: input.name,
          parentCode,
          status: input.status ?? 1,
          managerUserid: null,
          isRoot: false,
        };
        try {
          await setup.insertDepartment(department);
        } catch (error) {
          throw departmentConflict(error);
        }
        return department;
      });
    },

    /**
     * Renames, moves or re-manages a department. The root cannot move; a move may not create a cycle;
     * the manager must be an employee of the company (employee.not_found otherwise).
     */
    async update(companyId: string, deptCode: string, patch: DepartmentPatch): Promise<Department> {
      return deps.store.transaction(async (repos) => {
        const setup = repos.setup(companyId);
        const current = await setup.getDepartment(deptCode);
        assertThat(current, 'department.unknown', { param: 'dept_code' });
        if (patch.parentCode !== undefined && patch.parentCode !== current.parentCode) {
          assertThat(!current.isRoot, 'department.is_root', { param: 'parent_code', rule: 'the root department cannot move' });
          await assertNoCycle(setup, deptCode, patch.parentCode);
        }
        if (patch.managerUserid !== undefined) {
          assertThat(await repos.employees(companyId).getByUserid(patch.managerUserid), 'employee.not_found', { param: 'manager_userid' });
        }
        try {
          await setup.updateDepartment(deptCode, patch);
        } catch (error) {
          throw departmentConflict(error);
        }
        return (await setup.getDepartment(deptCode))!;
      });
    },

    /** Deletes a department that is not the root and has no members and no children. */
    async remove(companyId: string, deptCode: string): Promise<void> {
      await deps.store.transaction(async (repos) => {
        const setup = repos.setup(companyId);
        const current = await setup.getDepartment(deptCode);
        assertThat(current, 'department.unknown', { param: 'dept_code' });
        assertThat(!current.isRoot, 'department.is_root');
        assertThat((await setup.countChildren(deptCode)) === 0, 'department.not_empty', { param: 'dept_code', rule: 'has child departments' });
        assertThat((await repos.employees(companyId).countInDepartment(deptCode)) === 0, 'department.not_empty', { param: 'dept_code', rule: 'has members' });
        await setup.deleteDepartment(deptCode);
      });
    },

    /** The department, or department.unknown. */
    async get(companyId: string, deptCode: string): Promise<Department> {
      const department = await deps.store.repos.setup(companyId).getDepartment(deptCode);
      assertThat(department, 'department.unknown', { param: 'dept_code' });
      return department;
    },

    /** The department with its manager's work number; department.unknown when there is none. */
    async describe(companyId: string, deptCode: string): Promise<DepartmentDetail> {
      const department = await this.get(companyId, deptCode);
      const manager = department.managerUserid ? await deps.store.repos.employees(companyId).getByUserid(department.managerUserid) : undefined;
      return { department, managerWorkNumber: manager?.workNumber ?? null };
    },
  };
}

export type DepartmentService = ReturnType<typeof createDepartmentService>;
