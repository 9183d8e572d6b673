import { DomainError, type ErrorCode } from '#src/domain/errors.js';
import { ConflictError } from '#src/domain/ports.js';

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
