import type { BenefitsEmployeeFields } from '#src/app/benefits-employee.service.js';
import { invalidParam } from '#src/domain/errors.js';
import { EMAIL_MAX, fitsEmailKey } from '#src/domain/text.js';
import { parseEmployeeAttributes } from './employee-attributes.js';
import type { BenefitsParams } from './form-codec.js';
import { checkDate, checkText, CLEAR_MARKER, clearable, optionalChoice, optionalInteger, optionalText, sent, type TextRule } from './param-rules.js';

/** Seed 003's rules, one per parameter; shared by add, update and get. */
export const RULES = {
  userid: { max: 100 },
  name: { max: 50 },
  enterpriseCode: { max: 20 },
  // 工号 "只支持字母数字" (seed 003).
  code: { max: 20, pattern: /^[A-Za-z0-9]+$/, patternRule: 'may hold only letters and digits' },
  // `&` and `=` would let a value swallow the next `k=v` of the string-to-sign (`email=a@b.c&mobile=…`
  // signs like two params), so an email, which needs neither, may not hold them. Its case-insensitive
  // key is stored in a column as wide as the email: one that lower-cases longer (İ) cannot be kept.
  email: {
    max: EMAIL_MAX,
    pattern: /^[^\s@&=]+@[^\s@&=]+\.[^\s@&=]+$/,
    patternRule: 'is not an email address (and may not hold & or =)',
    refine: { test: fitsEmailKey, rule: `must be at most ${EMAIL_MAX} characters long in lower case` },
  },
  mobileArea: { max: 10, pattern: /^[0-9]+$/, patternRule: 'must be an integer' },
  mobile: { min: 6, max: 20 },
  // [0,254] in the seed, but an empty value is "not sent" here, as for every field but level and category.
  remark: { max: 254, multiline: true },
  deptCode: { max: 50 },
  level: { max: 50 },
  category: { max: 50 },
  cardNo: { max: 30 },
  // 初始密码(字母数字).
  password: { min: 6, max: 20, pattern: /^[A-Za-z0-9]+$/, patternRule: 'may hold only letters and digits' },
} satisfies Record<string, TextRule>;

const MAX_CATEGORIES = 100;

/** `code`, or the deprecated `corp_code` when `code` is absent (seed 003: corp_code 新版本以废弃). */
export function workNumberOf(params: BenefitsParams): string | undefined {
  const name = sent(params, 'code') !== undefined ? 'code' : 'corp_code';
  return optionalText(params, name, RULES.code);
}

/** `category`: comma-joined names; an empty string (or `#default#`) clears (seed 003). */
function categoriesOf(params: BenefitsParams): string[] | undefined {
  const raw = params.get('category');
  if (raw === undefined) return undefined;
  // Empty pieces ("A,,B", a trailing comma) name nothing; the names themselves are taken as sent.
  const names = raw === CLEAR_MARKER ? [] : raw.split(',').filter((c) => c !== '');
  if (names.length > MAX_CATEGORIES) throw invalidParam('category', `may name at most ${MAX_CATEGORIES} categories`);
  return names.map((c) => checkText('category', c, RULES.category));
}

/** Every optional employee field the request carries, each checked against its rule (1000220002). */
export function readEmployeeFields(params: BenefitsParams): BenefitsEmployeeFields {
  const allowSimplePwd = optionalChoice(params, 'allow_simple_pwd', [1, 2] as const);
  const sendInvite = optionalChoice(params, 'send_invite', [1, 2] as const);
  return {
    name: optionalText(params, 'name', RULES.name),
    workNumber: workNumberOf(params),
    gender: optionalChoice(params, 'gender', [1, 2, 3] as const),
    email: optionalText(params, 'email', RULES.email),
    mobileArea: optionalText(params, 'mobile_area', RULES.mobileArea),
    mobile: optionalText(params, 'mobile', RULES.mobile),
    sendInvite: sendInvite === undefined ? undefined : sendInvite === 1,
    remark: optionalText(params, 'remark', RULES.remark),
    deptCode: optionalText(params, 'dept_code', RULES.deptCode),
    level: params.get('level') === '' ? null : clearable(params, 'level', (v) => checkText('level', v, RULES.level)),
    categories: categoriesOf(params),
    birthDay: clearable(params, 'birth_day', (v) => checkDate('birth_day', v, true)),
    entryDay: clearable(params, 'entry_day', (v) => checkDate('entry_day', v, false)),
    cardType: optionalChoice(params, 'card_type', [1, 2] as const),
    cardNo: optionalText(params, 'card_no', RULES.cardNo),
    allowSimplePwd: allowSimplePwd === undefined ? undefined : allowSimplePwd === 1,
    password: optionalText(params, 'password', RULES.password),
    attributes: sent(params, 'employee_attribute') === undefined ? undefined : parseEmployeeAttributes('employee_attribute', params.get('employee_attribute')!),
    costCenterId: optionalInteger(params, 'cost_center_id', 1, 2_147_483_647),
  };
}
