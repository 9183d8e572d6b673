import { ROOT_DEPT_CODE } from '#src/domain/department.js';
import { assertThat } from '#src/domain/errors.js';
import type { Actor } from '#src/domain/audit.js';
import type { Store } from '#src/domain/ports.js';
import { recordChange } from './audit-trail.js';
import type { DepartmentDetail } from './department.service.js';

/**
 * A department tree as `/department/getHierarchy` answers it: `basic` holds the department asked for
 * (the root when none is named), then each department of its subtree, top-down, maps to its direct
 * children ([] for a leaf).
 */
export type Hierarchy = Map<string, DepartmentDetail[]>;

/** The key under which the SDK's own test finds the base department. */
export const HIERARCHY_BASE_KEY = 'basic';

/** The department calls beyond add/update/delete/get (notes §4.1, §4.6). */
export function createDepartmentMoreService(deps: { store: Store; now: () => number }) {
  return {
    /** The subtree under `deptCode` (the whole tree without it); department.unknown for an unknown code. */
    async hierarchy(companyId: string, deptCode: string | undefined): Promise<Hierarchy> {
      // One read: the tree is capped per company, and a map is the shape asked for anyway.
      const all = await deps.store.repos.setup(companyId).listDepartments();
      const base = all.find((d) => (deptCode === undefined ? d.department.isRoot || d.department.deptCode === ROOT_DEPT_CODE : d.department.deptCode === deptCode));
      assertThat(base, 'department.unknown', { param: 'dept_code' });
      const children = new Map<string, DepartmentDetail[]>();
      for (const d of all) {
        const parent = d.department.parentCode;
        if (parent === null) continue;
        children.set(parent, [...(children.get(parent) ?? []), d]);
      }
      const hierarchy: Hierarchy = new Map([[HIERARCHY_BASE_KEY, [base]]]);
      // Breadth-first from the base; `seen` guards against a cycle a damaged store might hold.
      const queue = [base.department.deptCode];
      const seen = new Set(queue);
      while (queue.length > 0) {
        const code = queue.shift()!;
        const below = children.get(code) ?? [];
        hierarchy.set(code, below);
        for (const { department: d } of below) {
          if (seen.has(d.deptCode)) continue;
          seen.add(d.deptCode);
          queue.push(d.deptCode);
        }
      }
      return hierarchy;
    },

    /**
     * Moves every member of `source` (resigned ones too, so the department can then be deleted) to
     * `target`, in one statement; both must exist (department.unknown). Sub-departments stay. The actor
   * (the app) is the members' modifier and the audit event's actor.
     */
    async transferMembers(companyId: string, source: string, target: string, actor: Actor): Promise<number> {
      return deps.store.transaction(async (repos) => {
        const setup = repos.setup(companyId);
        assertThat(await setup.getDepartment(source), 'department.unknown', { param: 'source_dept_code' });
        assertThat(await setup.getDepartment(target), 'department.unknown', { param: 'target_dept_code' });
        if (source === target) return 0;
        const now = deps.now();
        const moved = await repos.employees(companyId).moveDepartmentMembers(source, target, actor.id, now);
        // One event for the department the members left (not one per member: a department may hold thousands).
        if (moved > 0) await recordChange(repos, actor, { action: 'transferDepartmentMembers', objectType: 'department', objectId: source, companyId, changedFields: ['members'] }, now);
        return moved;
      });
    },
  };
}

export type DepartmentMoreService = ReturnType<typeof createDepartmentMoreService>;
