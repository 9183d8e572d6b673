import { PostgresAdapter, sql, type Kysely, type RawBuilder } from 'kysely';
import type { EmployeeRepository, EmployeeSearch } from '#src/domain/ports.js';
import type { DataCipher } from '../crypto/data-cipher.js';
import { eraseEmployeeTraces } from './employee-traces.js';
import { blockOf, DELETION_BLOCK, locateRank, type DeletionCount } from './employee-rank.js';
import type { BatchedEmployeeReads } from './employee-read-batches.js';
import { employeeRowToEmployee, lowerKey, summaryRowToSummary } from './employee.mapper.js';
import { runReusable } from './reusable-query.js';
import type { Database, EmployeeRow } from './tables.js';

type MoreMethods = Pick<
  EmployeeRepository,
  'listingAt' | 'employeesAt' | 'getByIdentityId' | 'getByIdentityIds' | 'getByLoginName' | 'erase' | 'search'
>;

/** A deletion committed between two reads makes them disagree; a few tries always suffice in practice. */
const MAX_RANK_TRIES = 20;

/** LIKE pattern for a substring, with the wildcards of the substring escaped (`\` is the escape). */
const containsPattern = (text: string): string => `%${text.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;

/** Trigram indexes only serve key words of 3 characters or more; shorter ones scan the company's names. */
const TRIGRAM = 3;

/** The key word as one FTS5 phrase (a substring match under the trigram tokenizer). */
const ftsPhrase = (text: string): string => `"${text.replaceAll('"', '""')}"`;

/**
 * SQLite: the matching rows' rowids from each index — the FTS5 trigram table for the name, the unique
 * (company_id, …) indexes for phone, email and work number — so the company is never scanned.
 */
export function sqliteKeyWord(companyId: string, filter: EmployeeSearch & { keyWord: string }): RawBuilder<boolean> {
  const { keyWord } = filter;
  const byName =
    filter.inNames === false
      ? sql`SELECT NULL WHERE 0`
      : [...keyWord].length >= TRIGRAM
      ? sql`SELECT rowid FROM employees_name_fts WHERE employees_name_fts MATCH ${ftsPhrase(keyWord)}`
      : sql`SELECT rowid FROM employees WHERE company_id = ${companyId} AND name LIKE ${containsPattern(keyWord)} ESCAPE '\\'`;
  const exact = (column: string, value: string | null | undefined) =>
    value ? sql` UNION SELECT rowid FROM employees WHERE company_id = ${companyId} AND ${sql.ref(column)} = ${value}` : sql``;
  return sql<boolean>`rowid IN (${byName}${exact('phone_e164', filter.phoneE164)}${exact('email_key', lowerKey(keyWord))}${exact('work_number_key', lowerKey(keyWord))})`;
}

/** PostgreSQL: one OR the planner turns into a BitmapOr of the GIN trigram index and the unique indexes. */
export function postgresKeyWord(filter: EmployeeSearch & { keyWord: string }): RawBuilder<boolean> {
  const { keyWord } = filter;
  const phone = filter.phoneE164 ? sql` OR phone_e164 = ${filter.phoneE164}` : sql``;
  const byName = filter.inNames === false ? sql`false` : sql`name ILIKE ${containsPattern(keyWord)}`;
  return sql<boolean>`(${byName} OR email_key = ${lowerKey(keyWord)} OR work_number_key = ${lowerKey(keyWord)}${phone})`;
}

/**
 * The employee repository's deletion-aware and lookup methods (IoT identity APIs); spread into
 * createEmployeeRepository. `companyId` leads every query.
 */
/**
 * The deletion counts last read per company, on a store's own database handle (never a transaction's
 * or a group commit's connection: a count seen there may roll back). A page cut from them is checked like a fresh read (rowsAtRank): `deleted_count`
 * only grows, one per deletion, in the deletion's own transaction, so counts whose sum equals the
 * company's `deleted_count` read with the rows are exactly the committed ones. A mismatch reads them again.
 */
const knownCounts = new WeakMap<Kysely<Database>, Map<string, DeletionCount[]>>();
/** Companies remembered per handle; past it the memory starts over (a cache miss costs one read). */
const KNOWN_COMPANIES = 10_000;

/** Lets the reads outside any transaction on `db` (a store's own handle) remember deletion counts. */
export function rememberDeletionCountsOn(db: Kysely<Database>): void {
  if (!knownCounts.has(db)) knownCounts.set(db, new Map());
}

