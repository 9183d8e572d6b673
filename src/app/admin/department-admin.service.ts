import type { EmployeeListRepository } from '#src/domain/admin-ports.js';
import type { Department } from '#src/domain/department.js';
import type { DepartmentInput, DepartmentPatch, DepartmentService } from '../department.service.js';
import type { DirectoryService } from '../directory.service.js';
import { assertCompanyInScope, type Caller } from './caller-scope.js';

export interface DepartmentAdminServiceDeps {
  directory: DirectoryService;
  departments: DepartmentService;
  list: EmployeeListRepository;
}

/** A department with the departments below it. */
export interface DepartmentNode {
  deptCode: string;
  name: string;
  parentCode: string | null;
  status: 1 | 2;
  managerUserid: string | null;
  children: DepartmentNode[];
}

/**
 * The department tree through the admin API: the same rules as the benefits dialect (cycle check on a
 * move, the root neither moves nor goes, only an empty department is deleted), scoped per company.
 */
export function createDepartmentAdminService(deps: DepartmentAdminServiceDeps) {
  async function inScope(caller: Caller, companyId: string): Promise<void> {
    assertCompanyInScope(caller, companyId);
    await deps.directory.getCompany(companyId);
  }

  return {
    /** The whole tree from the root department. */
    async tree(caller: Caller, companyId: string): Promise<DepartmentNode> {
      await inScope(caller, companyId);
      const rows = await deps.list.departments(companyId);
      const nodes = new Map(rows.map((r) => [r.deptCode, { ...r, children: [] as DepartmentNode[] }]));
      let root: DepartmentNode | undefined;
      for (const node of nodes.values()) {
        const parent = node.parentCode === null ? undefined : nodes.get(node.parentCode);
        if (parent) parent.children.push(node);
        else if (node.parentCode === null) root = node;
      }
      return root!;
    },

    async get(caller: Caller, companyId: string, deptCode: string): Promise<Department> {
      await inScope(caller, companyId);
      return deps.departments.get(companyId, deptCode);
    },

    async create(caller: Caller, companyId: string, input: DepartmentInput): Promise<Department> {
      await inScope(caller, companyId);
      // The admin edge records the event (null: not again here).
      return deps.departments.add(companyId, input, null);
    },

    /** Renames, moves (cycle-checked) or changes the status or manager. */
    async update(caller: Caller, companyId: string, deptCode: string, patch: DepartmentPatch): Promise<Department> {
      await inScope(caller, companyId);
      return deps.departments.update(companyId, deptCode, patch, null);
    },

    async remove(caller: Caller, companyId: string, deptCode: string): Promise<void> {
      await inScope(caller, companyId);
      await deps.departments.remove(companyId, deptCode, null);
    },
  };
}

export type DepartmentAdminService = ReturnType<typeof createDepartmentAdminService>;
