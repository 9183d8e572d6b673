import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import SQLite from 'better-sqlite3';
import { Kysely, PostgresDialect, SqliteDialect, type CompiledQuery } from 'kysely';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { newCompanyId } from '../../src/domain/ids.js';
import { createDataCipher } from '../../src/storage/crypto/data-cipher.js';
import { DELETION_BLOCK } from '../../src/storage/sql/employee-rank.js';
import { batchedEmployeeReads, LISTING_BATCH_SQL } from '../../src/storage/sql/employee-read-batches.js';
import { createEmployeeRepository } from '../../src/storage/sql/employee.repository.js';
import { migrateToLatest } from '../../src/storage/sql/migrate.js';
import type { Database } from '../../src/storage/sql/tables.js';
import { freshPostgresDatabase, testDatabases } from '../support/databases.js';

/**
 * A page of `querybycompanyid` must cost an index walk of `limit` rows whatever the page number: page 1
 * of a large company once made PostgreSQL read and sort the whole company (issue 13). The company is
 * built in SQL (no per-row round trips), then the exact page statement `listingAt` runs — the one
 * production runs, after its read of the block counters — is captured and explained.
 */
const EMPLOYEES = 200_000;
const cipher = createDataCipher(Buffer.alloc(32, 7));

/** Employees 1..n of `companyId` with dense seq, as many creates would leave them. */
const fillSql = (placeholder: (i: number) => string, series: string) => `
  insert into employees (company_id, employee_id, seq, identity_id, account_id, name, created_at, updated_at)
  select ${placeholder(1)}, 'e' || g, g, 'i' || g, 'a' || g, 'n' || g, 0, 0 from ${series}`;

interface Engine {
  db: Kysely<Database>;
  /** Statements the repository sent, in order. */
  sent: CompiledQuery[];
  cleanup(): Promise<void>;
}

/** The page statement of `listingAt(offset, limit)` (its first statement reads the block counters). */
async function repositoryQuery(engine: Engine, companyId: string, offset: number, limit: number) {
  engine.sent.length = 0;
  const page = await createEmployeeRepository(engine.db, companyId, cipher).listingAt(offset, limit);
  expect(page!.total).toBe(EMPLOYEES);
  expect(page!.employees.map((e) => e.seq)).toEqual(Array.from({ length: limit }, (_, i) => offset + 1 + i));
  expect(engine.sent.map((q) => /employee_deletions/.test(q.sql))).toEqual([true, false]);
  return engine.sent[1]!;
}

const pages = [10, 100].flatMap((size) => [
  { size, label: `page 1 at pageSize ${size}`, offset: 0 },
  { size, label: `the last page at pageSize ${size}`, offset: EMPLOYEES - size },
]);

