import SQLite from 'better-sqlite3';
import type { CompiledQuery, Kysely } from 'kysely';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createAuditRepository } from '../../src/storage/sql/audit.repository.js';
import type { Database } from '../../src/storage/sql/tables.js';
import { testDatabases } from '../support/databases.js';
import { openPlanDatabase } from './support/plan-database.js';

/**
 * Issue 8 §1: the audit log of every door is listed by actor (an app's AppKey) and by object (one
 * employee's history) through its indexes (migration 0015), by plan — not by walking every event of
 * the installation or the company. 50,000 events from 50 apps over 10,000 employees, built in SQL.
 */
const EVENTS = 50_000;
const COMPANY = 'C'.repeat(32);

const fillSql = (series: string, text: (expr: string) => string) => `
  insert into audit_events (event_id, company_id, actor_kind, actor_id, actor_name, action, object_type, object_id, changed_fields, at)
  select ${text('g')} || '-e', '${COMPANY}', 'app', ${text('100000000 + g % 50')}, 'app', 'updateEmployee', 'employee', 'emp' || ${text('g % 10000')}, '["name"]', 1700000000000 + g
  from ${series}`;

for (const target of testDatabases()) {
  describe(`audit log listing by actor and object (${target.name})`, () => {
    const sent: CompiledQuery[] = [];
    let db: Kysely<Database>;
    let cleanup: () => Promise<unknown>;
    let admin: pg.Client | undefined;
    let sqlite: SQLite.Database | undefined;

    beforeAll(async () => {
      ({ db, admin, sqlite, close: cleanup } = await openPlanDatabase(target, 'roster-audit-plan-', sent));
      if (admin) {
        await admin.connect();
        await admin.query(fillSql(`generate_series(1, ${EVENTS}) g`, (e) => `(${e})::text`));
        await admin.query('analyze audit_events');
      } else {
        const series = `(with recursive s(g) as (select 1 union all select g + 1 from s where g < ${EVENTS}) select g from s)`;
        sqlite!.exec(fillSql(series, (e) => `cast(${e} as text)`));
        sqlite!.exec('analyze');
      }
    }, 120_000);
    afterAll(() => cleanup?.());

    /** The plan of the one statement `list` sends. */
    async function planOf(filter: Parameters<ReturnType<typeof createAuditRepository>['list']>[0]): Promise<string> {
      sent.length = 0;
      const events = await createAuditRepository(db).list(filter, undefined, 20);
      expect(events.length).toBeGreaterThan(0);
      const q = sent[0]!;
      if (admin) {
        const { rows } = await admin.query(`explain ${q.sql}`, [...q.parameters]);
        return rows.map((r: Record<string, string>) => r['QUERY PLAN']!).join('\n');
      }
      return sqlite!.prepare(`explain query plan ${q.sql}`).all(...(q.parameters as unknown[])).map((r) => (r as { detail: string }).detail).join('\n');
    }

    it('lists an app’s events newest first through (actor_id, at, event_id)', async () => {
      const events = await createAuditRepository(db).list({ actorId: '100000007' }, undefined, 5);
      expect(events.map((e) => e.at)).toEqual([0, 1, 2, 3, 4].map((i) => 1700000000000 + EVENTS - 43 - 50 * i));
      for (const filter of [{ actorId: '100000007' }, { actorId: '100000007', companyId: COMPANY }]) {
        const plan = await planOf(filter);
        expect(plan).toMatch(/audit_events_actor_ix/);
        expect(plan).not.toMatch(/Seq Scan|^SCAN audit_events/m);
      }
    });

    it('lists an object’s history through (object_id, at, event_id)', async () => {
      const events = await createAuditRepository(db).list({ objectType: 'employee', objectId: 'emp42' }, undefined, 10);
      expect(events.map((e) => e.at)).toEqual([4, 3, 2, 1, 0].map((i) => 1700000000000 + 42 + 10_000 * i));
      for (const filter of [{ objectId: 'emp42' }, { objectType: 'employee', objectId: 'emp42', companyId: COMPANY }]) {
        const plan = await planOf(filter);
        expect(plan).toMatch(/audit_events_object_ix/);
        expect(plan).not.toMatch(/Seq Scan|^SCAN audit_events/m);
      }
    });
  });
}
