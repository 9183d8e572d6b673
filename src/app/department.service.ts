import type { Department } from '#src/domain/department.js';
import { assertThat, DomainError } from '#src/domain/errors.js';
import { ConflictError, type Store } from '#src/domain/ports.js';
import { ROOT_DEPT_CODE } from '#src/domain/department.js';

export interface DepartmentInput {
  deptCode: string;
  name: string;
  /** Absent: directly under the root department. */
  parentCode?: string | undefined;
  status?: 1 | 2 | undefined;
}

export interface DepartmentPatch {
  name?: string | undefined;
  parentCode?: string | undefined;
  managerUserid?: string | undefined;
  status?: 1 | 2 | undefined;
}

function departmentConflict(error: unknown): unknown {
  if (error instanceof ConflictError) {
    if (error.constraint === 'departments_sibling_name_uq') return new DomainError('department.name_taken');
    if (error.constraint === 'departments_pk') return new DomainError('department.code_taken');
  }
  return error;
}

/** A company's department tree. */
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

    /** Renames, moves or re-manages a department; a move may not create a cycle. */
    async update(companyId: string, deptCode: string, patch: DepartmentPatch): Promise<Department> {
      return deps.store.transaction(async (repos) => {
        const setup = repos.setup(companyId);
        const current = await setup.getDepartment(deptCode);
        assertThat(current, 'department.unknown', { param: 'dept_code' });
        if (patch.parentCode !== undefined) {
          assertThat(!current.isRoot, 'department.is_root');
          // Walk up from the new parent: meeting this department means the move would make a loop.
          let cursor: string | null = patch.parentCode;
          while (cursor) {
            if (cursor === deptCode) throw new DomainError('request.invalid_params', { param: 'parent_code', rule: 'may not be the department itself or one below it' });
            const node = await setup.getDepartment(cursor);
            assertThat(node, 'department.unknown', { param: 'parent_code' });
            cursor = node.parentCode;
          }
        }
        if (patch.managerUserid) {
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
        assertThat((await setup.countChildren(deptCode)) === 0, 'department.not_empty', { rule: 'has child departments' });
        assertThat((await repos.employees(companyId).countInDepartment(deptCode)) === 0, 'department.not_empty', { rule: 'has members' });
        await setup.deleteDepartment(deptCode);
      });
    },

    async get(companyId: string, deptCode: string): Promise<Department> {
      const d = await deps.store.repos.setup(companyId).getDepartment(deptCode);
      assertThat(d, 'department.unknown', { param: 'dept_code' });
      return d;
    },
  };
}

export type DepartmentService = ReturnType<typeof createDepartmentService>;
