import type { CardType, Employee, EmployeeAttribute, Gender } from '#src/domain/employee.js';
import { assertThat, invalidParam } from '#src/domain/errors.js';
import { isKnownCallingCode, normalizePhone } from '#src/domain/phone.js';
import type { EmployeePatch, Repositories } from '#src/domain/ports.js';
import { isValidPassportNo, isValidResidentId } from '#src/domain/resident-id.js';

/**
 * An employee's fields as the benefits dialect carries them, already checked for type, length and
 * format at the edge. `undefined` = not sent; `null` (or `[]`) = clear.
 */
export interface BenefitsEmployeeFields {
  name?: string | undefined;
  workNumber?: string | undefined;
  gender?: Gender | undefined;
  email?: string | undefined;
  /** Digits only; the seed's default is 86 when a mobile comes without one. */
  mobileArea?: string | undefined;
  mobile?: string | undefined;
  sendInvite?: boolean | undefined;
  remark?: string | undefined;
  deptCode?: string | undefined;
  level?: string | null | undefined;
  categories?: string[] | undefined;
  birthDay?: string | null | undefined;
  entryDay?: string | null | undefined;
  cardType?: CardType | undefined;
  cardNo?: string | undefined;
  /** The password only counts when this is true (seed 003: allow_simple_pwd=1). */
  allowSimplePwd?: boolean | undefined;
  password?: string | undefined;
  /** Merged by attributeCode into what the employee already has. */
  attributes?: EmployeeAttribute[] | undefined;
  costCenterId?: number | undefined;
}

/** Seed 003: a mobile without mobile_area is a mainland one. */
export const DEFAULT_MOBILE_AREA = '86';

/** `/employee/add`'s rule that an employee can be reached: a mobile or an email (1000220002 naming mobile). */
export function assertMobileOrEmail(f: BenefitsEmployeeFields): void {
  if (f.mobile === undefined && f.email === undefined) throw invalidParam('mobile', 'or email is required');
}

/** 1002219069 unless `area` is an international calling code. */
export function checkMobileArea(area: string): void {
  assertThat(isKnownCallingCode(area), 'employee.mobile_area_unknown', { param: 'mobile_area', rule: 'is not an international calling code' });
}

/** Canonical phone columns for a mobile under a calling code; 1002219069 or 1000220002 when it cannot be. */
function resolvePhone(mobile: string, area: string): Pick<EmployeePatch, 'phoneRaw' | 'phoneE164' | 'mobileArea'> {
  checkMobileArea(area);
  const phone = normalizePhone(mobile, area);
  // A `+` number naming another country than mobile_area is as wrong as an impossible number.
  if (!phone || phone.callingCode !== area) throw invalidParam('mobile', `is not a possible mobile number for area code ${area}`);
  return { phoneRaw: mobile, phoneE164: phone.e164, mobileArea: area };
}

/** The card number as stored, or 1002219046 when it does not fit its card type. */
function resolveCardNo(type: CardType, cardNo: string, now: number): string {
  if (type === 1) {
    assertThat(isValidResidentId(cardNo, now), 'employee.card_no_invalid', { param: 'card_no', rule: 'is not a valid mainland resident ID number' });
    return cardNo.toUpperCase();
  }
  assertThat(isValidPassportNo(cardNo), 'employee.card_no_invalid', { param: 'card_no', rule: 'a passport number is 1-20 letters and digits' });
  return cardNo;
}

/** Later entries win: an attribute is a named field, not a list item. */
function mergeAttributes(current: EmployeeAttribute[], sent: EmployeeAttribute[]): EmployeeAttribute[] {
  const byCode = new Map(current.map((a) => [a.attributeCode, a]));
  for (const a of sent) byCode.set(a.attributeCode, { attributeCode: a.attributeCode, attributeValue: a.attributeValue });
  return [...byCode.values()];
}

/**
 * Checks the sent fields against the company's setup and returns the patch. `current` is the employee
 * being updated (absent for add): a new mobile_area or card_type re-checks the number already stored.
 */
export async function resolveFields(repos: Repositories, companyId: string, f: BenefitsEmployeeFields, now: number, current?: Employee): Promise<EmployeePatch> {
  const patch: EmployeePatch = {};
  if (f.name !== undefined) patch.name = f.name;
  if (f.workNumber !== undefined) patch.workNumber = f.workNumber;
  if (f.gender !== undefined) patch.gender = f.gender;
  if (f.email !== undefined) patch.email = f.email;
  if (f.remark !== undefined) patch.remark = f.remark;
  if (f.birthDay !== undefined) patch.birthDay = f.birthDay;
  if (f.entryDay !== undefined) patch.entryDay = f.entryDay;
  if (f.mobile !== undefined) Object.assign(patch, resolvePhone(f.mobile, f.mobileArea ?? DEFAULT_MOBILE_AREA));
  else if (f.mobileArea !== undefined) {
    checkMobileArea(f.mobileArea);
    // A new area code alone re-reads the stored national number under it.
    if (current?.phoneE164 && current.mobileArea) Object.assign(patch, resolvePhone(current.phoneE164.slice(1 + current.mobileArea.length), f.mobileArea));
  }
  if (f.cardType !== undefined || f.cardNo !== undefined) {
    const type = f.cardType ?? current?.cardType ?? 1;
    const cardNo = f.cardNo ?? current?.cardNo ?? null;
    if (cardNo !== null) patch.cardNo = resolveCardNo(type, cardNo, now);
    patch.cardType = type;
  }
  const setup = repos.setup(companyId);
  if (f.deptCode !== undefined) {
    assertThat(await setup.getDepartment(f.deptCode), 'department.unknown', { param: 'dept_code' });
    patch.deptCode = f.deptCode;
  }
  if (f.level !== undefined) {
    if (f.level !== null) assertThat((await setup.existing('levels', [f.level])).has(f.level), 'level.unknown', { param: 'level' });
    patch.level = f.level;
  }
  if (f.categories !== undefined) {
    const unique = [...new Set(f.categories)];
    const known = await setup.existing('categories', unique);
    const missing = unique.filter((c) => !known.has(c));
    assertThat(missing.length === 0, 'category.unknown', { param: 'category', rule: missing.join(',') });
    patch.categories = unique;
  }
  if (f.attributes !== undefined) {
    const codes = [...new Set(f.attributes.map((a) => a.attributeCode))];
    const enabled = await setup.existing('enabled_attributes', codes);
    const off = codes.find((c) => !enabled.has(c));
    assertThat(off === undefined, 'attribute.not_enabled', { param: 'employee_attribute', rule: off });
    patch.attributes = mergeAttributes(current?.attributes ?? [], f.attributes);
  }
  if (f.costCenterId !== undefined) {
    assertThat(await setup.hasCostCenter(f.costCenterId), 'cost_center.unknown', { param: 'cost_center_id', rule: 'no such cost center' });
    patch.costCenterId = f.costCenterId;
  }
  return patch;
}