export function employeeMoreMethods(db: Kysely<Database>, companyId: string, cipher: DataCipher, batched?: BatchedEmployeeReads): MoreMethods {
  // The paging statements run on every list request: built and compiled once per engine (runReusable).
  const deletionCounts = async (): Promise<DeletionCount[]> => {
    const rows = await runReusable(db, 'employees.deletion_counts', [companyId], (company) =>
      db.selectFrom('employee_deletions').select(['block', 'deleted']).where('company_id', '=', company!).orderBy('block'),
    );
    return rows.map((r) => ({ block: Number(r.block), deleted: Number(r.deleted) }));
  };

  /**
   * Rows from rank `offset` on, read together with the company's counters in ONE statement, after the
   * block counts in another: the two agree (same deleted_count) unless a deletion committed in
   * between, and then the pair is read again. So a page is always cut from one state of the company.
   */
  async function rowsAtRank<R>(offset: number, page: (firstAfter: number, skip: number) => Promise<R[]>, head: (row: R) => number) {
    const known = knownCounts.get(db);
    for (let attempt = 0; ; attempt++) {
      // First from memory (one statement per page instead of two), then always from the database.
      const remembered = attempt === 0 ? known?.get(companyId) : undefined;
      const counts = remembered ?? (await deletionCounts());
      const deletedSeen = counts.reduce((sum, c) => sum + c.deleted, 0);
      const { block, liveBefore } = locateRank(offset, counts);
      const rows = await page(block * DELETION_BLOCK, offset - liveBefore);
      const first = rows[0];
      const agreed = first !== undefined && head(first) === deletedSeen;
      if (agreed && known && !remembered) {
        if (known.size >= KNOWN_COMPANIES) known.clear();
        known.set(companyId, counts);
      }
      if (!first || agreed || attempt >= MAX_RANK_TRIES) return rows;
    }
  }

  /**
   * The first live seq at or after rank `skip` past `firstAfter`: an index-only walk of ≤ one block.
   * Takes placeholders (runReusable): numbers stand where Kysely expects numbers.
   */
  const startSeq = (company: string, firstAfter: string, skip: string) =>
    db
      .selectFrom('employees as s')
      .select('s.seq')
      .where('s.company_id', '=', company)
      .where('s.seq', '>', firstAfter as unknown as number)
      .orderBy('s.seq')
      .limit(sql.lit(1))
      .offset(skip as unknown as number);

  /**
   * The company's counters joined to its live rows from rank `skip` past `firstAfter`, in seq order.
   * Inner, not left: ORDER BY on the nullable side of a LEFT JOIN kept PostgreSQL from reading the
   * (company_id, seq) index in order, so it sorted the whole company for page 1 (issue 13: 1,000,000
   * rows read for 10 shown). This way both engines walk the index and stop after `limit` rows, with
   * custom and generic (prepared) plans alike (test/storage/listing-plan.test.ts).
   */
  const rankedRows = (company: string, firstAfter: string, skip: string, limit: string) =>
    db
      .selectFrom('companies')
      .innerJoin('employees', 'employees.company_id', 'companies.company_id')
      .select(['companies.employee_count', 'companies.deleted_count'])
      .where('companies.company_id', '=', company)
      .where('employees.company_id', '=', company)
      .where('employees.seq', '>=', startSeq(company, firstAfter, skip))
      .orderBy('employees.seq')
      .limit(limit as unknown as number);

  return {
    async listingAt(offset, limit) {
      const rows = await rowsAtRank(
        offset,
        (firstAfter, skip) =>
          batched?.listingPage(companyId, firstAfter, skip, limit) ??
          runReusable(db, 'employees.listing_at', [companyId, firstAfter, skip, limit], (company, after, skipped, max) =>
            rankedRows(company!, after!, skipped!, max!)
              .select(['companies.company_name'])
              .select(['employees.seq', 'employees.identity_id', 'employees.name', 'employees.phone_raw', 'employees.phone_e164'])
              .select(['employees.email', 'employees.avatar_url', 'employees.creator', 'employees.modifier', 'employees.is_main']),
          ),
        (r) => Number(r.deleted_count),
      );
      const first = rows[0];
      if (!first) {
        const [company] = await runReusable(db, 'employees.listing_head', [companyId], (company) =>
          db.selectFrom('companies').select(['company_name', 'employee_count', 'deleted_count']).where('company_id', '=', company!),
        );
        return company && { companyName: company.company_name, total: Number(company.employee_count) - Number(company.deleted_count), employees: [] };
      }
      return {
        companyName: first.company_name,
        total: Number(first.employee_count) - Number(first.deleted_count),
        employees: rows.map((r) => summaryRowToSummary(r)),
      };
    },

    async employeesAt(offset, limit) {
      const rows = await rowsAtRank(
        offset,
        (firstAfter, skip) =>
          runReusable(db, 'employees.employees_at', [companyId, firstAfter, skip, limit], (company, after, skipped, max) =>
            rankedRows(company!, after!, skipped!, max!).selectAll('employees'),
          ),
        (r) => Number(r.deleted_count),
      );
      const first = rows[0];
      if (!first) {
        // Past the end: the live total alone, in a second read.
        const company = await db.selectFrom('companies').select(['employee_count', 'deleted_count']).where('company_id', '=', companyId).executeTakeFirst();
        return { total: company ? Number(company.employee_count) - Number(company.deleted_count) : 0, employees: [] };
      }
      return { total: Number(first.employee_count) - Number(first.deleted_count), employees: rows.map((r) => employeeRowToEmployee(r, cipher)) };
    },

    async getByIdentityId(identityId) {
      const row = await db.selectFrom('employees').selectAll().where('company_id', '=', companyId).where('identity_id', '=', identityId).executeTakeFirst();
      return row ? employeeRowToEmployee(row, cipher) : undefined;
    },

    async getByIdentityIds(identityIds) {
      if (identityIds.length === 0) return [];
      const rows = await db
        .selectFrom('employees')
        .selectAll()
        .where('company_id', '=', companyId)
        .where('identity_id', 'in', identityIds)
        .orderBy('seq')
        .execute();
      return rows.map((r) => employeeRowToEmployee(r, cipher));
    },

    async getByLoginName(loginName) {
      const row = await db
        .selectFrom('employees')
        .selectAll()
        .where('company_id', '=', companyId)
        .where('login_name', '=', loginName)
        .orderBy('seq')
        .executeTakeFirst();
      return row ? employeeRowToEmployee(row, cipher) : undefined;
    },

    async erase(employeeId) {
      // The row goes, and with it every personal field; its unique keys (phone, email, …) are free again.
      const gone = await db
        .deleteFrom('employees')
        .where('company_id', '=', companyId)
        .where('employee_id', '=', employeeId)
        .returning(['seq', 'userid', 'phone_e164', 'phone_raw', 'email_key'])
        .executeTakeFirst();
      if (!gone) return false;
      await db.deleteFrom('invitations').where('company_id', '=', companyId).where('employee_id', '=', employeeId).execute();
      await eraseEmployeeTraces(db, cipher, companyId, { employeeId, userid: gone.userid, phoneE164: gone.phone_e164, phoneRaw: gone.phone_raw, emailKey: gone.email_key });
      await db
        .insertInto('employee_deletions')
        .values({ company_id: companyId, block: blockOf(Number(gone.seq)), deleted: 1 })
        .onConflict((oc) => oc.columns(['company_id', 'block']).doUpdateSet({ deleted: sql<number>`employee_deletions.deleted + 1` }))
        .execute();
      await db
        .updateTable('companies')
        .set({ deleted_count: sql<number>`deleted_count + 1` })
        .where('company_id', '=', companyId)
        .execute();
      return true;
    },

    async search(filter, offset, limit) {
      const postgres = db.getExecutor().adapter instanceof PostgresAdapter;
      let query = db.selectFrom('employees').where(postgres || !filter.keyWord ? sql<boolean>`company_id = ${companyId}` : sql<boolean>`+company_id = ${companyId}`);
      if (filter.deptCodes) query = query.where('dept_code', 'in', filter.deptCodes.length ? filter.deptCodes : ['\u0000none']);
      if (filter.roleCode) query = query.where('role_code', '=', filter.roleCode);
      const keyWord = filter.keyWord;
      if (keyWord) query = query.where(postgres ? postgresKeyWord({ ...filter, keyWord }) : sqliteKeyWord(companyId, { ...filter, keyWord }));
      const count = await query.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
      const rows = await query.selectAll().orderBy('seq').limit(limit).offset(offset).execute();
      return { total: Number(count.n), employees: rows.map((r: EmployeeRow) => employeeRowToEmployee(r, cipher)) };
    },
  };
}
