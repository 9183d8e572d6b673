import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql } from 'kysely';
import { afterAll, describe, expect, it } from 'vitest';
import { openDatabase, type OpenedDatabase } from '../../src/storage/sql/dialects.js';
import { migrateDown, migrateToLatest } from '../../src/storage/sql/migrate.js';
import { freshPostgresDatabase, testDatabases } from '../support/databases.js';

for (const target of testDatabases()) {
  describe(`migrations (${target.name})`, () => {
    const cleanups: Array<() => Promise<void>> = [];
    afterAll(async () => {
      for (const c of cleanups.reverse()) await c();
    });

    async function open(): Promise<OpenedDatabase> {
      const dataDir = mkdtempSync(join(tmpdir(), 'roster-mig-'));
      let databaseUrl: string | undefined;
      if (target.databaseUrl) {
        const fresh = await freshPostgresDatabase(target.databaseUrl);
        databaseUrl = fresh.url;
        cleanups.push(fresh.drop);
      }
      const opened = await openDatabase({ dataDir, databaseUrl, durability: 'process' });
      cleanups.push(async () => {
        await opened.db.destroy();
        rmSync(dataDir, { recursive: true, force: true });
      });
      return opened;
    }

    it('applies every migration once, keeps rows across a re-run, and rolls back cleanly', async () => {
      const { db } = await open();
      const applied = await migrateToLatest(db);
      expect(applied).toEqual(['0001_create_tenants', '0002_create_employees', '0003_create_enterprise_setup', '0004_create_credentials', '0006_benefits_hardening', '0011_create_batch_jobs', '0012_employee_deletions']);
      await db
        .insertInto('companies')
        .values({ company_id: 'C1', company_name: 'x', main_pk: '1', main_identity_id: null, main_employee_id: null, kind: 'enterprise', parent_company_id: null, enterprise_code: null, employee_count: 0, created_at: 1 })
        .execute();
      expect(await migrateToLatest(db)).toEqual([]);
      expect(await db.selectFrom('companies').select('company_id').execute()).toEqual([{ company_id: 'C1' }]);

      // Down through every step and back up: each down undoes exactly its own up.
      for (let i = 0; i < 7; i++) await migrateDown(db);
      await expect(sql`select count(*) from companies`.execute(db)).rejects.toThrow();
      expect(await migrateToLatest(db)).toHaveLength(7);
    });

    it('0006 counts the departments already below each root', async () => {
      const { db } = await open();
      await migrateToLatest(db);
      // Down past 0012 and 0011 to just before 0006.
      await migrateDown(db);
      await migrateDown(db);
      await migrateDown(db);
      const dept = (company_id: string, dept_code: string, is_root: number) => ({ company_id, dept_code, name: dept_code, parent_code: is_root ? null : 'ROOT', status: 1, manager_userid: null, is_root, created_at: 1 });
      await db.insertInto('departments').values([dept('C1', 'ROOT', 1), dept('C1', 'A', 0), dept('C1', 'B', 0), dept('C2', 'ROOT', 1)]).execute();
      expect(await migrateToLatest(db)).toEqual(['0006_benefits_hardening', '0011_create_batch_jobs', '0012_employee_deletions']);
      expect(await db.selectFrom('department_counts').selectAll().execute()).toEqual([{ company_id: 'C1', departments: 2 }]);
    });
  });
}
