import type { ErrorCode } from '#src/domain/errors.js';

/**
 * How the IoT account dialect reports each catalogue code. `gateway` errors are the API gateway's:
 * an HTTP status, the reason in `X-Ca-Error-Message`, and no body. `envelope` errors are HTTP 200
 * with `{id, code, message, localizedMsg, data: null}`; messages are the seed tables' exact text.
 */
export type IotError =
  | { kind: 'gateway'; http: number; message: string }
  | { kind: 'envelope'; code: number; message: string; zh: string };

const gateway = (http: number, message: string): IotError => ({ kind: 'gateway', http, message });
const envelope = (code: number, message: string, zh: string): IotError => ({ kind: 'envelope', code, message, zh });

const PARAM_ERROR = envelope(460, 'request parameter error.', '请求参数错误');
const FORBIDDEN = envelope(403, 'request forbidden.', '请求被禁止');

export const IOT_ERRORS = {
  'request.malformed': gateway(400, 'Request Format Error'),
  'request.invalid_params': PARAM_ERROR,
  'request.unsupported_version': envelope(20003, 'Find Backend Error', 'Find Backend Error'),
  // The classic gateway answers an unknown path (or method) with 400 `Invalid Url` (notes §2.3).
  'request.not_found': gateway(400, 'Invalid Url'),
  'request.too_large': gateway(413, 'Request body too Large'),
  'request.unsupported_media_type': gateway(400, 'Request Format Error'),
  'auth.missing_signature': gateway(401, 'Empty Signature'),
  'auth.missing_credentials': gateway(400, 'Request Format Error'),
  'auth.invalid_app': gateway(400, 'Invalid AppKey'),
  'auth.invalid_signature': gateway(400, 'Invalid Signature'),
  'auth.invalid_timestamp': gateway(400, 'Invalid Timestamp'),
  'auth.timestamp_expired': gateway(400, 'Timestamp Expired'),
  'auth.nonce_used': gateway(400, 'Nonce Used'),
  'auth.invalid_content_md5': gateway(400, 'Invalid Content-MD5'),
  'auth.invalid_token': envelope(401, 'request auth error.', '请求认证错误'),
  'auth.secret_in_params': gateway(400, 'Request Format Error'),
  'auth.rate_limited': gateway(403, 'Request Limited'),
  'auth.forbidden': FORBIDDEN,
  // A console sign-in (admin API) failure; the gateway never raises it.
  'auth.sign_in_failed': FORBIDDEN,
  'tenant.not_found': envelope(102126, 'tenant not fund', '租户没有查到'),
  'company.not_initialized': envelope(2405, 'identity is not existed', '公司未初始化'),
  'company.enterprise_code_invalid': FORBIDDEN,
  'oa.code_invalid': envelope(2459, 'oa error message', '会话Id不存在'),
  // The seed has one code for every refused sign-in; a non-member is refused like a bad code.
  'oa.not_member': envelope(2459, 'oa error message', '会话Id不存在'),
  // The gateway's own rows of the seed tables: the backend (here, the OA behind it) failed or timed out.
  'oa.upstream_error': envelope(20004, 'Backend Service Error', 'Backend Service Error'),
  'oa.upstream_timeout': envelope(20056, 'Hsf Invoke Timeout', 'Hsf Invoke Timeout'),
  // Only the admin commands name connectors; on the wire an app's vanished connector is an OA failure.
  'oa.connector_unknown': envelope(2459, 'oa error message', '会话Id不存在'),
  'session.iot_token_invalid': envelope(2402, 'iotToken not exist', 'iotToken不存在'),
  'session.refresh_token_invalid': envelope(2401, 'refreshToken invalid', 'refreshToken已经失效'),
  'employee.not_found': envelope(107313, 'the user is not exist', '人员不存在或已删除'),
  'employee.phone_invalid': envelope(2404, 'oa error message', '手机号格式不正确'),
  'employee.phone_taken': envelope(2441, 'employee is already existed', '该手机号对应的员工已经存在'),
  // The IoT dialect has no code of its own for these; the account cannot be registered.
  'employee.email_taken': envelope(2402, 'registerAccount failed', '账号注册失败'),
  'employee.code_taken': envelope(2402, 'registerAccount failed', '账号注册失败'),
  'employee.userid_taken': envelope(2402, 'registerAccount failed', '账号注册失败'),
  'employee.register_failed': envelope(2402, 'registerAccount failed', '账号注册失败'),
  // No IoT call sets a password today; were one to, a full hashing queue is the gateway's throttle.
  'employee.password_busy': gateway(403, 'Request Limited'),
  'employee.page_size_out_of_range': envelope(460, 'pageSize should between 1-100', '每页的数量在1-100之间'),
  // The four below: the IoT account family beyond the seeds (notes §5's table, 195126 and 362939).
  'employee.phone_registered': envelope(2478, 'this phone has registered', '该手机号已被注册'),
  'employee.identity_not_found': envelope(2442, 'employee is not exist', '未找到绑定的员工信息'),
  'employee.identity_ids_out_of_range': envelope(460, 'identityIds need between 1-50', '入参错误'),
  'employee.unregister_unknown': envelope(460, 'identityId is blank', '需要注销的账号不存在'),
  'employee.mobile_area_unknown': PARAM_ERROR,
  'employee.card_no_invalid': PARAM_ERROR,
  'department.unknown': PARAM_ERROR,
  'department.code_taken': PARAM_ERROR,
  'department.name_taken': PARAM_ERROR,
  'department.is_root': PARAM_ERROR,
  'department.not_empty': PARAM_ERROR,
  'department.limit_reached': PARAM_ERROR,
  'level.unknown': PARAM_ERROR,
  'category.unknown': PARAM_ERROR,
  'attribute.not_enabled': PARAM_ERROR,
  'cost_center.unknown': PARAM_ERROR,
  // Admin-API only; no IoT call names an import.
  'import.not_found': PARAM_ERROR,
  internal: envelope(500, 'Server Error', '服务器错误'),
} satisfies Record<ErrorCode, IotError>;
