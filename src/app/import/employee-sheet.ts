import type { Employee } from '#src/domain/employee.js';
import { IMPORT_COLUMNS } from './import-columns.js';

const text = (v: string | number | null | undefined): string => (v === null || v === undefined ? '' : String(v));

/** The national number of the stored E.164 under its calling code, else the number as given. */
function nationalMobile(e: Employee): string {
  if (e.phoneE164 && e.mobileArea && e.phoneE164.startsWith(`+${e.mobileArea}`)) return e.phoneE164.slice(1 + e.mobileArea.length);
  return text(e.phoneRaw);
}

/**
 * An employee as a template row, so an exported file imports back as `unchanged`. The identity
 * document number is never exported (as the API never shows it): its cell is empty, which an
 * import reads as "leave it alone".
 */
export function employeeCells(e: Employee): string[] {
  const values: Record<string, string> = {
    userid: text(e.userid),
    name: e.name,
    code: text(e.workNumber),
    mobile_area: e.phoneE164 ? text(e.mobileArea) : '',
    mobile: e.phoneE164 ? nationalMobile(e) : '',
    email: text(e.email),
    gender: text(e.gender),
    dept_code: text(e.deptCode),
    level: text(e.level),
    category: e.categories.join(','),
    birth_day: text(e.birthDay),
    entry_day: text(e.entryDay),
    card_type: text(e.cardType),
    card_no: '',
    cost_center_id: text(e.costCenterId),
    employee_attribute: e.attributes.length ? JSON.stringify(e.attributes) : '',
    send_invite: '',
    remark: text(e.remark),
  };
  return IMPORT_COLUMNS.map((c) => values[c.param] ?? '');
}
