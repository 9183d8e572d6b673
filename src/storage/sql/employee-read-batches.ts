import { CompiledQuery, type Kysely } from 'kysely';
import { batchWhileBusy, refusedValue } from './busy-batches.js';
import type { SummaryColumns } from './employee.mapper.js';
import type { Database, EmployeeRow } from './tables.js';

/** An employee's row with its department's name (null without a department or when it is gone). */
export type EmployeeWithDepartmentRow = EmployeeRow & { department_name: string | null };

/** A row of a `querybycompanyid` page: the company's counters and name, and one employee's summary. */
export type ListingRow = SummaryColumns & { seq: number; employee_count: number; deleted_count: number; company_name: string };

/** The reads many concurrent requests make on PostgreSQL, each batched with its kind (see below). */
export interface BatchedEmployeeReads {
  /** One employee of one company with its department name; undefined when there is none. */
  withDepartment(companyId: string, employeeId: string): Promise<EmployeeWithDepartmentRow | undefined>;
  /** One employee of one company by its benefits userid; undefined when there is none. */
  byUserid(companyId: string, userid: string): Promise<EmployeeRow | undefined>;
  /** employee-more.repository.ts `rankedRows`: up to `limit` live rows from rank `skip` past seq `firstAfter`. */
  listingPage(companyId: string, firstAfter: number, skip: number, limit: number): Promise<ListingRow[]>;
}

/** $1 company ids, $2 employee ids (pairwise); each row tells by `i` (from 1) which pair it answers. */
export const EMPLOYEE_READ_BATCH_SQL =
  'select k.i, e.*, d.name as department_name ' +
  'from unnest($1::text[], $2::text[]) with ordinality as k(company_id, employee_id, i) ' +
  'join employees e on e.company_id = k.company_id and e.employee_id = k.employee_id ' +
  'left join departments d on d.company_id = e.company_id and d.dept_code = e.dept_code';

/** $1 company ids, $2 userids (pairwise), through `employees_userid_uq`. */
export const USERID_READ_BATCH_SQL =
  'select k.i, e.* ' +
  'from unnest($1::text[], $2::text[]) with ordinality as k(company_id, userid, i) ' +
  'join employees e on e.company_id = k.company_id and e.userid = k.userid';

/**
 * $1 company ids, $2 seqs to start after, $3 ranks to skip, $4 limits (by position): for each, the
 * statement `listingAt` sends alone (employee-more.repository.ts, pinned by listing-plan.test.ts) as a
 * lateral subquery — the inner join that lets PostgreSQL walk (company_id, seq) and stop after `lim`.
 */
export const LISTING_BATCH_SQL =
  'select k.i, p.* ' +
  'from unnest($1::text[], $2::bigint[], $3::bigint[], $4::bigint[]) with ordinality as k(company_id, first_after, skip, lim, i) ' +
  'cross join lateral (' +
  'select c.employee_count, c.deleted_count, c.company_name, e.seq, e.identity_id, e.name, e.phone_raw, e.phone_e164, ' +
  'e.email, e.avatar_url, e.creator, e.modifier, e.is_main ' +
  'from companies c join employees e on e.company_id = c.company_id ' +
  'where c.company_id = k.company_id and e.company_id = k.company_id and e.seq >= (' +
  'select s.seq from employees s where s.company_id = k.company_id and s.seq > k.first_after order by s.seq limit 1 offset k.skip) ' +
  'order by e.seq limit k.lim) p';

interface Waiting<Row> {
  key: unknown[];
  resolve(rows: Row[]): void;
  reject(error: unknown): void;
}

/**
 * One kind of read, batched: `text` takes one array parameter per key part and answers each key's rows
 * tagged with its position `i` (from 1). Reads that arrive while one of the kind is in flight go
 * together as the next statement (busy-batches.ts).
 */
function batchedRead<Row>(db: Kysely<Database>, text: string, parts: number): (...key: unknown[]) => Promise<Row[]> {
  async function send(batch: Waiting<Row>[]): Promise<void> {
    try {
      const columns = Array.from({ length: parts }, (_, p) => batch.map((w) => w.key[p]));
      const result = await db.executeQuery<Row & { i: number }>(CompiledQuery.raw(text, columns));
      const found = batch.map((): Row[] => []);
      // Rows keep their `i` (the mappers read named columns only): copying every column to drop it costs more.
      for (const row of result.rows) found[Number(row.i) - 1]!.push(row);
      batch.forEach((w, index) => w.resolve(found[index]!));
    } catch (error) {
      // A key the server cannot take (e.g. a NUL character: 22021) fails its own read only.
      if (refusedValue(error) && batch.length > 1) for (const w of batch) await send([w]);
      else for (const w of batch) w.reject(error);
    }
  }
  const enqueue = batchWhileBusy(send);
  return (...key) =>
    new Promise((resolve, reject) => {
      enqueue({ key, resolve, reject });
    });
}

/**
 * The reads behind IoT `get` (and every answer that shows one employee), benefits lookups by userid
 * (`/employee/get` and the changes that name an employee) and `querybycompanyid`,
 * batched on PostgreSQL as the nonce writes before them are (sighting-batches.ts): reads of a kind
 * that arrive while one is in flight go together as one statement, each keyed by its own company —
 * so a company is still bound into every row's lookup and one request can never see another's rows.
 * On a busy server a signed read then costs a share of one round trip rather than one of its own;
 * each key is still an index walk (employees_pk; (company_id, seq) for pages), and a read sent after
 * a write committed sees it, as before.
 *
 * Only for reads outside a transaction: a transaction's reads stay on its own connection.
 */
export function batchedEmployeeReads(db: Kysely<Database>): BatchedEmployeeReads {
  const one = batchedRead<EmployeeWithDepartmentRow>(db, EMPLOYEE_READ_BATCH_SQL, 2);
  const page = batchedRead<ListingRow>(db, LISTING_BATCH_SQL, 4);
  const byUserid = batchedRead<EmployeeRow>(db, USERID_READ_BATCH_SQL, 2);
  return {
    withDepartment: async (companyId, employeeId) => (await one(companyId, employeeId))[0],
    byUserid: async (companyId, userid) => (await byUserid(companyId, userid))[0],
    // In seq order: a plan returns a lateral's rows in its own order, but no SQL rule says the batch keeps it.
    listingPage: async (companyId, firstAfter, skip, limit) =>
      (await page(companyId, firstAfter, skip, limit)).sort((a, b) => Number(a.seq) - Number(b.seq)),
  };
}
