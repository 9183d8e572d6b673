import type { Employee, EmployeeCreate, EmployeeUpdate } from '@roster/admin-sdk';

/** The form's fields as text (what the inputs hold). */
export interface EmployeeFormValues {
  name: string;
  userid: string;
  workNumber: string;
  mobileArea: string;
  mobile: string;
  email: string;
  gender: string;
  deptCode: string;
  level: string;
  categories: string[];
  birthDay: string;
  entryDay: string;
  remark: string;
  cardType: string;
  cardNo: string;
  costCenterId: string;
  attributes: Record<string, string>;
}

export function valuesOf(e: Employee | null): EmployeeFormValues {
  return {
    name: e?.name ?? '',
    userid: e?.userid ?? '',
    workNumber: e?.workNumber ?? '',
    mobileArea: e?.mobileArea ?? '86',
    mobile: e?.mobile ?? '',
    email: e?.email ?? '',
    gender: e?.gender ? String(e.gender) : '',
    deptCode: e?.deptCode ?? '',
    level: e?.level ?? '',
    categories: e?.categories ?? [],
    birthDay: e?.birthDay ?? '',
    entryDay: e?.entryDay ?? '',
    remark: e?.remark ?? '',
    cardType: e?.cardType ? String(e.cardType) : '',
    cardNo: '',
    costCenterId: e?.costCenterId != null ? String(e.costCenterId) : '',
    attributes: Object.fromEntries((e?.attributes ?? []).map((a: { attributeCode: string; attributeValue: string }) => [a.attributeCode, a.attributeValue])),
  };
}

/** Fields that may be cleared (the API takes null for them). */
const NULLABLE = new Set(['level', 'birthDay', 'entryDay']);

/**
 * The request body: for a new employee every filled field; for an edit only what changed (so the API
 * checks, and the audit log records, just that). Numbers and lists are converted; the rest is sent as typed,
 * and the API's own validation decides.
 */
export function bodyOf(v: EmployeeFormValues, before: EmployeeFormValues | null): EmployeeCreate | EmployeeUpdate {
  const body: Record<string, unknown> = {};
  const scalar: (keyof EmployeeFormValues)[] = ['name', 'workNumber', 'mobileArea', 'mobile', 'email', 'deptCode', 'level', 'birthDay', 'entryDay', 'remark', 'cardNo'];
  if (!before) scalar.push('userid');
  for (const key of scalar) {
    const value = (v[key] as string).trim();
    const old = before ? (before[key] as string).trim() : '';
    if (value === old && before) continue;
    if (value) body[key] = value;
    else if (before && NULLABLE.has(key)) body[key] = null;
  }
  const numbers = ['gender', 'cardType', 'costCenterId'] as const;
  for (const key of numbers) if (v[key] && v[key] !== before?.[key]) body[key] = Number(v[key]);
  if (JSON.stringify(v.categories) !== JSON.stringify(before?.categories ?? [])) body.categories = v.categories;
  const attributes = Object.entries(v.attributes)
    .filter(([code, value]) => value !== (before?.attributes[code] ?? ''))
    .map(([attributeCode, attributeValue]) => ({ attributeCode, attributeValue }));
  if (attributes.length) body.attributes = attributes;
  return body as EmployeeCreate | EmployeeUpdate;
}
