import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { describe, expect, it } from 'vitest';
import { openDatabase } from '../../src/storage/sql/dialects.js';
import { migrateToLatest } from '../../src/storage/sql/migrate.js';
import { freshPostgresDatabase, testDatabases } from '../support/databases.js';

const postgres = testDatabases().find((d) => d.name === 'postgres');

/** A server that drops Roster's idle connections (restart, failover, an operator) must not take Roster down. */
describe.skipIf(!postgres)('PostgreSQL connections lost while idle', () => {
  it('survives the server terminating its idle connections and carries on with new ones', async () => {
    const { url, drop } = await freshPostgresDatabase(postgres!.databaseUrl!);
    const dataDir = mkdtempSync(join(tmpdir(), 'roster-pg-'));
    const { db } = await openDatabase({ databaseUrl: url, dataDir, durability: 'process' });
    try {
      await migrateToLatest(db);
      await Promise.all([1, 2, 3].map(() => db.selectFrom('companies').select('company_id').execute()));

      const admin = new pg.Client({ connectionString: postgres!.databaseUrl! });
      await admin.connect();
      const { rowCount } = await admin.query(
        'select pg_terminate_backend(pid) from pg_stat_activity where datname = $1 and pid <> pg_backend_pid()',
        [new URL(url).pathname.slice(1)],
      );
      await admin.end();
      expect(rowCount).toBeGreaterThan(0);
      await new Promise((resolve) => setTimeout(resolve, 200));

      expect(await db.selectFrom('companies').select('company_id').execute()).toEqual([]);
    } finally {
      await db.destroy();
      await drop();
      rmSync(dataDir, { recursive: true, force: true });
    }
  });
});
