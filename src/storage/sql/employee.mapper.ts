import type { CardType, Employee, EmployeeAttribute, EmployeeSummary, Gender } from '#src/domain/employee.js';
import type { EmployeePatch } from '#src/domain/ports.js';
import type { DataCipher } from '../crypto/data-cipher.js';
import type { EmployeeRow } from './tables.js';

/** Case-insensitive uniqueness keys: work numbers and emails compare without case. */
export const lowerKey = (value: string | null): string | null => (value === null ? null : value.toLowerCase());

/** The columns a listing page reads, as either listing query returns them. */
export interface SummaryColumns {
  seq: number | string | null;
  identity_id: string | null;
  name: string | null;
  phone_raw: string | null;
  phone_e164: string | null;
  email: string | null;
  avatar_url: string | null;
  creator: string | null;
  modifier: string | null;
  is_main: number | null;
}

/** A listing row as the summary the dialects show (both listing queries share it). */
export function summaryRowToSummary(r: SummaryColumns): EmployeeSummary {
  return {
    seq: Number(r.seq),
    identityId: r.identity_id!,
    name: r.name!,
    phoneRaw: r.phone_raw,
    phoneE164: r.phone_e164,
    email: r.email,
    avatarUrl: r.avatar_url,
    creator: r.creator,
    modifier: r.modifier,
    isMain: r.is_main === 1,
  };
}

export function employeeRowToEmployee(row: EmployeeRow, cipher: DataCipher): Employee {
  return {
    companyId: row.company_id,
    employeeId: row.employee_id,
    seq: Number(row.seq),
    identityId: row.identity_id,
    accountId: row.account_id,
    oaUserId: row.oa_user_id,
    userid: row.userid,
    workNumber: row.work_number,
    name: row.name,
    loginName: row.login_name,
    phoneRaw: row.phone_raw,
    phoneE164: row.phone_e164,
    mobileArea: row.mobile_area,
    email: row.email,
    avatarUrl: row.avatar_url,
    isAdmin: row.is_admin === 1,
    isMain: row.is_main === 1,
    roleCode: row.role_code,
    roleName: row.role_name,
    creator: row.creator,
    modifier: row.modifier,
    gender: row.gender as Gender | null,
    remark: row.remark,
    deptCode: row.dept_code,
    level: row.level,
    categories: row.categories ? (JSON.parse(row.categories) as string[]) : [],
    birthDay: row.birth_day,
    entryDay: row.entry_day,
    cardType: row.card_type as CardType | null,
    cardNo: row.card_no_enc ? cipher.decrypt(row.card_no_enc) : null,
    attributes: row.attributes ? (JSON.parse(row.attributes) as EmployeeAttribute[]) : [],
    costCenterId: row.cost_center_id === null ? null : Number(row.cost_center_id),
    sendInvite: row.send_invite === 1,
    resignAt: row.resign_at === null ? null : Number(row.resign_at),
    createdAt: Number(row.created_at),
    updatedAt: Number(row.updated_at),
  };
}

export function employeeToRow(e: Employee, passwordHash: string | null, cipher: DataCipher): EmployeeRow {
  return {
    company_id: e.companyId,
    employee_id: e.employeeId,
    seq: e.seq,
    identity_id: e.identityId,
    account_id: e.accountId,
    oa_user_id: e.oaUserId,
    userid: e.userid,
    work_number: e.workNumber,
    work_number_key: lowerKey(e.workNumber),
    name: e.name,
    login_name: e.loginName,
    phone_raw: e.phoneRaw,
    phone_e164: e.phoneE164,
    mobile_area: e.mobileArea,
    email: e.email,
    email_key: lowerKey(e.email),
    avatar_url: e.avatarUrl,
    is_admin: e.isAdmin ? 1 : 0,
    is_main: e.isMain ? 1 : 0,
    role_code: e.roleCode,
    role_name: e.roleName,
    creator: e.creator,
    modifier: e.modifier,
    gender: e.gender,
    remark: e.remark,
    dept_code: e.deptCode,
    level: e.level,
    categories: e.categories.length ? JSON.stringify(e.categories) : null,
    birth_day: e.birthDay,
    entry_day: e.entryDay,
    card_type: e.cardType,
    card_no_enc: e.cardNo === null ? null : cipher.encrypt(e.cardNo),
    password_hash: passwordHash,
    attributes: e.attributes.length ? JSON.stringify(e.attributes) : null,
    cost_center_id: e.costCenterId,
    send_invite: e.sendInvite ? 1 : 0,
    resign_at: e.resignAt,
    created_at: e.createdAt,
    updated_at: e.updatedAt,
  };
}

/** Only the columns the patch names; derived keys follow their source column. */
export function patchToRow(patch: EmployeePatch, cipher: DataCipher): Partial<EmployeeRow> {
  const row: Partial<EmployeeRow> = {};
  const set = <K extends keyof EmployeeRow>(key: K, value: EmployeeRow[K] | undefined) => {
    if (value !== undefined) row[key] = value;
  };
  set('work_number', patch.workNumber);
  if (patch.workNumber !== undefined) row.work_number_key = lowerKey(patch.workNumber);
  set('name', patch.name);
  set('login_name', patch.loginName);
  set('phone_raw', patch.phoneRaw);
  set('phone_e164', patch.phoneE164);
  set('mobile_area', patch.mobileArea);
  set('email', patch.email);
  if (patch.email !== undefined) row.email_key = lowerKey(patch.email);
  set('avatar_url', patch.avatarUrl);
  set('modifier', patch.modifier);
  set('gender', patch.gender);
  set('remark', patch.remark);
  set('dept_code', patch.deptCode);
  set('role_code', patch.roleCode);
  if (patch.isAdmin !== undefined) row.is_admin = patch.isAdmin ? 1 : 0;
  set('role_name', patch.roleName);
  set('level', patch.level);
  if (patch.categories !== undefined) row.categories = patch.categories.length ? JSON.stringify(patch.categories) : null;
  set('birth_day', patch.birthDay);
  set('entry_day', patch.entryDay);
  set('card_type', patch.cardType);
  if (patch.cardNo !== undefined) row.card_no_enc = patch.cardNo === null ? null : cipher.encrypt(patch.cardNo);
  set('password_hash', patch.passwordHash);
  if (patch.attributes !== undefined) row.attributes = patch.attributes.length ? JSON.stringify(patch.attributes) : null;
  set('cost_center_id', patch.costCenterId);
  if (patch.resignAt !== undefined) row.resign_at = patch.resignAt;
  if (patch.updatedAt !== undefined) row.updated_at = patch.updatedAt;
  return row;
}
