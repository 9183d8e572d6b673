import { invalidParam } from '#src/domain/errors.js';

/** A template column: the `/employee/add` parameter it carries and its header in each language. */
export interface ImportColumn {
  param: string;
  zh: string;
  en: string;
}

/**
 * The template's columns, in order: the seed-003 fields of `/employee/add` (enterprise_code aside:
 * the company is in the path; password and allow_simple_pwd aside: a spreadsheet is no place for
 * passwords). The English header is the parameter's own name, so a script maps one to one.
 */
export const IMPORT_COLUMNS: readonly ImportColumn[] = [
  { param: 'userid', zh: '用户ID', en: 'userid' },
  { param: 'name', zh: '姓名', en: 'name' },
  { param: 'code', zh: '工号', en: 'code' },
  { param: 'mobile_area', zh: '手机区号', en: 'mobile_area' },
  { param: 'mobile', zh: '手机号', en: 'mobile' },
  { param: 'email', zh: '邮箱', en: 'email' },
  { param: 'gender', zh: '性别', en: 'gender' },
  { param: 'dept_code', zh: '部门编号', en: 'dept_code' },
  { param: 'level', zh: '员工分级', en: 'level' },
  { param: 'category', zh: '员工分类', en: 'category' },
  { param: 'birth_day', zh: '生日', en: 'birth_day' },
  { param: 'entry_day', zh: '入职日', en: 'entry_day' },
  { param: 'card_type', zh: '证件类型', en: 'card_type' },
  { param: 'card_no', zh: '证件号码', en: 'card_no' },
  { param: 'cost_center_id', zh: '成本中心ID', en: 'cost_center_id' },
  { param: 'employee_attribute', zh: '扩展信息', en: 'employee_attribute' },
  { param: 'send_invite', zh: '发送邀请', en: 'send_invite' },
  { param: 'remark', zh: '备注', en: 'remark' },
];

export type HeaderLanguage = 'zh' | 'en';

/** The result columns a per-row result file adds after the template's. */
export const RESULT_COLUMNS: Record<HeaderLanguage, string[]> = {
  zh: ['行号', '结果', '员工ID', '错误码', '错误信息'],
  en: ['row', 'outcome', 'employeeId', 'code', 'message'],
};

/** The header row of a template, export or result file. */
export function headerOf(lang: HeaderLanguage): string[] {
  return IMPORT_COLUMNS.map((c) => c[lang]);
}

const BY_NAME = new Map<string, { param: string; lang: HeaderLanguage }>();
for (const c of IMPORT_COLUMNS) {
  BY_NAME.set(c.zh.toLowerCase(), { param: c.param, lang: 'zh' });
  BY_NAME.set(c.en.toLowerCase(), { param: c.param, lang: 'en' });
}

/** How a file's header maps to parameters: the parameter of each column (null: not ours, ignored). */
export interface HeaderMap {
  params: Array<string | null>;
  lang: HeaderLanguage;
}

/**
 * Reads a header row: either language's names (and a mix), without case or surrounding blanks.
 * request.invalid_params (file) when no column can name an employee or one parameter appears twice.
 */
export function mapHeader(header: string[]): HeaderMap {
  const seen = new Set<string>();
  let zh = 0;
  const params = header.map((cell) => {
    const found = BY_NAME.get(cell.replace(/^\uFEFF/, '').trim().toLowerCase());
    if (!found) return null;
    if (seen.has(found.param)) throw invalidParam('file', `names the column ${found.param} twice`);
    seen.add(found.param);
    if (found.lang === 'zh') zh++;
    return found.param;
  });
  if (!seen.has('userid') && !seen.has('mobile') && !seen.has('email')) {
    throw invalidParam('file', 'has no header row with a userid (用户ID), mobile (手机号) or email (邮箱) column; download the template');
  }
  return { params, lang: zh > seen.size / 2 ? 'zh' : 'en' };
}

/**
 * A data row as the parameters `/employee/add` would receive. An empty cell is "not sent" (so it
 * leaves a stored value alone); `#default#` clears level, category, birth_day or entry_day.
 */
export function rowParams(map: HeaderMap, cells: string[]): Map<string, string> {
  const params = new Map<string, string>();
  map.params.forEach((param, i) => {
    const value = cells[i];
    if (param !== null && value !== undefined && value !== '') params.set(param, value);
  });
  return params;
}
