import { sql, type Expression, type ExpressionBuilder, type Kysely, type SqlBool } from 'kysely';
import type { EmployeeListFilter, EmployeeListRepository } from '#src/domain/admin-ports.js';
import type { DataCipher } from '../crypto/data-cipher.js';
import { employeeRowToEmployee } from './employee.mapper.js';
import type { Database } from './tables.js';

/** `%` and `_` in a keyword are literal characters, not wildcards. */
const likeEscape = (text: string) => text.replace(/[\\%_]/g, (c) => `\\${c}`);

/**
 * The admin API's filtered employee listing: a keyset walk over the `(company_id, seq)` index that
 * stops after `limit` matches, so a page costs what it shows plus what the filter skips.
 */
export function createEmployeeListRepository(db: Kysely<Database>, cipher: DataCipher): EmployeeListRepository {
  function where(eb: ExpressionBuilder<Database, 'employees'>, companyId: string, f: EmployeeListFilter, now: number) {
    const parts: Expression<SqlBool>[] = [eb('company_id', '=', companyId)];
    if (f.status === 'active') parts.push(eb.or([eb('resign_at', 'is', null), eb('resign_at', '>', now)]));
    if (f.status === 'resigned') parts.push(eb.and([eb('resign_at', 'is not', null), eb('resign_at', '<=', now)]));
    if (f.deptCodes) parts.push(f.deptCodes.length ? eb('dept_code', 'in', f.deptCodes) : eb.lit(false));
    if (f.level !== undefined) parts.push(eb('level', '=', f.level));
    if (f.userid !== undefined) parts.push(eb('userid', '=', f.userid));
    // Categories are a JSON array of strings: match the quoted name inside it.
    if (f.category !== undefined) parts.push(sql<boolean>`categories like ${`%${likeEscape(JSON.stringify(f.category))}%`} escape '\\'`);
    if (f.keyword !== undefined) {
      const k = likeEscape(f.keyword.toLowerCase());
      parts.push(
        eb.or([
          sql<boolean>`lower(name) like ${`%${k}%`} escape '\\'`,
          sql<boolean>`phone_raw like ${`%${k}%`} escape '\\'`,
          sql<boolean>`phone_e164 like ${`%${k}%`} escape '\\'`,
          sql<boolean>`email_key like ${`${k}%`} escape '\\'`,
          sql<boolean>`work_number_key like ${`${k}%`} escape '\\'`,
        ]),
      );
    }
    return eb.and(parts);
  }

  return {
    async page(companyId, filter, afterSeq, limit, now) {
      const rows = await db
        .selectFrom('employees')
        .selectAll()
        .where((eb) => where(eb, companyId, filter, now))
        .where('seq', '>', afterSeq)
        .orderBy('seq')
        .limit(limit)
        .execute();
      return rows.map((r) => employeeRowToEmployee(r, cipher));
    },
    async count(companyId, filter, now) {
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
