import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql } from 'kysely';
import { afterAll, describe, expect, it } from 'vitest';
import { openDatabase, type OpenedDatabase } from '../../src/storage/sql/dialects.js';
import { MIGRATIONS, migrateDown, migrateToLatest } from '../../src/storage/sql/migrate.js';
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
      expect(applied).toEqual(Object.keys(MIGRATIONS));
      expect(applied.slice(0, 4)).toEqual(['0001_create_tenants', '0002_create_employees', '0003_create_enterprise_setup', '0004_create_credentials']);
      await db
        .insertInto('companies')
        .values({ company_id: 'C1', company_name: 'x', main_pk: '1', main_identity_id: null, main_employee_id: null, kind: 'enterprise', parent_company_id: null, enterprise_code: null, employee_count: 0, created_at: 1 })
        .execute();
      expect(await migrateToLatest(db)).toEqual([]);
      expect(await db.selectFrom('companies').select('company_id').execute()).toEqual([{ company_id: 'C1' }]);

      // Down through every step and back up: each down undoes exactly its own up.
      for (let i = 0; i < applied.length; i++) await migrateDown(db);
      await expect(sql`select count(*) from companies`.execute(db)).rejects.toThrow();
      expect(await migrateToLatest(db)).toEqual(applied);
    });

    it('0006 counts the departments already below each root', async () => {
      const { db } = await open();
      const applied = await migrateToLatest(db);
      // Down to just before 0006.
      const from0006 = applied.slice(applied.indexOf('0006_benefits_hardening'));
      for (let i = 0; i < from0006.length; i++) await migrateDown(db);
      const dept = (company_id: string, dept_code: string, is_root: number) => ({ company_id, dept_code, name: dept_code, parent_code: is_root ? null : 'ROOT', status: 1, manager_userid: null, is_root, created_at: 1 });
      await db.insertInto('departments').values([dept('C1', 'ROOT', 1), dept('C1', 'A', 0), dept('C1', 'B', 0), dept('C2', 'ROOT', 1)]).execute();
      expect(await migrateToLatest(db)).toEqual(from0006);
      expect(await db.selectFrom('department_counts').selectAll().execute()).toEqual([{ company_id: 'C1', departments: 2 }]);
    });
  });
}
