import SQLite from 'better-sqlite3';
import type { CompiledQuery, Kysely } from 'kysely';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { newCompanyId } from '../../src/domain/ids.js';
import { createDataCipher } from '../../src/storage/crypto/data-cipher.js';
import { DELETION_BLOCK } from '../../src/storage/sql/employee-rank.js';
import { createEmployeeRepository } from '../../src/storage/sql/employee.repository.js';
import type { Database } from '../../src/storage/sql/tables.js';
import { testDatabases } from '../support/databases.js';
import { openPlanDatabase } from './support/plan-database.js';

/**
 * Issue 9 §3–4 on a large company, by plan (no timings): after 10 % of it was deleted, any page is exact
 * and reads the block counters plus at most one block of the (company_id, seq) index; a key-word search
 * reads the trigram index (SQLite FTS5 `trigram`, PostgreSQL pg_trgm GIN) and the unique indexes, never
 * the whole company. The company is built in SQL; deletions are made as `erase` leaves them.
 */
const EMPLOYEES = 100_000;
const cipher = createDataCipher(Buffer.alloc(32, 7));
/** Every tenth employee (seq ≡ 3 mod 10) is deleted: 10 % of the company, in every block. */
const isDeleted = (seq: number) => seq % 10 === 3;

const fillSql = (placeholder: (i: number) => string, series: string) => `
  insert into employees (company_id, employee_id, seq, identity_id, account_id, name, phone_e164, email, email_key, created_at, updated_at)
  select ${placeholder(1)}, 'e' || g, g, 'i' || g, 'a' || g, 'n' || g, '+86139' || lpad(g::text, 8, '0'), 'm' || g || '@x.cn', 'm' || g || '@x.cn', 0, 0 from ${series}`;

for (const target of testDatabases()) {
  describe(`paging after deletions and key-word search on a ${EMPLOYEES.toLocaleString('en')}-employee company (${target.name})`, () => {
    const companyId = newCompanyId();
    const sent: CompiledQuery[] = [];
    let db: Kysely<Database>;
    let cleanup: () => Promise<unknown>;
    let admin: pg.Client | undefined;
    let sqlite: SQLite.Database | undefined;

    beforeAll(async () => {
      ({ db, admin, sqlite, close: cleanup } = await openPlanDatabase(target, 'roster-rank-', sent));
      await db
        .insertInto('companies')
        .values({ company_id: companyId, company_name: 'Big', main_pk: '1', kind: 'enterprise', employee_count: EMPLOYEES, created_at: 1 } as never)
        .execute();
      const deleteSql = 'delete from employees where company_id = $1 and seq % 10 = 3';
      const countSql = `insert into employee_deletions (company_id, block, deleted)
        select company_id, (seq - 1) / ${DELETION_BLOCK}, count(*) from employees where company_id = $1 and seq % 10 = 3 group by company_id, (seq - 1) / ${DELETION_BLOCK}`;
      const totalSql = `update companies set deleted_count = (select sum(deleted) from employee_deletions where company_id = $1) where company_id = $1`;
      if (admin) {
        await admin.connect();
        await admin.query(fillSql((i) => `$${i}`, 'generate_series(1, $2::int) g'), [companyId, EMPLOYEES]);
        for (const text of [countSql, deleteSql, totalSql]) await admin.query(text, [companyId]);
        await admin.query('analyze');
      } else {
        const series = `(with recursive s(g) as (select 1 union all select g + 1 from s where g < ?) select g from s)`;
        sqlite!.prepare(fillSql(() => '?', series).replace("lpad(g::text, 8, '0')", "substr('00000000' || g, -8)")).run(companyId, EMPLOYEES);
        for (const text of [countSql, deleteSql, totalSql]) sqlite!.prepare(text.replaceAll('$1', '@c')).run({ c: companyId });
        sqlite!.exec('analyze');
      }
    }, 300_000);
    afterAll(() => cleanup?.());

    const repo = () => createEmployeeRepository(db, companyId, cipher);
    const live = Array.from({ length: EMPLOYEES }, (_, i) => i + 1).filter((seq) => !isDeleted(seq));

    it('answers any page exactly, with the exact total', async () => {
      for (const [offset, size] of [[0, 10], [123, 100], [DELETION_BLOCK * 7 - 5, 20], [live.length - 10, 100], [live.length, 10]] as const) {
        const page = (await repo().listingAt(offset, size))!;
        expect(page.total).toBe(live.length);
        expect(page.employees.map((e) => e.seq)).toEqual(live.slice(offset, offset + size));
      }
    });

    /** Statements of one call, with their plans. */
    async function plans(run: () => Promise<unknown>): Promise<string[][]> {
      sent.length = 0;
      await run();
      const out: string[][] = [];
      for (const q of sent) {
        if (admin) {
          const { rows } = await admin.query(`explain (analyze, format text) ${q.sql}`, [...q.parameters]);
          out.push(rows.map((r: Record<string, string>) => r['QUERY PLAN']!));
        } else {
          out.push(sqlite!.prepare(`explain query plan ${q.sql}`).all(...(q.parameters as unknown[])).map((r) => (r as { detail: string }).detail));
        }
      }
      return out;
    }

    it('reads a page through the block counters and at most one block of the seq index, never the company', async () => {
      const [counters, page] = await plans(() => repo().listingAt(live.length - 50, 50));
      expect(counters!.join('\n')).toMatch(/employee_deletions/);
      const text = page!.join('\n');
      if (admin) {
        expect(text).not.toMatch(/Seq Scan on employees|Sort/);
        const rowsRead = [...text.matchAll(/Index Only Scan using employees_seq_uq on employees s .*actual time=\S+ rows=(\d+)/g)].map((m) => Number(m[1]));
        expect(rowsRead).toHaveLength(1);
        expect(rowsRead[0]).toBeLessThanOrEqual(DELETION_BLOCK);
      } else {
        expect(page!.filter((d) => /^SCAN (employees|s)\b/.test(d))).toEqual([]);
        expect(text).toMatch(/SEARCH s USING COVERING INDEX employees_seq_uq \(company_id=\? AND seq>\?\)/);
      }
    });

    it('finds by name substring, phone and email through indexes, never scanning the company', async () => {
      const search = (keyWord: string, phoneE164?: string) => repo().search({ keyWord, phoneE164 }, 0, 20);
      // n1234 is in n1234, n12340…n12349 (n12343 deleted) and nothing longer (100,000 is the last seq).
      expect((await search('n1234')).employees.map((e) => e.seq)).toEqual([1234, 12340, 12341, 12342, 12344, 12345, 12346, 12347, 12348, 12349]);
      expect((await search('n1234')).total).toBe(10);
      expect((await search('m777@X.CN')).employees.map((e) => e.seq)).toEqual([777]);
      expect((await search('13900000042', '+8613900000042')).employees.map((e) => e.seq)).toEqual([42]);
      for (const [keyWord, phone] of [['n12345', undefined], ['13900000042', '+8613900000042']] as const) {
        const statements = await plans(() => search(keyWord, phone));
        for (const plan of statements) {
          const text = plan.join('\n');
          if (admin) {
            expect(text).not.toMatch(/Seq Scan on employees/);
            if (keyWord.startsWith('n')) expect(text).toMatch(/employees_name_trgm_ix/);
          } else {
            expect(plan.filter((d) => /^SCAN employees\b/.test(d))).toEqual([]);
            expect(text).toMatch(/employees_name_fts/);
          }
        }
      }
    });
  });
}
