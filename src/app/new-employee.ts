import { blankEmployee, type Employee } from '#src/domain/employee.js';
import { newOpaqueId } from '#src/domain/ids.js';
import type { Repositories } from '#src/domain/ports.js';

/** What a caller decides about a new employee; ids, creation order and timestamps are decided here. */
export type NewEmployeeFields = Omit<Partial<Employee>, 'companyId' | 'employeeId' | 'seq' | 'identityId' | 'accountId' | 'createdAt' | 'updatedAt'> & {
  name: string;
};

/**
 * Reserves the company's next creation-order position and inserts an employee with fresh opaque ids.
 * Must run inside the caller's transaction (so a failed insert gives the position back); throws
 * ConflictError from the repository on a taken phone, email, work number, userid or OA user id.
 */
export async function insertNewEmployee(
  repos: Repositories,
  companyId: string,
  fields: NewEmployeeFields,
  now: number,
  passwordHash: string | null = null,
): Promise<Employee> {
  const seq = await repos.tenants.nextEmployeeSeq(companyId);
  const employee = blankEmployee({
    ...fields,
    companyId,
    employeeId: newOpaqueId(),
    seq,
    identityId: newOpaqueId(),
    accountId: newOpaqueId(),
    createdAt: now,
  });
  await repos.employees(companyId).insert(employee, passwordHash);
  return employee;
}
