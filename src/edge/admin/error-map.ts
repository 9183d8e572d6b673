import type { ErrorCode, ErrorDetails } from '#src/domain/errors.js';

/**
 * How the admin API reports each catalogue code: an HTTP status and an English message, in one body
 * shape `{code, message, details?}` whose `code` is the catalogue code itself (docs/errors.md).
 * A code missing here fails to compile, as in the dialects' maps.
 */
export interface AdminError {
  status: number;
  message: string;
}

const e = (status: number, message: string): AdminError => ({ status, message });
const UNAUTHENTICATED = e(401, 'Missing or invalid credentials.');

export const ADMIN_ERRORS = {
  'request.malformed': e(400, 'The request is not well-formed JSON.'),
  'request.invalid_params': e(400, 'A parameter is missing or invalid.'),
  'request.unsupported_version': e(400, 'Unsupported API version.'),
  'request.not_found': e(404, 'No such route.'),
  'request.too_large': e(413, 'The request body is too large.'),
  'request.unsupported_media_type': e(415, 'Send the body as application/json.'),
  'auth.missing_signature': UNAUTHENTICATED,
  'auth.missing_credentials': e(401, 'Send an operator token: Authorization: Bearer <token>.'),
  'auth.invalid_app': e(404, 'No such app.'),
  'auth.invalid_signature': UNAUTHENTICATED,
  'auth.invalid_timestamp': UNAUTHENTICATED,
  'auth.timestamp_expired': UNAUTHENTICATED,
  'auth.nonce_used': UNAUTHENTICATED,
  'auth.invalid_content_md5': e(400, 'Content-MD5 does not match the body.'),
  'auth.invalid_token': e(401, 'The token is unknown or revoked.'),
  'auth.secret_in_params': e(400, 'Never send a secret as a parameter.'),
  'auth.rate_limited': e(429, 'Too many requests.'),
  'auth.forbidden': e(403, 'This token may not do that.'),
  'auth.sign_in_failed': e(401, 'Wrong login or password, or not an admin of this company.'),
  'tenant.not_found': e(404, 'No such company.'),
  'company.not_initialized': e(409, 'The company has no main account yet.'),
  'company.enterprise_code_invalid': e(400, 'Unknown enterprise code.'),
  'oa.code_invalid': e(400, 'The OA code is invalid or used.'),
  'oa.not_member': e(403, 'The OA user is not a member of this company.'),
  'oa.upstream_error': e(502, 'The OA could not be reached or answered with an error.'),
  'oa.upstream_timeout': e(504, 'The OA did not answer in time.'),
  'oa.connector_unknown': e(404, 'No such OA connector.'),
  'session.iot_token_invalid': e(401, 'The iotToken is unknown, expired or revoked.'),
  'session.refresh_token_invalid': e(401, 'The refreshToken is unknown, expired, used or revoked.'),
  'employee.not_found': e(404, 'No such employee.'),
  'employee.phone_invalid': e(400, 'The phone number is not a possible number.'),
  'employee.phone_taken': e(409, 'Another employee of the company has this phone number.'),
  'employee.email_taken': e(409, 'Another employee of the company has this email.'),
  'employee.code_taken': e(409, 'Another employee of the company has this work number.'),
  'employee.userid_taken': e(409, 'Another employee of the company has this userid.'),
  'employee.page_size_out_of_range': e(400, 'The page size is out of range.'),
  'employee.mobile_area_unknown': e(400, 'The mobile area is not an international calling code.'),
  'employee.card_no_invalid': e(400, 'The identity document number is invalid.'),
  'employee.password_busy': e(429, 'Too many password hashes are waiting; try again shortly.'),
  'employee.register_failed': e(500, 'The employee could not be registered.'),
  // The IoT account family's own codes (issue 9); no admin call raises them today.
  'employee.phone_registered': e(409, 'Another employee of the company has this phone number.'),
  'employee.identity_not_found': e(404, 'No such employee.'),
  'employee.identity_ids_out_of_range': e(400, 'Between 1 and 50 identity ids are needed.'),
  'employee.unregister_unknown': e(404, 'No such employee.'),
  'department.unknown': e(404, 'No such department.'),
  'department.code_taken': e(409, 'A department of the company has this code.'),
  'department.name_taken': e(409, 'A sibling department has this name.'),
  'department.is_root': e(409, 'The root department cannot be moved or deleted.'),
  'department.not_empty': e(409, 'The department still has members or child departments.'),
  'department.limit_reached': e(409, 'The company has reached its department depth or count limit.'),
  'level.unknown': e(400, 'The level is not set up in the company.'),
  'category.unknown': e(400, 'The category is not set up in the company.'),
  'attribute.not_enabled': e(400, 'The extension attribute is not enabled in the company.'),
  'cost_center.unknown': e(400, 'No such cost center.'),
  'import.not_found': e(404, 'No such import in this company.'),
  internal: e(500, 'Internal error.'),
} satisfies Record<ErrorCode, AdminError>;

/** The error body: catalogue code, message, and the parameter and rule when there are (never a string-to-sign). */
export function adminErrorBody(code: ErrorCode, details: ErrorDetails): { status: number; body: { code: ErrorCode; message: string; details?: { param?: string; rule?: string } } } {
  const mapped: AdminError = ADMIN_ERRORS[code];
  const said = [details.param, details.rule].filter(Boolean).join(' ');
  const shown = { ...(details.param ? { param: details.param } : {}), ...(details.rule ? { rule: details.rule } : {}) };
  return {
    status: mapped.status,
    body: { code, message: said ? `${mapped.message} ${said}` : mapped.message, ...(said ? { details: shown } : {}) },
  };
}
