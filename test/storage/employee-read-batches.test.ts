import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql } from 'kysely';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { blankEmployee } from '../../src/domain/employee.js';
import { EMPLOYEE_READ_BATCH_SQL, USERID_READ_BATCH_SQL } from '../../src/storage/sql/employee-read-batches.js';
import { createDataCipher } from '../../src/storage/crypto/data-cipher.js';
import { openDatabase, type OpenedDatabase } from '../../src/storage/sql/dialects.js';
import { migrateToLatest } from '../../src/storage/sql/migrate.js';
import { createSqlStore, type SqlStore } from '../../src/storage/sql/store.js';
import { freshPostgresDatabase, testDatabases } from '../support/databases.js';

/**
 * On PostgreSQL the one-employee reads of concurrent requests (IoT get and every answer that shows one
 * employee) go to the server as one statement. What callers rely on is unchanged: each read answers
 * its own employee of its own company with the department's name, a company never sees another's
 * employee under the same id, a missing one is undefined, and a key the server refuses fails only
 * the read that brought it.
 */
const postgres = testDatabases().find((d) => d.name === 'postgres');

describe.skipIf(!postgres)('batched employee reads (postgres)', () => {
  let store: SqlStore;
  let opened: OpenedDatabase;
  let url: string;
  let cleanup = async () => {};
  // Every statement a pg client sends, counted here (the store's pool clients included).
  let statements = 0;
  const originalQuery = pg.Client.prototype.query;

  beforeAll(async () => {
    const fresh = await freshPostgresDatabase(postgres!.databaseUrl!);
    url = fresh.url;
    const dataDir = mkdtempSync(join(tmpdir(), 'roster-reads-'));
    opened = await openDatabase({ dataDir, databaseUrl: fresh.url, durability: 'process' });
    await migrateToLatest(opened.db);
    store = createSqlStore(opened.db, createDataCipher(Buffer.alloc(32, 7)), { batchSightings: true, batchDb: opened.batchDb });
    pg.Client.prototype.query = function counted(this: pg.Client, ...args: unknown[]) {
      statements++;
      return (originalQuery as (...a: unknown[]) => unknown).apply(this, args);
    } as typeof originalQuery;
    cleanup = async () => {
      pg.Client.prototype.query = originalQuery;
      await store.close();
      await fresh.drop();
      rmSync(dataDir, { recursive: true, force: true });
    };
    // Two companies whose employees share ids 0–49; A's are in department D1 (named per company).
    for (const companyId of ['co-a', 'co-b']) {
      await store.repos.tenants.insertCompany({
        companyId, companyName: companyId, mainPk: '1', mainIdentityId: null, mainEmployeeId: null,
        kind: 'enterprise', parentCompanyId: null, enterpriseCode: null, employeeCount: 50, createdAt: 1,
      });
      await store.repos.setup(companyId).insertDepartment({
        companyId, deptCode: 'D1', name: `dept of ${companyId}`, parentCode: null, status: 1, managerUserid: null, isRoot: false,
      });
      for (let i = 0; i < 50; i++) {
        await store.repos.employees(companyId).insert(
          blankEmployee({
            companyId, employeeId: `e${i}`, seq: i + 1, identityId: `${companyId}-id${i}`, accountId: `${companyId}-acc${i}`,
            name: `${companyId} employee ${i}`, createdAt: 1, deptCode: companyId === 'co-a' ? 'D1' : null, userid: `u${i}`,
          }),
          null,
        );
      }
    }
  });
  afterAll(() => cleanup());

  it('answers 300 concurrent reads across two companies, each its own employee, in far fewer statements', async () => {
    const asks = Array.from({ length: 300 }, (_, i) => ({ companyId: i % 2 ? 'co-b' : 'co-a', employeeId: `e${i % 60}` }));
    const before = statements;
    const found = await Promise.all(asks.map((a) => store.repos.employees(a.companyId).getWithDepartmentName(a.employeeId)));
    const sent = statements - before;
    asks.forEach((a, i) => {
      const n = Number(a.employeeId.slice(1));
      if (n >= 50) return expect(found[i]).toBeUndefined();
      expect(found[i]?.employee).toMatchObject({ companyId: a.companyId, employeeId: a.employeeId, name: `${a.companyId} employee ${n}` });
      expect(found[i]?.departmentName).toBe(a.companyId === 'co-a' ? 'dept of co-a' : null);
    });
    expect(sent).toBeGreaterThan(0);
    expect(sent).toBeLessThan(30);
  });

  it('answers 300 concurrent lookups by userid across two companies, each its own employee, in far fewer statements', async () => {
    const asks = Array.from({ length: 300 }, (_, i) => ({ companyId: i % 2 ? 'co-b' : 'co-a', userid: `u${i % 60}` }));
    const before = statements;
    const found = await Promise.all(asks.map((a) => store.repos.employees(a.companyId).getByUserid(a.userid)));
    const sent = statements - before;
    asks.forEach((a, i) => {
      const n = Number(a.userid.slice(1));
      if (n >= 50) return expect(found[i]).toBeUndefined();
      expect(found[i]).toMatchObject({ companyId: a.companyId, employeeId: `e${n}`, userid: a.userid });
    });
    expect(sent).toBeGreaterThan(0);
    expect(sent).toBeLessThan(30);
  });

  it('answers one read alone at once, and a read inside a transaction on its own connection', async () => {
    expect((await store.repos.employees('co-a').getWithDepartmentName('e7'))?.employee.identityId).toBe('co-a-id7');
    const inside = await store.transaction((repos) => repos.employees('co-b').getWithDepartmentName('e7'));
    expect(inside?.employee.identityId).toBe('co-b-id7');
    expect(await store.repos.employees('co-c').getWithDepartmentName('e7')).toBeUndefined();
  });

  it('fails only the read whose key the server refuses, not the others of its batch', async () => {
    // PostgreSQL text cannot hold NUL (22021): the first read goes alone, the next four share a batch.
    const ids = ['e1', 'e2', 'bad\u0000id', 'e3', 'e60'];
    const outcomes = await Promise.allSettled(ids.map((id) => store.repos.employees('co-a').getWithDepartmentName(id)));
    expect(outcomes.map((o) => (o.status === 'fulfilled' ? (o.value?.employee.employeeId ?? 'none') : 'failed'))).toEqual([
      'e1', 'e2', 'failed', 'e3', 'none',
    ]);
    expect((await store.repos.employees('co-a').getWithDepartmentName('e4'))?.employee.employeeId).toBe('e4');
  });

  it('reads each employee of a batch through its primary key (employees_pk) or userid index, with the plan a prepared statement gets too', async () => {
    const client = new pg.Client({ connectionString: url });
    await client.connect();
    try {
      await client.query(`insert into employees (company_id, employee_id, seq, identity_id, account_id, name, created_at, updated_at)
        select 'co-big', 'e' || g, g, 'i' || g, 'a' || g, 'n' || g, 0, 0 from generate_series(1, 20000) g`);
      await client.query('analyze employees');
      await client.query(`update employees set userid = 'u' || seq where company_id = 'co-big'`);
      await client.query('analyze employees');
      await client.query(`prepare batch_read(text[], text[]) as ${EMPLOYEE_READ_BATCH_SQL}`);
      await client.query(`prepare userid_read(text[], text[]) as ${USERID_READ_BATCH_SQL}`);
      const reads = [
        { execute: `execute batch_read('{co-big,co-big,co-a}', '{e5,e19999,e1}')`, index: 'employees_pk' },
        { execute: `execute userid_read('{co-big,co-big,co-a}', '{u5,u19999,u1}')`, index: 'employees_userid_uq' },
      ];
      for (const mode of ['force_custom_plan', 'force_generic_plan']) {
        await client.query(`set plan_cache_mode = ${mode}`);
        for (const read of reads) {
          const { rows } = await client.query(`explain (analyze, format json) ${read.execute}`);
          const nodes: Array<Record<string, unknown>> = [];
          const walk = (node: Record<string, unknown>) => {
            nodes.push(node);
            for (const child of (node.Plans as Array<Record<string, unknown>> | undefined) ?? []) walk(child);
          };
          walk(rows[0]['QUERY PLAN'][0].Plan);
          const onEmployees = nodes.filter((n) => n['Relation Name'] === 'employees');
          expect(onEmployees.map((n) => n['Node Type']), `${mode} ${read.index}`).toEqual(['Index Scan']);
          expect(onEmployees[0]!['Index Name'], mode).toBe(read.index);
          expect(rows[0]['QUERY PLAN'][0].Plan['Actual Rows'], mode).toBe(3);
        }
      }
    } finally {
      await client.end();
    }
  });

  it('runs the batches on sessions that plan each statement once, and never JIT-compiles on either pool', async () => {
    const setting = async (db: typeof opened.db, name: string) =>
      (await sql<Record<string, string>>`select current_setting(${name}) as v`.execute(db)).rows[0]!.v;
    expect(opened.batchDb).toBeDefined();
    expect(await setting(opened.batchDb!, 'plan_cache_mode')).toBe('force_generic_plan');
    expect(await setting(opened.db, 'plan_cache_mode')).toBe('auto');
    expect(await setting(opened.batchDb!, 'jit')).toBe('off');
    expect(await setting(opened.db, 'jit')).toBe('off');
  });
});
