import { PostgresAdapter, sql, type Kysely, type RawBuilder } from 'kysely';
import type { EmployeeRepository, EmployeeSearch } from '#src/domain/ports.js';
import type { DataCipher } from '../crypto/data-cipher.js';
import { blockOf, DELETION_BLOCK, locateRank, type DeletionCount } from './employee-rank.js';
import { employeeRowToEmployee, lowerKey, summaryRowToSummary } from './employee.mapper.js';
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
export function employeeMoreMethods(db: Kysely<Database>, companyId: string, cipher: DataCipher): MoreMethods {
  const deletionCounts = async (): Promise<DeletionCount[]> => {
    const rows = await db
      .selectFrom('employee_deletions')
      .select(['block', 'deleted'])
      .where('company_id', '=', companyId)
      .orderBy('block')
      .execute();
    return rows.map((r) => ({ block: Number(r.block), deleted: Number(r.deleted) }));
  };

  /**
   * Rows from rank `offset` on, read together with the company's counters in ONE statement, after the
   * block counts in another: the two agree (same deleted_count) unless a deletion committed in
   * between, and then the pair is read again. So a page is always cut from one state of the company.
   */
  async function rowsAtRank<R>(offset: number, limit: number, page: (firstAfter: number, skip: number) => Promise<R[]>, head: (row: R) => number) {
    for (let attempt = 0; ; attempt++) {
      const counts = await deletionCounts();
      const deletedSeen = counts.reduce((sum, c) => sum + c.deleted, 0);
      const { block, liveBefore } = locateRank(offset, counts);
      const rows = await page(block * DELETION_BLOCK, offset - liveBefore);
      const first = rows[0];
      if (!first || head(first) === deletedSeen || attempt >= MAX_RANK_TRIES) return rows;
    }
  }

  /** The first live seq at or after rank `skip` past `firstAfter`: an index-only walk of ≤ one block. */
  const startSeq = (firstAfter: number, skip: number) =>
    db
      .selectFrom('employees as s')
      .select('s.seq')
      .where('s.company_id', '=', companyId)
      .where('s.seq', '>', firstAfter)
      .orderBy('s.seq')
      .limit(1)
      .offset(skip);

  return {
    async listingAt(offset, limit) {
      const rows = await rowsAtRank(
        offset,
        limit,
        (firstAfter, skip) =>
          db
            .selectFrom('companies')
            .innerJoin('employees', 'employees.company_id', 'companies.company_id')
            .select(['companies.company_name', 'companies.employee_count', 'companies.deleted_count'])
            .select(['employees.seq', 'employees.identity_id', 'employees.name', 'employees.phone_raw', 'employees.phone_e164'])
            .select(['employees.email', 'employees.avatar_url', 'employees.creator', 'employees.modifier', 'employees.is_main'])
            .where('companies.company_id', '=', companyId)
            .where('employees.company_id', '=', companyId)
            .where('employees.seq', '>=', startSeq(firstAfter, skip))
            .orderBy('employees.seq')
            .limit(limit)
            .execute(),
        (r) => Number(r.deleted_count),
      );
      const first = rows[0];
      if (!first) {
        const company = await db
          .selectFrom('companies')
          .select(['company_name', 'employee_count', 'deleted_count'])
          .where('company_id', '=', companyId)
          .executeTakeFirst();
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
        limit,
        (firstAfter, skip) =>
          db
            .selectFrom('companies')
            .innerJoin('employees', 'employees.company_id', 'companies.company_id')
            .selectAll('employees')
            .select(['companies.employee_count', 'companies.deleted_count'])
            .where('companies.company_id', '=', companyId)
            .where('employees.company_id', '=', companyId)
            .where('employees.seq', '>=', startSeq(firstAfter, skip))
            .orderBy('employees.seq')
            .limit(limit)
            .execute(),
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
        .returning('seq')
        .executeTakeFirst();
      if (!gone) return false;
      await db.deleteFrom('invitations').where('company_id', '=', companyId).where('employee_id', '=', employeeId).execute();
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
