import { DomainError, type ErrorCode } from '#src/domain/errors.js';
import { ConflictError, type EmployeePatch, type EmployeeRepository } from '#src/domain/ports.js';

const CONSTRAINT_TO_CODE: Record<string, ErrorCode> = {
  employees_phone_uq: 'employee.phone_taken',
  employees_email_uq: 'employee.email_taken',
  employees_work_number_uq: 'employee.code_taken',
  employees_userid_uq: 'employee.userid_taken',
};

/** Maps a unique violation on employees to its catalogue code; other errors pass through. */
export function employeeConflictToDomain(error: unknown): unknown {
  if (error instanceof ConflictError) {
    const code = CONSTRAINT_TO_CODE[error.constraint];
    if (code) return new DomainError(code);
  }
  return error;
}

/**
 * Throws the catalogue code a unique index would raise for `patch` (userid, phone, email, work
 * number, in that order) when another employee than `selfId` holds the value. A read, not a lock:
 * it lets slow work (a password hash) be skipped for a write that would fail anyway; the indexes
 * still decide at the write.
 */
export async function assertUniqueFree(employees: EmployeeRepository, patch: EmployeePatch, selfId?: string): Promise<void> {
  const checks: Array<[ErrorCode, string | null | undefined, (value: string) => Promise<{ employeeId: string } | undefined>]> = [
    ['employee.userid_taken', patch.userid, employees.getByUserid],
    ['employee.phone_taken', patch.phoneE164, employees.getByPhone],
    ['employee.email_taken', patch.email, employees.getByEmail],
    ['employee.code_taken', patch.workNumber, employees.getByWorkNumber],
  ];
  for (const [code, value, find] of checks) {
    if (!value) continue;
    const holder = await find(value);
    if (holder && holder.employeeId !== selfId) throw new DomainError(code);
  }
}
