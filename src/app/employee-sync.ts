import type { App } from '#src/domain/app.js';
import { isResigned } from '#src/domain/employee.js';
import { assertThat, DomainError, invalidParam } from '#src/domain/errors.js';
import type { Store } from '#src/domain/ports.js';
import type { BenefitsEmployeeFields } from './benefits-employee.fields.js';
import { storeInTransaction } from './bound-store.js';
import type { RowServicesOver } from './row-services.js';

/**
 * One employee to create or update, as `/employee/syncSingleEmployee` and each row of
 * `/employee/v2/batchSynchronize` carry it (notes §3.3, §3.8), already checked at the edge.
 */
export interface EmployeeSyncCommand {
  userid?: string | undefined;
  /** 1 serving (restores), 2 resigned (resigns); absent leaves it as it is. */
  status?: 1 | 2 | undefined;
  fields: BenefitsEmployeeFields;
}

/**
 * Creates or updates one employee, then applies its status, through the employee service, so a row
 * obeys exactly the rules and error codes of `/employee/add` (creating) and `/employee/update`
 * (updating). The employee is found by `userid`, or by work number (`code`) when there is no userid
 * (notes §3.3, new docs); creating needs a userid. Must run in one transaction (see syncEmployee).
 * Returns the employee's userid.
 */
export async function upsertEmployee(services: ReturnType<RowServicesOver>, store: Store, now: number, app: App, enterpriseCode: string | undefined, cmd: EmployeeSyncCommand): Promise<string> {
  const { employees } = services;
  const { fields } = cmd;
  if (cmd.userid === undefined && fields.workNumber === undefined) throw invalidParam('userid', 'or code is required');
  const company = await employees.targetCompany(app, enterpriseCode);
  const repo = store.repos.employees(company.companyId);
  const existing = cmd.userid !== undefined ? await repo.getByUserid(cmd.userid) : await repo.getByWorkNumber(fields.workNumber!);
  let userid: string;
  if (existing) {
    // Found by code: the employee's own userid names it to the update (an OA-created one has none).
    assertThat(existing.userid, 'employee.not_found', { param: 'code', rule: 'names an employee without a userid' });
    if (fields.name !== undefined && fields.name.trim() === '') throw invalidParam('name', 'is required');
    userid = existing.userid;
    await employees.update(app, enterpriseCode, userid, fields);
  } else {
    if (cmd.userid === undefined) throw invalidParam('userid', 'is required to add an employee (no employee has this code)');
    if (fields.name === undefined || fields.name.trim() === '') throw invalidParam('name', 'is required');
    userid = (await employees.add(app, enterpriseCode, cmd.userid, { ...fields, name: fields.name })).userid!;
  }
  if (cmd.status === 2 && !(existing && isResigned(existing, now))) await employees.resign(app, enterpriseCode, userid, undefined);
  if (cmd.status === 1) await employees.restore(app, enterpriseCode, userid);
  return userid;
}

/**
 * True for the errors a concurrent writer can cause between our read and our insert: the row is
 * tried once more, and then finds the other writer's row and updates it.
 */
export function isCreationRace(error: unknown): boolean {
  return error instanceof DomainError && (error.code === 'employee.userid_taken' || error.code === 'department.code_taken');
}

/** upsertEmployee in its own transaction, retried once when a concurrent writer created the employee first. */
export async function syncEmployee(store: Store, servicesOver: RowServicesOver, now: () => number, app: App, enterpriseCode: string | undefined, cmd: EmployeeSyncCommand): Promise<string> {
  const once = () =>
    store.transaction((repos) => {
      const bound = storeInTransaction(repos);
      return upsertEmployee(servicesOver(bound), bound, now(), app, enterpriseCode, cmd);
    });
  try {
    return await once();
  } catch (error) {
    if (!isCreationRace(error)) throw error;
    return once();
  }
}
