import SQLite from 'better-sqlite3';
import type { CompiledQuery, Kysely } from 'kysely';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { EmployeeListFilter } from '../../src/domain/admin-ports.js';
import { newCompanyId } from '../../src/domain/ids.js';
import { createDataCipher } from '../../src/storage/crypto/data-cipher.js';
import { createEmployeeListRepository } from '../../src/storage/sql/employee-list.repository.js';
import type { Database } from '../../src/storage/sql/tables.js';
import { testDatabases } from '../support/databases.js';
import { openPlanDatabase } from './support/plan-database.js';

/**
 * The admin employee list's keyword (issue 8 §1) on a large company, by plan (no timings): a name
 * substring is found through the trigram index (SQLite FTS5 `trigram`, PostgreSQL pg_trgm GIN) and a
 * phone or email through the unique indexes — the IoT account search's own condition — never by a
 * walk over the company's rows. The company is built in SQL.
 */
const EMPLOYEES = 100_000;
const cipher = createDataCipher(Buffer.alloc(32, 7));

const fillSql = (placeholder: (i: number) => string, series: string) => `
  insert into employees (company_id, employee_id, seq, identity_id, account_id, name, phone_e164, email, email_key, created_at, updated_at)
  select ${placeholder(1)}, 'e' || g, g, 'i' || g, 'a' || g, 'n' || g, '+86139' || lpad(g::text, 8, '0'), 'm' || g || '@x.cn', 'm' || g || '@x.cn', 0, 0 from ${series}`;

