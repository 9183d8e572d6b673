import type { ErrorCode, ErrorDetails } from '#src/domain/errors.js';

/**
 * How the benefits open-API dialect reports each catalogue code: HTTP 200 and `{code, msg, data:null}`
 * (notes §4, §6; seed 003's table). `detail` appends the offending parameter and the broken rule to
 * the message, so a caller sees e.g. `参数验证不通过: entry_day must be a real date yyyy-MM-dd`.
 * Never shows a signature's string-to-sign: here it holds the app secret.
 */
export interface BenefitsError {
  code: number;
  msg: string | ((details: ErrorDetails) => string);
  detail?: boolean;
}

const plain = (code: number, msg: string): BenefitsError => ({ code, msg });
const detailed = (code: number, msg: string): BenefitsError => ({ code, msg, detail: true });

const PARAM_MISSING = plain(1000210006, 'parameter check failed!');
const INVALID = detailed(1000220002, '参数验证不通过');
const ALREADY_EXISTS = detailed(1000220003, 'param value already exist!');
const SIGN_FAILED = plain(1000210002, 'sign check failed!');
const TIMESTAMP_FAILED = plain(1000210001, 'timestamp check failed!');
const NO_PERMISSION = plain(1000200051, 'you hava no permisson to access this interface!');
const SYSTEM_ERROR = plain(1000310010, 'system error!');

/** Every catalogue code as this dialect reports it; a code missing here fails to compile. */
export const BENEFITS_ERRORS = {
  'request.malformed': PARAM_MISSING,
  'request.invalid_params': INVALID,
  'request.unsupported_version': plain(1000210005, 'interface not found!'),
  'request.not_found': plain(1000210005, 'interface not found!'),
  'request.too_large': plain(1000220001, 'param length invalide!'),
  'request.unsupported_media_type': PARAM_MISSING,
  'auth.missing_signature': PARAM_MISSING,
  'auth.missing_credentials': detailed(1000210006, 'parameter check failed!'),
  'auth.invalid_app': plain(1000210003, 'appinfo check failed!'),
  'auth.invalid_signature': SIGN_FAILED,
  'auth.invalid_timestamp': TIMESTAMP_FAILED,
  'auth.timestamp_expired': TIMESTAMP_FAILED,
  // No nonce in this dialect: the sign of a data-changing call is its nonce, and a replay of it is a
  // signature failure (the closest documented code), the reason appended.
  'auth.nonce_used': detailed(1000210002, 'sign check failed!'),
  // No Content-MD5 in this dialect; were it ever raised, it is a signature failure.
  'auth.invalid_content_md5': SIGN_FAILED,
  'auth.invalid_token': plain(1000210004, 'tokeninfo check failed!'),
  'auth.secret_in_params': plain(1000210009, 'parameters contain appsecret!'),
  'auth.rate_limited': plain(1000200052, 'frequency over limit!'),
  'auth.forbidden': NO_PERMISSION,
  // A console sign-in (admin API) failure; this dialect never raises it.
  'auth.sign_in_failed': NO_PERMISSION,
  'tenant.not_found': plain(1000210003, 'appinfo check failed!'),
  'company.not_initialized': NO_PERMISSION,
  'company.enterprise_code_invalid': plain(1000240002, 'enterprise_code校验失败'),
  'oa.code_invalid': plain(1000210014, 'auth code invalide or wrong!'),
  'oa.not_member': plain(1000210014, 'auth code invalide or wrong!'),
  'oa.upstream_error': SYSTEM_ERROR,
  'oa.upstream_timeout': SYSTEM_ERROR,
  'oa.connector_unknown': INVALID,
  // The benefits dialect has no user sessions; a bad session token is a bad token there.
  'session.iot_token_invalid': plain(1000210004, 'tokeninfo check failed!'),
  'session.refresh_token_invalid': plain(1000210004, 'tokeninfo check failed!'),
  'employee.not_found': plain(1000220096, '该用户ID对应员工不存在'),
  // The issue: a mobile that is no possible number for its region is a plain parameter failure.
  'employee.phone_invalid': INVALID,
  'employee.phone_taken': plain(1002218007, '会员:手机已存在'),
  'employee.email_taken': plain(1002218004, '会员:邮箱已存在'),
  'employee.code_taken': plain(1002219003, '员工工号已存在'),
  'employee.userid_taken': ALREADY_EXISTS,
  'employee.page_size_out_of_range': INVALID,
  'employee.mobile_area_unknown': plain(1002219069, '员工国际区号不存在'),
  'employee.card_no_invalid': detailed(1002219046, '员工身份证号码错误'),
  'employee.register_failed': SYSTEM_ERROR,
  // The password-hashing queue is full for this app: the documented rate-limit code, retry later.
  'employee.password_busy': detailed(1000200052, 'frequency over limit!'),
  // IoT-only rules (no benefits call reaches them); were one to, these are their nearest documented codes.
  'employee.phone_registered': plain(1002218007, '会员:手机已存在'),
  'employee.identity_not_found': plain(1000220096, '该用户ID对应员工不存在'),
  'employee.identity_ids_out_of_range': INVALID,
  'employee.unregister_unknown': plain(1000220096, '该用户ID对应员工不存在'),
  'department.unknown': plain(1000220010, 'dept_code not exists !'),
  'department.code_taken': ALREADY_EXISTS,
  'department.name_taken': plain(1002212003, '部门添加或更新:名称已存在'),
  'department.is_root': plain(1002212002, '基础部门不能被删除'),
  'department.not_empty': INVALID,
  // No documented code of its own: a parameter that breaks a rule, the rule (depth or count) in the message.
  'department.limit_reached': INVALID,
  'level.unknown': plain(1000220030, '该员工分级未设置'),
  'category.unknown': plain(1000210028, '该员工分类未设置'),
  // Seed 003 names the attribute in the message: `politicalVisage1未启用,…`.
  'attribute.not_enabled': { code: 1000220072, msg: (d) => `${d.rule ?? ''}未启用,扩展信息字段attributeCode错误或未启用` },
  'cost_center.unknown': INVALID,
  // Admin-API only; no benefits call names an import.
  'import.not_found': INVALID,
  internal: SYSTEM_ERROR,
} satisfies Record<ErrorCode, BenefitsError>;

/** The wire code and message for a catalogue code with its details. */
export function benefitsErrorOf(code: ErrorCode, details: ErrorDetails): { code: number; msg: string } {
  const mapped: BenefitsError = BENEFITS_ERRORS[code];
  const base = typeof mapped.msg === 'function' ? mapped.msg(details) : mapped.msg;
  const said = [details.param, details.rule].filter(Boolean).join(' ');
  return { code: mapped.code, msg: mapped.detail && said ? `${base}: ${said}` : base };
}
