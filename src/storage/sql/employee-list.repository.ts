import { PostgresAdapter, sql, type Expression, type ExpressionBuilder, type Kysely, type SqlBool } from 'kysely';
import type { EmployeeListFilter, EmployeeListRepository } from '#src/domain/admin-ports.js';
import type { DataCipher } from '../crypto/data-cipher.js';
import { postgresKeyWord, sqliteKeyWord } from './employee-more.repository.js';
import { employeeRowToEmployee } from './employee.mapper.js';
import type { Database } from './tables.js';

/** `%` and `_` in a keyword are literal characters, not wildcards. */
const likeEscape = (text: string) => text.replace(/[\\%_]/g, (c) => `\\${c}`);

/**
 * The admin API's filtered employee listing: a keyset walk over the `(company_id, seq)` index that
 * stops after `limit` matches, so a page costs what it shows plus what the filter skips. A keyword
 * is the IoT account search's own condition (`/industry/user/account/query`): the name's trigram
 * index (SQLite FTS5, PostgreSQL pg_trgm) and the unique phone / email / work-number indexes pick
 * the rows, never a walk over the company.
 */
export function createEmployeeListRepository(db: Kysely<Database>, cipher: DataCipher): EmployeeListRepository {
  const postgres = db.getExecutor().adapter instanceof PostgresAdapter;
  function where(eb: ExpressionBuilder<Database, 'employees'>, companyId: string, f: EmployeeListFilter, now: number) {
    // SQLite: with a keyword, `+company_id` keeps the planner off the company's index, so the
    // matching rowids from the keyword's indexes drive the query (as the IoT search does).
    const sqliteKeyword = !postgres && f.keyword !== undefined;
    const parts: Expression<SqlBool>[] = [sqliteKeyword ? sql<boolean>`+company_id = ${companyId}` : eb('company_id', '=', companyId)];
    if (f.status === 'active') parts.push(eb.or([eb('resign_at', 'is', null), eb('resign_at', '>', now)]));
    if (f.status === 'resigned') parts.push(eb.and([eb('resign_at', 'is not', null), eb('resign_at', '<=', now)]));
    if (f.deptCodes) parts.push(f.deptCodes.length ? eb('dept_code', 'in', f.deptCodes) : eb.lit(false));
    if (f.level !== undefined) parts.push(eb('level', '=', f.level));
    if (f.userid !== undefined) parts.push(eb('userid', '=', f.userid));
    // Categories are a JSON array of strings: match the quoted name inside it.
    if (f.category !== undefined) parts.push(sql<boolean>`categories like ${`%${likeEscape(JSON.stringify(f.category))}%`} escape '\\'`);
    if (f.keyword !== undefined) {
      const search = { keyWord: f.keyword, phoneE164: f.keywordPhoneE164, inNames: f.keywordInNames };
      parts.push(postgres ? postgresKeyWord(search) : sqliteKeyWord(companyId, search));
    }
    return eb.and(parts);
  }

  /**
   * Everyone, the serving or the resigned, from the company's counters and the resigned employees'
   * partial index (migration 0016), in one statement (one snapshot): the cost of a million-employee
   * company's total is that of its resigned, not of its rows.
   */
  async function countByStatus(companyId: string, status: EmployeeListFilter['status'], now: number): Promise<number> {
    const row = await db
      .selectFrom('companies')
      .select((eb) => [
        sql<number>`employee_count - coalesce(deleted_count, 0)`.as('everyone'),
        eb
          .selectFrom('employees')
          .select((inner) => inner.fn.countAll<number>().as('n'))
          .where('employees.company_id', '=', companyId)
          .where('resign_at', 'is not', null)
          .where('resign_at', '<=', now)
          .as('resigned'),
      ])
      .where('company_id', '=', companyId)
      .executeTakeFirst();
    if (!row) return 0;
    const everyone = Number(row.everyone);
    const resigned = Number(row.resigned ?? 0);
    return status === 'all' ? everyone : status === 'resigned' ? resigned : everyone - resigned;
  }

  return {
    async page(companyId, filter, afterSeq, limit, now) {
      const rows = await db
        .selectFrom('employees')
        .selectAll()
        .where((eb) => where(eb, companyId, filter, now))
        .where(!postgres && filter.keyword !== undefined ? sql<boolean>`+seq > ${afterSeq}` : sql<boolean>`seq > ${afterSeq}`)
        .orderBy('seq')
        .limit(limit)
        .execute();
      return rows.map((r) => employeeRowToEmployee(r, cipher));
    },
    async count(companyId, filter, now) {
      if (byStatusOnly(filter)) return countByStatus(companyId, filter.status, now);
      const r = await db
        .selectFrom('employees')
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .where((eb) => where(eb, companyId, filter, now))
        .executeTakeFirstOrThrow();
      return Number(r.n);
    },
    async subtree(companyId, deptCode) {
      const rows = await sql<{ code: string }>`
        with recursive sub(code) as (
          select dept_code from departments where company_id = ${companyId} and dept_code = ${deptCode}
          union
          select d.dept_code from departments d join sub on d.parent_code = sub.code where d.company_id = ${companyId}
        )
        select code from sub`.execute(db);
      return rows.rows.map((r) => r.code);
    },
    async departments(companyId) {
      const rows = await db.selectFrom('departments').selectAll().where('company_id', '=', companyId).orderBy('dept_code').execute();
      return rows.map((r) => ({
        deptCode: r.dept_code,
        name: r.name,
        parentCode: r.parent_code,
        status: r.status === 2 ? (2 as const) : (1 as const),
        managerUserid: r.manager_userid,
      }));
    },
  };
}

/** A filter on the status alone (or none): its total comes from counters, not a count of rows. */
function byStatusOnly(f: EmployeeListFilter): boolean {
  return f.deptCodes === undefined && f.level === undefined && f.userid === undefined && f.category === undefined && f.keyword === undefined;
}