for (const target of testDatabases()) {
  describe(`admin employee list keyword on a ${EMPLOYEES.toLocaleString('en')}-employee company (${target.name})`, () => {
    const companyId = newCompanyId();
    const sent: CompiledQuery[] = [];
    let db: Kysely<Database>;
    let cleanup: () => Promise<unknown>;
    let admin: pg.Client | undefined;
    let sqlite: SQLite.Database | undefined;

    beforeAll(async () => {
      ({ db, admin, sqlite, close: cleanup } = await openPlanDatabase(target, 'roster-admin-list-', sent));
      await db
        .insertInto('companies')
        .values({ company_id: companyId, company_name: 'Big', main_pk: '1', kind: 'enterprise', employee_count: EMPLOYEES, created_at: 1 } as never)
        .execute();
      if (admin) {
        await admin.connect();
        await admin.query(fillSql((i) => `$${i}`, 'generate_series(1, $2::int) g'), [companyId, EMPLOYEES]);
        await admin.query('analyze');
      } else {
        const series = `(with recursive s(g) as (select 1 union all select g + 1 from s where g < ?) select g from s)`;
        sqlite!.prepare(fillSql(() => '?', series).replace("lpad(g::text, 8, '0')", "substr('00000000' || g, -8)")).run(companyId, EMPLOYEES);
        sqlite!.exec('analyze');
      }
    }, 300_000);
    afterAll(() => cleanup?.());

    const repo = () => createEmployeeListRepository(db, cipher);
    const byName = (keyword: string): EmployeeListFilter => ({ status: 'all', keyword, keywordInNames: true });

    /** The statements of one call, with their plans. */
    async function plans(run: () => Promise<unknown>): Promise<string[]> {
      sent.length = 0;
      await run();
      const out: string[] = [];
      for (const q of sent) {
        if (admin) {
          const { rows } = await admin.query(`explain (analyze, format text) ${q.sql}`, [...q.parameters]);
          out.push(rows.map((r: Record<string, string>) => r['QUERY PLAN']!).join('\n'));
        } else {
          const details = sqlite!.prepare(`explain query plan ${q.sql}`).all(...(q.parameters as unknown[])).map((r) => (r as { detail: string }).detail);
          out.push(details.join('\n'));
        }
      }
      return out;
    }

    /** No statement walks the company: a name keyword reads the trigram index. */
    function expectIndexed(statements: string[], nameIndex: boolean): void {
      expect(statements.length).toBeGreaterThan(0);
      for (const text of statements) {
        if (admin) {
          expect(text).not.toMatch(/Seq Scan on employees|Index (Only )?Scan using employees_seq_uq/);
          if (nameIndex) expect(text).toMatch(/employees_name_trgm_ix/);
        } else {
          expect(text.split('\n').filter((d) => /^SCAN employees\b/.test(d) || /USING (COVERING )?INDEX employees_seq_uq/.test(d))).toEqual([]);
          if (nameIndex) expect(text).toMatch(/employees_name_fts/);
        }
      }
    }

    it('pages a name keyword through the trigram index, with cursors and the exact total', async () => {
      // n1234 is in n1234 and n12340…n12349 and nothing longer (100,000 is the last seq).
      const now = Date.now();
      expect((await repo().page(companyId, byName('N1234'), 0, 4, now)).map((e) => e.seq)).toEqual([1234, 12340, 12341, 12342]);
      expect((await repo().page(companyId, byName('n1234'), 12342, 100, now)).map((e) => e.seq)).toEqual([12343, 12344, 12345, 12346, 12347, 12348, 12349]);
      expect(await repo().count(companyId, byName('n1234'), now)).toBe(11);
      expectIndexed(await plans(() => repo().page(companyId, byName('n1234'), 0, 21, now)), true);
      expectIndexed(await plans(() => repo().page(companyId, byName('n1234'), 12342, 21, now)), true);
      expectIndexed(await plans(() => repo().count(companyId, byName('n1234'), now)), true);
    });

    it('counts everyone, the serving and the resigned exactly from the counters and the resigned index, never walking the company', async () => {
      const now = Date.now();
      // 3 resigned before now, 1 resigning in the future (still serving), everyone else serving.
      await db.updateTable('employees').set({ resign_at: now - 1000 }).where('company_id', '=', companyId).where('seq', 'in', [5, 500, 50_000]).execute();
      await db.updateTable('employees').set({ resign_at: now + 86_400_000 }).where('company_id', '=', companyId).where('seq', '=', 7).execute();
      try {
        expect(await repo().count(companyId, { status: 'all' }, now)).toBe(EMPLOYEES);
        expect(await repo().count(companyId, { status: 'resigned' }, now)).toBe(3);
        expect(await repo().count(companyId, { status: 'active' }, now)).toBe(EMPLOYEES - 3);
        // The rows agree.
        const rows = await db.selectFrom('employees').select(['seq', 'resign_at']).where('company_id', '=', companyId).execute();
        expect(rows).toHaveLength(EMPLOYEES);
        expect(rows.filter((r) => r.resign_at !== null && Number(r.resign_at) <= now)).toHaveLength(3);
        for (const status of ['all', 'resigned', 'active'] as const) {
          const statements = await plans(() => repo().count(companyId, { status }, now));
          expect(statements).toHaveLength(1);
          if (admin) {
            expect(statements[0]).not.toMatch(/Seq Scan on employees|employees_seq_uq/);
            expect(statements[0]).toMatch(/employees_resigned_ix/);
          } else {
            expect(statements[0]).not.toMatch(/SCAN employees\b|employees_seq_uq/);
            expect(statements[0]).toMatch(/employees_resigned_ix/);
          }
        }
      } finally {
        await db.updateTable('employees').set({ resign_at: null }).where('company_id', '=', companyId).execute();
      }
    });

    it('finds a phone or an email through their unique indexes, never walking the company', async () => {
      const now = Date.now();
      const phone: EmployeeListFilter = { status: 'all', keyword: '13900000042', keywordPhoneE164: '+8613900000042', keywordInNames: false };
      const email: EmployeeListFilter = { status: 'all', keyword: 'M777@x.cn', keywordInNames: false };
      expect((await repo().page(companyId, phone, 0, 21, now)).map((e) => e.seq)).toEqual([42]);
      expect((await repo().page(companyId, email, 0, 21, now)).map((e) => e.seq)).toEqual([777]);
      expectIndexed(await plans(() => repo().page(companyId, phone, 0, 21, now)), false);
      expectIndexed(await plans(() => repo().page(companyId, email, 0, 21, now)), false);
    });
  });
}
