import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql, type Kysely } from 'kysely';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { blankEmployee } from '../../src/domain/employee.js';
import { newCompanyId, newOpaqueId } from '../../src/domain/ids.js';
import { createDataCipher } from '../../src/storage/crypto/data-cipher.js';
import { openDatabase } from '../../src/storage/sql/dialects.js';
import { createEmployeeRepository } from '../../src/storage/sql/employee.repository.js';
import { migrateToLatest } from '../../src/storage/sql/migrate.js';
import { createSqlStore } from '../../src/storage/sql/store.js';
import type { Database } from '../../src/storage/sql/tables.js';
import { freshPostgresDatabase, testDatabases } from '../support/databases.js';

/**
 * On PostgreSQL the store prepares each repeated statement once per connection (named statements),
 * instead of having the server parse and plan the same text on every request.
 */
const postgres = testDatabases().find((d) => d.name === 'postgres');
const cipher = createDataCipher(Buffer.alloc(32, 7));

describe.skipIf(!postgres)('named prepared statements (postgres)', () => {
  let db: Kysely<Database>;
  let url: string;
  let cleanup = async () => {};
  const companyId = newCompanyId();
  const employeeId = newOpaqueId();

  beforeAll(async () => {
    const fresh = await freshPostgresDatabase(postgres!.databaseUrl!);
    url = fresh.url;
    const dataDir = mkdtempSync(join(tmpdir(), 'roster-prepared-'));
    const opened = await openDatabase({ dataDir, databaseUrl: url, durability: 'process' });
    db = opened.db;
    await migrateToLatest(db);
    const store = createSqlStore(db, cipher);
    await store.repos.tenants.insertCompany({ companyId, companyName: 'Prepared Co', mainPk: '1', mainIdentityId: null, mainEmployeeId: null, kind: 'enterprise', parentCompanyId: null, enterpriseCode: null, employeeCount: 0, createdAt: 1 });
    await store.transaction(async (repos) => {
      const seq = await repos.tenants.nextEmployeeSeq(companyId);
      const e = blankEmployee({ companyId, employeeId, seq, identityId: newOpaqueId(), accountId: newOpaqueId(), name: 'Ada', createdAt: 1 });
      await repos.employees(companyId).insert(e, null);
    });
    cleanup = async () => {
      await db.destroy();
      await fresh.drop();
      rmSync(dataDir, { recursive: true, force: true });
    };
  });
  afterAll(() => cleanup());

  /** The statements prepared on the connection `conn` runs on, with how often each was executed. */
  const preparedOn = async (conn: Kysely<Database>) =>
    (
      await sql<{ statement: string; runs: number }>`select statement, (generic_plans + custom_plans)::int as runs from pg_prepared_statements`.execute(conn)
    ).rows;

  it('parses a repeated lookup once per connection and then only executes it', async () => {
    await db.connection().execute(async (conn) => {
      const employees = createEmployeeRepository(conn, companyId, cipher);
      for (let i = 0; i < 3; i++) expect((await employees.getById(employeeId))!.name).toBe('Ada');
      const lookups = (await preparedOn(conn)).filter((s) => s.statement.includes('"employee_id" = $2'));
      expect(lookups).toEqual([expect.objectContaining({ runs: 3 })]);
    });
  });

  it('keeps answering when a migration changes the columns of a table it reads with select *', async () => {
    await db.connection().execute(async (conn) => {
      const employees = createEmployeeRepository(conn, companyId, cipher);
      expect((await employees.getById(employeeId))!.name).toBe('Ada');
      // Another process (a newer Roster's migration) adds a column: the prepared `select *` no
      // longer describes the row, and PostgreSQL refuses to run it as prepared.
      const other = new pg.Client({ connectionString: url });
      await other.connect();
      try {
        await other.query('alter table employees add column prepared_test_extra integer');
      } finally {
        await other.end();
      }
      expect((await employees.getById(employeeId))!.name).toBe('Ada');
      expect((await employees.getById(employeeId))!.name).toBe('Ada');
    });
  });
});
