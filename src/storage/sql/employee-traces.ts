import type { Kysely } from 'kysely';
import type { Database } from './tables.js';

/** What an erased employee's row said that other tables may still point at. */
export interface ErasedEmployee {
  employeeId: string;
  userid: string | null;
  phoneE164: string | null;
  emailKey: string | null;
}

/**
 * Removes what still points at an erased employee, in the erasing transaction (issue 9 §3): a
 * department's manager reference (by userid — left alone, it would name whoever takes the freed
 * userid next), the OA links (a later sign-in of the same OA user creates a new employee), the IoT
 * sessions and their tokens, console sessions, and the console lockout counters kept under its phone
 * or email. The audit log holds no personal value to erase: events name employees (and console
 * admins as actors) by opaque ids only.
 */
export async function eraseEmployeeTraces(db: Kysely<Database>, companyId: string, gone: ErasedEmployee): Promise<void> {
  if (gone.userid !== null) {
    await db.updateTable('departments').set({ manager_userid: null }).where('company_id', '=', companyId).where('manager_userid', '=', gone.userid).execute();
  }
  await db.deleteFrom('employee_oa_links').where('company_id', '=', companyId).where('employee_id', '=', gone.employeeId).execute();
  const sessions = db.selectFrom('iot_sessions').select('session_id').where('company_id', '=', companyId).where('employee_id', '=', gone.employeeId);
  await db.deleteFrom('iot_session_tokens').where('session_id', 'in', sessions).execute();
  await db.deleteFrom('iot_sessions').where('company_id', '=', companyId).where('employee_id', '=', gone.employeeId).execute();
  await db.deleteFrom('admin_sessions').where('company_id', '=', companyId).where('employee_id', '=', gone.employeeId).execute();
  const loginKeys = [gone.phoneE164, gone.emailKey].filter((k): k is string => k !== null);
  if (loginKeys.length) await db.deleteFrom('admin_sign_in_failures').where('company_id', '=', companyId).where('login_key', 'in', loginKeys).execute();
}
