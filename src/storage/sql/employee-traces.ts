import type { Kysely } from 'kysely';
import type { DataCipher } from '../crypto/data-cipher.js';
import type { Database } from './tables.js';

/** What an erased employee's row said that other tables may still point at. */
export interface ErasedEmployee {
  employeeId: string;
  userid: string | null;
  phoneE164: string | null;
  /** The phone as it was given (a batch row carries it so). */
  phoneRaw: string | null;
  emailKey: string | null;
}

/**
 * Removes what still points at an erased employee, in the erasing transaction (issue 9 §3): a
 * department's manager reference (by userid — left alone, it would name whoever takes the freed
 * userid next), the OA links (a later sign-in of the same OA user creates a new employee), the IoT
 * sessions and their tokens, console sessions, and the console lockout counters kept under its phone
 * or email, and the text of the company's failed batch rows (kept 7 days for `/getByBatchNumber`)
 * that names it. The audit log holds no personal value to erase: events name employees (and console
 * admins as actors) by opaque ids only.
 */
export async function eraseEmployeeTraces(db: Kysely<Database>, cipher: DataCipher, companyId: string, gone: ErasedEmployee): Promise<void> {
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
  await forgetFailedBatchRows(db, cipher, companyId, gone);
}

/**
 * Blanks the shown text (`service_data`) of the company's failed batch rows that name the employee
 * by userid, phone or email. Applied rows keep none (settling clears it); the codes and totals stay.
 * Sealed text cannot be searched in SQL: the rows are few (at most a week of one company's failures).
 */
async function forgetFailedBatchRows(db: Kysely<Database>, cipher: DataCipher, companyId: string, gone: ErasedEmployee): Promise<void> {
  const national = gone.phoneE164?.startsWith('+86') ? gone.phoneE164.slice(3) : null;
  const quoted = [gone.userid, gone.emailKey, gone.phoneRaw, gone.phoneE164, national].filter((v): v is string => !!v).map((v) => JSON.stringify(v.toLowerCase()));
  // A mobile may be sent as a JSON number too.
  const bare = [national, gone.phoneRaw].filter((v): v is string => !!v && /^[0-9]+$/.test(v)).map((v) => new RegExp(`[:\\[,]\\s*${v}\\s*[,}\\]]`));
  const rows = await db
    .selectFrom('batch_job_rows')
    .innerJoin('batch_jobs', 'batch_jobs.batch_number', 'batch_job_rows.batch_number')
    .select(['batch_job_rows.batch_number', 'batch_job_rows.row_no', 'batch_job_rows.service_data_enc'])
    .where('batch_jobs.company_id', '=', companyId)
    .where('batch_job_rows.state', '=', 'failed')
    .where('batch_job_rows.service_data_enc', 'is not', null)
    .execute();
  for (const row of rows) {
    const text = cipher.decrypt(row.service_data_enc!).toLowerCase();
    if (!quoted.some((q) => text.includes(q)) && !bare.some((re) => re.test(text))) continue;
    await db.updateTable('batch_job_rows').set({ service_data_enc: null }).where('batch_number', '=', row.batch_number).where('row_no', '=', row.row_no).execute();
  }
}
