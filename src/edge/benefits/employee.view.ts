import type { EmployeeWithDept } from '#src/app/benefits-employee.service.js';
import { isResigned } from '#src/domain/employee.js';

const CHINA_OFFSET_MS = 8 * 3600_000;

/** `yyyy-MM-dd HH:mm:ss` in China time, the platform's zone and its time format. */
export function chinaDateTime(epochMs: number): string {
  return new Date(epochMs + CHINA_OFFSET_MS).toISOString().slice(0, 19).replace('T', ' ');
}

/**
 * An employee as `/employee/get` and `/employee/batchGet` show it (notes §5; the Java SDK's
 * EmployeeGetResp, snake_case). `mobile` is the national number whatever spelling it was added with;
 * `status` (1 serving, 2 resigned) is ours, harmless to the SDK, which ignores unknown fields.
 */
export function employeeView({ employee: e, deptName }: EmployeeWithDept, now: number) {
  return {
    userid: e.userid,
    corp_code: e.workNumber,
    name: e.name,
    gender: e.gender,
    card_type: e.cardType,
    card_no: e.cardNo,
    email: e.email,
    mobile_area: e.mobileArea === null ? null : Number(e.mobileArea),
    mobile: e.phoneE164 && e.mobileArea ? e.phoneE164.slice(1 + e.mobileArea.length) : e.phoneRaw,
    remark: e.remark,
    dept_code: e.deptCode,
    dept_name: deptName,
    level: e.level,
    category: e.categories,
    send_invite: e.sendInvite ? 1 : 2,
    birth_day: e.birthDay,
    entry_day: e.entryDay,
    time_created: chinaDateTime(e.createdAt),
    // Roster does not track first sign-in yet.
    time_active: null,
    status: isResigned(e, now) ? 2 : 1,
  };
}