for (const target of testDatabases()) {
  describe(`querybycompanyid listing plan on a ${EMPLOYEES.toLocaleString('en')}-employee company (${target.name})`, () => {
    const companyId = newCompanyId();
    let engine: Engine;
    let admin: pg.Client | undefined;
    let sqlite: SQLite.Database | undefined;

    beforeAll(async () => {
      const sent: CompiledQuery[] = [];
      const log = (event: { query: CompiledQuery }) => void sent.push(event.query);
      if (target.databaseUrl) {
        const fresh = await freshPostgresDatabase(target.databaseUrl);
        const pool = new pg.Pool({ connectionString: fresh.url, max: 2 });
        const db = new Kysely<Database>({ dialect: new PostgresDialect({ pool }), log });
        admin = new pg.Client({ connectionString: fresh.url });
        engine = { db, sent, cleanup: async () => (await admin!.end(), await db.destroy(), await fresh.drop()) };
      } else {
        const dir = mkdtempSync(join(tmpdir(), 'roster-plan-'));
        sqlite = new SQLite(join(dir, 'roster.sqlite'));
        const db = new Kysely<Database>({ dialect: new SqliteDialect({ database: sqlite }), log });
        engine = { db, sent, cleanup: async () => (await db.destroy(), rmSync(dir, { recursive: true, force: true })) };
      }
      await migrateToLatest(engine.db);
      await engine.db
        .insertInto('companies')
        .values({ company_id: companyId, company_name: 'Big', main_pk: '1', kind: 'enterprise', employee_count: EMPLOYEES, created_at: 1 } as never)
        .execute();
      if (admin) {
        await admin.connect();
        await admin.query(fillSql((i) => `$${i}`, 'generate_series(1, $2::int) g'), [companyId, EMPLOYEES]);
        await admin.query('analyze');
      } else {
        const series = `(with recursive s(g) as (select 1 union all select g + 1 from s where g < ?) select g from s)`;
        sqlite!.prepare(fillSql(() => '?', series)).run(companyId, EMPLOYEES);
        sqlite!.exec('analyze');
      }
    });
    afterAll(() => engine?.cleanup());

    if (target.name === 'postgres') {
      interface PlanNode {
        'Node Type': string;
        'Relation Name'?: string;
        'Index Name'?: string;
        'Actual Rows': number;
        Plans?: PlanNode[];
      }
      const nodes = (n: PlanNode): PlanNode[] => [n, ...(n.Plans ?? []).flatMap(nodes)];
      const explain = async (text: string, values: unknown[]) => {
        const { rows } = await admin!.query(`explain (analyze, buffers, format json) ${text}`, values);
        return (rows[0]['QUERY PLAN'] as [{ Plan: PlanNode }])[0].Plan;
      };
      /**
       * What the plan reads from employees: the start of the page found by an index-only walk of at
       * most one deletion block, then one ordered walk of the (company_id, seq) index, `limit` rows.
       */
      const expectIndexWalk = (plan: PlanNode, limit: number) => {
        const all = nodes(plan);
        const employeeReads = all.filter((n) => n['Relation Name'] === 'employees');
        expect(employeeReads.map((n) => [n['Node Type'], n['Index Name']]).sort()).toEqual([
          ['Index Only Scan', 'employees_seq_uq'],
          ['Index Scan', 'employees_seq_uq'],
        ]);
        const walk = employeeReads.find((n) => n['Node Type'] === 'Index Scan')!;
        const start = employeeReads.find((n) => n['Node Type'] === 'Index Only Scan')!;
        expect(walk['Actual Rows']).toBeLessThanOrEqual(limit);
        expect(start['Actual Rows']).toBeLessThanOrEqual(DELETION_BLOCK);
        expect(all.filter((n) => n['Node Type'] === 'Sort')).toEqual([]);
      };

      for (const { size, label, offset } of pages) {
        it(`walks the (company_id, seq) index for ${label}, reading only that page`, async () => {
          const query = await repositoryQuery(engine, companyId, offset, size);
          expectIndexWalk(await explain(query.sql, [...query.parameters]), size);
        });

        it(`keeps the index walk for ${label} under a generic plan (prepared statements)`, async () => {
          const query = await repositoryQuery(engine, companyId, offset, size);
          const name = `listing_${size}_${offset}`;
          await admin!.query(`prepare ${name} as ${query.sql}`);
          await admin!.query('set plan_cache_mode = force_generic_plan');
          try {
            const args = query.parameters.map((p) => (typeof p === 'string' ? admin!.escapeLiteral(p) : String(p)));
            expectIndexWalk(await explain(`execute ${name}(${args.join(', ')})`, []), size);
          } finally {
            await admin!.query(`reset plan_cache_mode; deallocate ${name}`);
          }
        });

        it(`walks the index for ${label} inside a batch of concurrent pages, and answers each its own rows`, async () => {
          const query = await repositoryQuery(engine, companyId, offset, size);
          const [, , , after, skip, limit] = query.parameters as [string, string, string, number, number, number];
          // This page batched with page 1 at size 10 (employee-read-batches.ts), under both plan modes.
          const batch = [`{${companyId},${companyId}}`, `{${after},0}`, `{${skip},0}`, `{${limit},10}`];
          await admin!.query(`prepare listing_batch_${size}_${offset}(text[], bigint[], bigint[], bigint[]) as ${LISTING_BATCH_SQL}`);
          try {
            for (const mode of ['force_custom_plan', 'force_generic_plan']) {
              await admin!.query(`set plan_cache_mode = ${mode}`);
              const args = batch.map((a) => admin!.escapeLiteral(a)).join(', ');
              expectIndexWalk(await explain(`execute listing_batch_${size}_${offset}(${args})`, []), size);
            }
          } finally {
            await admin!.query(`reset plan_cache_mode; deallocate listing_batch_${size}_${offset}`);
          }
          const reads = batchedEmployeeReads(engine.db);
          const [page, first] = await Promise.all([
            reads.listingPage(companyId, after, skip, limit),
            reads.listingPage(companyId, 0, 0, 10),
          ]);
          expect(page.map((r) => Number(r.seq))).toEqual(Array.from({ length: size }, (_, i) => offset + 1 + i));
          expect(first.map((r) => Number(r.seq))).toEqual(Array.from({ length: 10 }, (_, i) => i + 1));
          expect(Number(page[0]!.employee_count)).toBe(EMPLOYEES);
        });
      }
    } else {
      for (const { size, label, offset } of pages) {
        it(`walks the (company_id, seq) index for ${label} without sorting`, async () => {
          const query = await repositoryQuery(engine, companyId, offset, size);
          const plan = sqlite!
            .prepare(`explain query plan ${query.sql}`)
            .all(...(query.parameters as unknown[]))
            .map((r) => (r as { detail: string }).detail);
          expect(plan.filter((d) => / (employees|s) /.test(` ${d} `)).sort()).toEqual([
            expect.stringMatching(/^SEARCH employees USING INDEX employees_seq_uq \(company_id=\? AND seq>\?\)/),
            expect.stringMatching(/^SEARCH s USING COVERING INDEX employees_seq_uq \(company_id=\? AND seq>\?\)/),
          ]);
          expect(plan.filter((d) => /TEMP B-TREE/.test(d))).toEqual([]);
        });
      }
    }
  });
}
