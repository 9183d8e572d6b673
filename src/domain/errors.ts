/**
 * The one error catalogue. Domain and application code throw `DomainError(code, details)`; each wire
 * dialect maps every code to its own status, code and message in its `error-map.ts` (checked with
 * `satisfies Record<ErrorCode, …>`, so a code missing from either dialect fails to compile).
 *
 * Codes are a contract: never rename or renumber one. `docs/errors.md` lists them all (a test checks).
 */
export const ERROR_CODES = [
  // request shape, before any business rule
  'request.malformed',
  'request.invalid_params',
  'request.unsupported_version',
  'request.not_found',
  'request.too_large',
  'request.unsupported_media_type',
  // gateway: who is calling, and may they
  'auth.missing_signature',
  'auth.missing_credentials',
  'auth.invalid_app',
  'auth.invalid_signature',
  'auth.invalid_timestamp',
  'auth.timestamp_expired',
  'auth.nonce_used',
  'auth.invalid_content_md5',
  'auth.invalid_token',
  'auth.secret_in_params',
  'auth.rate_limited',
  'auth.forbidden',
  'auth.sign_in_failed',
  // tenants
  'tenant.not_found',
  'company.not_initialized',
  'company.enterprise_code_invalid',
  // OA sign-in
  'oa.code_invalid',
  'oa.not_member',
  'oa.upstream_error',
  'oa.upstream_timeout',
  'oa.connector_unknown',
  // IoT user sessions
  'session.iot_token_invalid',
  'session.refresh_token_invalid',
  // employees
  'employee.not_found',
  'employee.phone_invalid',
  'employee.phone_taken',
  'employee.email_taken',
  'employee.code_taken',
  'employee.userid_taken',
  'employee.page_size_out_of_range',
  'employee.mobile_area_unknown',
  'employee.card_no_invalid',
  'employee.register_failed',
  'employee.password_busy',
  'employee.phone_registered',
  'employee.identity_not_found',
  'employee.identity_ids_out_of_range',
  'employee.unregister_unknown',
  // enterprise setup
  'department.unknown',
  'department.code_taken',
  'department.name_taken',
  'department.is_root',
  'department.not_empty',
  'department.limit_reached',
  'level.unknown',
  'category.unknown',
  'attribute.not_enabled',
  'cost_center.unknown',
  // bulk import (admin API)
  'import.not_found',
  // anything unexpected
  'internal',
] as const;

export type ErrorCode = (typeof ERROR_CODES)[number];

/** Structured detail carried with an error; dialects pick what they show (never secrets). */
export interface ErrorDetails {
  /** The wire name of the offending parameter, when there is one. */
  param?: string;
  /** A short English statement of the broken rule, safe to show to the caller. */
  rule?: string;
  /** For signature failures: the string the server signed (the gateway echoes it). */
  stringToSign?: string;
}

/** A business or protocol failure with a stable catalogue code and no transport status. */
export class DomainError extends Error {
  constructor(
    readonly code: ErrorCode,
    readonly details: ErrorDetails = {},
  ) {
    super(details.rule ? `${code}: ${details.param ?? ''} ${details.rule}`.trim() : code);
    this.name = 'DomainError';
  }
}

/** Guard clause: throws `DomainError(code, details)` unless `condition` holds. */
export function assertThat(condition: unknown, code: ErrorCode, details?: ErrorDetails): asserts condition {
  if (!condition) throw new DomainError(code, details);
}

/** Shorthand for the most common failure: one parameter breaks one rule. */
export function invalidParam(param: string, rule: string): DomainError {
  return new DomainError('request.invalid_params', { param, rule });
}
