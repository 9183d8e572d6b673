import { CompiledQuery, type Kysely } from 'kysely';
import { batchWhileBusy, refusedValue } from './busy-batches.js';
import type { Database, EmployeeRow } from './tables.js';

/** An employee's row with its department's name (null without a department or when it is gone). */
export type EmployeeWithDepartmentRow = EmployeeRow & { department_name: string | null };

/** Reads one employee of one company with its department name; undefined when there is none. */
export type ReadEmployeeWithDepartment = (companyId: string, employeeId: string) => Promise<EmployeeWithDepartmentRow | undefined>;

interface Waiting {
  companyId: string;
  employeeId: string;
  resolve(row: EmployeeWithDepartmentRow | undefined): void;
  reject(error: unknown): void;
}

/** $1 company ids, $2 employee ids (pairwise); each row tells by `i` (from 1) which pair it answers. */
export const EMPLOYEE_READ_BATCH_SQL =
  'select k.i, e.*, d.name as department_name ' +
  'from unnest($1::text[], $2::text[]) with ordinality as k(company_id, employee_id, i) ' +
  'join employees e on e.company_id = k.company_id and e.employee_id = k.employee_id ' +
  'left join departments d on d.company_id = e.company_id and d.dept_code = e.dept_code';

/**
 * The read behind IoT `get` (and every answer that shows one employee), batched on PostgreSQL as the
 * nonce writes before it are (sighting-batches.ts): reads that arrive while one is in flight go
 * together as one statement, each keyed by its own (company, employee) pair — so a company is still
 * bound into every row's lookup and one request can never see another's rows. On a busy server a
 * signed read then costs a share of one round trip rather than one of its own; each row is still an
 * index lookup (`employees_pk`), and a read sent after a write committed sees it, as before.
 *
 * Only for reads outside a transaction: a transaction's reads stay on its own connection.
 */
export function batchedEmployeeReads(db: Kysely<Database>): ReadEmployeeWithDepartment {
  const text = EMPLOYEE_READ_BATCH_SQL;

  async function send(batch: Waiting[]): Promise<void> {
    try {
      const result = await db.executeQuery<EmployeeWithDepartmentRow & { i: number }>(
        CompiledQuery.raw(text, [batch.map((w) => w.companyId), batch.map((w) => w.employeeId)]),
      );
      const found = new Array<EmployeeWithDepartmentRow | undefined>(batch.length);
      // The row keeps its `i` (the mapper reads named columns only): copying 40 columns to drop it costs more.
      for (const row of result.rows) found[Number(row.i) - 1] = row;
      batch.forEach((w, index) => w.resolve(found[index]));
    } catch (error) {
      // A key the server cannot take (e.g. a NUL character: 22021) fails its own read only.
      if (refusedValue(error) && batch.length > 1) for (const w of batch) await send([w]);
      else for (const w of batch) w.reject(error);
    }
  }

  const enqueue = batchWhileBusy(send);
  return (companyId, employeeId) =>
    new Promise((resolve, reject) => {
      enqueue({ companyId, employeeId, resolve, reject });
    });
}
