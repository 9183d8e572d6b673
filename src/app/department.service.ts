import { ROOT_DEPT_CODE, type Department } from '#src/domain/department.js';
import { assertThat, DomainError, invalidParam } from '#src/domain/errors.js';
import type { Actor } from '#src/domain/audit.js';
import { ConflictError, type EnterpriseSetupRepository, type Repositories, type Store } from '#src/domain/ports.js';
import { recordChange } from './audit-trail.js';

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

/** How big a company's tree may grow: every check below reads a bounded number of rows. */
export interface DepartmentLimits {
  /** Levels below the root the deepest department may sit (the root is level 0). */
  maxDepth: number;
  /** Departments per company, the root included. */
  maxDepartments: number;
}

/** Defaults of `ROSTER_MAX_DEPARTMENT_DEPTH` and `ROSTER_MAX_DEPARTMENTS`. */
export const DEFAULT_DEPARTMENT_LIMITS: DepartmentLimits = { maxDepth: 64, maxDepartments: 10_000 };

function tooDeep(limits: DepartmentLimits): DomainError {
  return new DomainError('department.limit_reached', { param: 'parent_code', rule: `the tree may be at most ${limits.maxDepth} levels deep below the root` });
}

/**
 * The level of `parentCode` below the root, read in one statement; throws department.unknown when it
 * does not exist, department.limit_reached when it is at the depth limit already, and the cycle error
 * when `moving` is the parent itself or one of its ancestors (the move would make a loop).
 */
async function parentLevel(setup: EnterpriseSetupRepository, parentCode: string, limits: DepartmentLimits, moving?: string): Promise<number> {
  const chain = await setup.ancestry(parentCode, limits.maxDepth);
  assertThat(chain.length > 0, 'department.unknown', { param: 'parent_code' });
  if (moving !== undefined && chain.some((d) => d.deptCode === moving)) {
    throw invalidParam('parent_code', 'may not be the department itself or one below it');
  }
  // A chain that does not end at the root within maxDepth steps is deeper than the limit.
  if (chain[chain.length - 1]!.parentCode !== null) throw tooDeep(limits);
  return chain.length - 1;
}

/**
 * Records a department's change in its own transaction, as `actor`'s; null when the caller records it
 * itself (the admin API's edge, and test fixtures). An update that changed nothing records nothing.
 */
async function audit(repos: Repositories, actor: Actor | null, action: string, d: Department, changedFields: string[], at: number, always = false): Promise<void> {
  if (actor === null || (changedFields.length === 0 && !always)) return;
  await recordChange(repos, actor, { action, objectType: 'department', objectId: d.deptCode, companyId: d.companyId, changedFields }, at);
}

/**
 * A company's department tree. Every method runs in one transaction; the writes take the actor the
 * audit log names (null: the caller audits the change itself).
 */
export function createDepartmentService(deps: { store: Store; limits?: DepartmentLimits | undefined; now?: (() => number) | undefined }) {
  const limits = deps.limits ?? DEFAULT_DEPARTMENT_LIMITS;
  const now = deps.now ?? Date.now;
  return {
    /**
     * Adds a department; throws department.unknown (parent), department.code_taken, department.name_taken,
     * department.limit_reached (too deep, or the company has its maximum of departments).
     */
    async add(companyId: string, input: DepartmentInput, actor: Actor | null = null): Promise<Department> {
      return deps.store.transaction(async (repos) => {
        const setup = repos.setup(companyId);
        const parentCode = input.parentCode || ROOT_DEPT_CODE;
        // The root is one of the company's maxDepartments; the counter holds the others. Taken first,
        // so the transaction starts with its write (any failure below rolls the place back).
        assertThat(await setup.takeDepartmentPlace(limits.maxDepartments - 1), 'department.limit_reached', {
          param: 'dept_code',
          rule: `a company may have at most ${limits.maxDepartments} departments`,
        });
        if ((await parentLevel(setup, parentCode, limits)) + 1 > limits.maxDepth) throw tooDeep(limits);
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
        await audit(repos, actor, 'createDepartment', department, Object.keys(input).filter((k) => input[k as keyof DepartmentInput] !== undefined).sort(), now());
        return department;
      });
    },

    /**
     * Renames, moves or re-manages a department. The root cannot move; a move may not create a cycle
     * nor put any department deeper than the limit (department.limit_reached); the manager must be an
     * employee of the company (employee.not_found otherwise). The checks read two statements, however
     * deep the tree.
     */
    async update(companyId: string, deptCode: string, patch: DepartmentPatch, actor: Actor | null = null): Promise<Department> {
      return deps.store.transaction(async (repos) => {
        const setup = repos.setup(companyId);
        const current = await setup.getDepartment(deptCode);
        assertThat(current, 'department.unknown', { param: 'dept_code' });
        if (patch.parentCode !== undefined && patch.parentCode !== current.parentCode) {
          assertThat(!current.isRoot, 'department.is_root', { param: 'parent_code', rule: 'the root department cannot move' });
          const level = await parentLevel(setup, patch.parentCode, limits, deptCode);
          if (level + 1 + (await setup.subtreeHeight(deptCode, limits.maxDepth)) > limits.maxDepth) throw tooDeep(limits);
        }
        if (patch.managerUserid !== undefined) {
          assertThat(await repos.employees(companyId).getByUserid(patch.managerUserid), 'employee.not_found', { param: 'manager_userid' });
        }
        try {
          await setup.updateDepartment(deptCode, patch);
        } catch (error) {
          throw departmentConflict(error);
        }
        const changed = (Object.keys(patch) as Array<keyof DepartmentPatch>).filter((k) => patch[k] !== undefined && patch[k] !== current[k]);
        await audit(repos, actor, 'updateDepartment', current, changed.sort(), now());
        return (await setup.getDepartment(deptCode))!;
      });
    },

    /** Deletes a department that is not the root and has no members and no children. */
    async remove(companyId: string, deptCode: string, actor: Actor | null = null): Promise<void> {
      await deps.store.transaction(async (repos) => {
        const setup = repos.setup(companyId);
        // The company's counter row first, as add takes it: adds and removes of one company then queue
        // on it in the same order (no deadlock on PostgreSQL), and no child can be added under a
        // department between the emptiness checks below and its delete. A refusal rolls it back.
        await setup.giveBackDepartmentPlace();
        const current = await setup.getDepartment(deptCode);
        assertThat(current, 'department.unknown', { param: 'dept_code' });
        assertThat(!current.isRoot, 'department.is_root');
        assertThat((await setup.countChildren(deptCode)) === 0, 'department.not_empty', { param: 'dept_code', rule: 'has child departments' });
        assertThat((await repos.employees(companyId).countInDepartment(deptCode)) === 0, 'department.not_empty', { param: 'dept_code', rule: 'has members' });
        await setup.deleteDepartment(deptCode);
        await audit(repos, actor, 'deleteDepartment', current, [], now(), true);
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
