import { DomainError, type ErrorCode } from '#src/domain/errors.js';
import { OaFailure, type OaFailureReason } from '#src/domain/oa-connector.js';

const REASON_TO_CODE: Record<OaFailureReason, ErrorCode> = {
  code_invalid: 'oa.code_invalid',
  not_member: 'oa.not_member',
  upstream: 'oa.upstream_error',
  timeout: 'oa.upstream_timeout',
};

/** An exchange's failure as a catalogue error (the detail stays in `rule`, for logs and tests, not the wire). */
export function exchangeFailureToDomain(error: unknown): unknown {
  if (error instanceof OaFailure) return new DomainError(REASON_TO_CODE[error.reason], { rule: error.detail });
  return error;
}
