/**
 * Migration 0009 on both engines: employees made before it (dev-OA sign-ins, main accounts) get a
 * benefits userid and an OA link, so both doors reach them and their next sign-in finds them.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { openDatabase } from '../../src/storage/sql/dialects.js';
import { migrateDown, migrateToLatest } from '../../src/storage/sql/migrate.js';
import { freshPostgresDatabase, testDatabases } from '../support/databases.js';

for (const target of testDatabases()) {
  describe(`migration 0009 (${target.name})`, () => {
    const cleanups: Array<() => Promise<void>> = [];
    afterAll(async () => {
      for (const c of cleanups.reverse()) await c();
    });

    it('backfills userids (OA user id where free, else the employee id) and dev-OA links', async () => {
      const dataDir = mkdtempSync(join(tmpdir(), 'roster-m9-'));
      let databaseUrl: string | undefined;
      if (target.databaseUrl) {
        const fresh = await freshPostgresDatabase(target.databaseUrl);
        databaseUrl = fresh.url;
        cleanups.push(fresh.drop);
      }
      const { db } = await openDatabase({ dataDir, databaseUrl, durability: 'process' });
      cleanups.push(async () => {
        await db.destroy();
        rmSync(dataDir, { recursive: true, force: true });
      });
      const applied = await migrateToLatest(db);
      const from0009 = applied.slice(applied.indexOf('0009_create_oa_connectors_and_sessions'));
      for (let i = 0; i < from0009.length; i++) await migrateDown(db); // back to before 0009
      const row = (employeeId: string, seq: number, over: Record<string, unknown>) => ({
        company_id: 'C1', employee_id: employeeId, seq, identity_id: `i-${employeeId}`, account_id: `a-${employeeId}`, oa_user_id: null, userid: null,
        work_number: null, work_number_key: null, name: employeeId, login_name: null, phone_raw: null, phone_e164: null, mobile_area: null,
        email: null, email_key: null, avatar_url: null, is_admin: 0, is_main: 0, role_code: null, role_name: null, creator: null, modifier: null,
        gender: null, remark: null, dept_code: null, level: null, categories: null, birth_day: null, entry_day: null, card_type: null,
        card_no_enc: null, password_hash: null, attributes: null, cost_center_id: null, send_invite: 0, resign_at: null, created_at: 1, updated_at: 1,
        ...over,
      });
      await db
        .insertInto('employees')
        .values([
          row('main1', 1, { is_main: 1 }),
          row('oa1', 2, { oa_user_id: 'dev-alice' }),
          row('oa2', 3, { oa_user_id: 'taken' }),
          row('bf1', 4, { userid: 'taken' }),
        ] as never)
        .execute();
      expect(await migrateToLatest(db)).toEqual(from0009);
      const userids = await db.selectFrom('employees').select(['employee_id', 'userid']).orderBy('seq').execute();
      expect(userids).toEqual([
        { employee_id: 'main1', userid: 'main1' },
        { employee_id: 'oa1', userid: 'dev-alice' },
        { employee_id: 'oa2', userid: 'oa2' },
        { employee_id: 'bf1', userid: 'taken' },
      ]);
      const links = await db.selectFrom('employee_oa_links').select(['connector_id', 'subject', 'employee_id']).orderBy('subject').execute();
      expect(links).toEqual([
        { connector_id: 'dev', subject: 'dev-alice', employee_id: 'oa1' },
        { connector_id: 'dev', subject: 'taken', employee_id: 'oa2' },
      ]);
    });
  });
}
