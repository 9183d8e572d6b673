import type { App } from '#src/domain/app.js';
import type { BatchKind } from '#src/domain/batch.js';
import { assertThat } from '#src/domain/errors.js';
import type { Store } from '#src/domain/ports.js';
import { appActor } from '../audit-trail.js';
import { upsertEmployee, type EmployeeSyncCommand } from '../employee-sync.js';
import type { RowServices } from '../row-services.js';

/** A `/department/batchSynchronize` row: create or update by code (notes §4.2). */
export interface DepartmentSyncCommand {
  deptCode: string;
  name: string;
  status?: 1 | 2 | undefined;
}

/** A `/department/batchSetParent` row (notes §4.4). */
export interface DepartmentParentCommand {
  deptCode: string;
  parentCode: string;
}

/** A `/department/batchSetManager` row: the manager named by work number (notes §4.5). */
export interface DepartmentManagerCommand {
  deptCode: string;
  managerCode: string;
}

/** The command type each kind of batch carries per row. */
export interface BatchCommands {
  employee_sync: EmployeeSyncCommand;
  department_sync: DepartmentSyncCommand;
  department_parent: DepartmentParentCommand;
  department_manager: DepartmentManagerCommand;
}

/** Where a row applies: the services over the row's transaction, and the batch's caller. */
export interface RowContext {
  services: RowServices;
  store: Store;
  now: number;
  app: App;
  companyId: string;
  enterpriseCode: string | undefined;
}

/**
 * Applies one row through the same services the single calls use, so a row obeys their rules and
 * codes exactly; throws the DomainError of the first broken rule. Runs inside the row's transaction.
 */
export async function applyRow(kind: BatchKind, command: unknown, ctx: RowContext): Promise<void> {
  const { departments } = ctx.services;
  switch (kind) {
    case 'employee_sync': {
      await upsertEmployee(ctx.services, ctx.store, ctx.now, ctx.app, ctx.enterpriseCode, command as EmployeeSyncCommand);
      return;
    }
    case 'department_sync': {
      const row = command as DepartmentSyncCommand;
      const exists = await ctx.store.repos.setup(ctx.companyId).getDepartment(row.deptCode);
      // New departments go under the root until batchSetParent moves them (notes §6).
      if (exists) await departments.update(ctx.companyId, row.deptCode, { name: row.name, status: row.status }, appActor(ctx.app));
      else await departments.add(ctx.companyId, { deptCode: row.deptCode, name: row.name, status: row.status }, appActor(ctx.app));
      return;
    }
    case 'department_parent': {
      const row = command as DepartmentParentCommand;
      await departments.update(ctx.companyId, row.deptCode, { parentCode: row.parentCode }, appActor(ctx.app));
      return;
    }
    case 'department_manager': {
      const row = command as DepartmentManagerCommand;
      await departments.get(ctx.companyId, row.deptCode);
      const manager = await ctx.store.repos.employees(ctx.companyId).getByWorkNumber(row.managerCode);
      assertThat(manager, 'employee.not_found', { param: 'manager_code', rule: 'no employee has this work number' });
      assertThat(manager.userid, 'employee.not_found', { param: 'manager_code', rule: 'names an employee without a userid' });
      await departments.update(ctx.companyId, row.deptCode, { managerUserid: manager.userid }, appActor(ctx.app));
      return;
    }
  }
}
