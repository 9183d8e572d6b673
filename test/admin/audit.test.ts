import { join } from 'node:path';
import SQLite from 'better-sqlite3';
import pg from 'pg';
import { describe, expect, it } from 'vitest';
import { uniqueMobile } from '../benefits/support/world.js';
import { testDatabases } from '../support/databases.js';
import { useAdmin } from './support.js';

const DAY = 86_400_000;

for (const db of testDatabases()) {
  describe(`admin audit log (${db.name})`, () => {
    let clock = Date.parse('2026-01-01T00:00:00Z');
    const ctx = useAdmin(db, { now: () => clock });

    it('records who changed what and which fields, never the values', async () => {
      const { call } = ctx();
      const company = (await call('POST', '/companies', { name: 'Audited' })).body;
      const cid = company.companyId;
      const e = (await call('POST', `/companies/${cid}/employees`, { name: 'Bo', mobile: uniqueMobile(), cardType: 1, cardNo: '11010519491231002X' })).body;
      clock += 1000;
      await call('PATCH', `/companies/${cid}/employees/${e.employeeId}`, { name: 'Bob', remark: 'secret remark' });
      clock += 1000;
      await call('POST', `/companies/${cid}/employees/${e.employeeId}/resign`);
      // A refused change records nothing.
      await call('POST', `/companies/${cid}/employees`, { name: 'X', deptCode: 'NOPE' });

      const events = (await call('GET', `/audit-events?companyId=${cid}`)).body.items;
      expect(events.map((x: { action: string }) => x.action)).toEqual(['resignEmployee', 'updateEmployee', 'createEmployee', 'createCompany']);
      expect(events[1]).toMatchObject({
        companyId: cid,
        actor: { kind: 'operator', name: 'tests' },
        objectType: 'employee',
        objectId: e.employeeId,
        changedFields: ['name', 'remark'],
        at: new Date(Date.parse('2026-01-01T00:00:01Z')).toISOString(),
      });
      expect(events[2].changedFields).toEqual(['cardNo', 'cardType', 'mobile', 'name']);
      const text = JSON.stringify(events);
      expect(text).not.toContain('11010519491231002X');
      expect(text).not.toContain('secret remark');
      expect(text).not.toContain('Bob');
    });

    it('commits a change with its event: when the event cannot be written, the change is not made either', async () => {
      const { call, dataDir, databaseUrl } = ctx();
      const cid = (await call('POST', '/companies', { name: 'Atomic' })).body.companyId;
      const e = (await call('POST', `/companies/${cid}/employees`, { name: 'Before', mobile: uniqueMobile() })).body;
      const app = (await call('POST', '/apps', { companyId: cid })).body.app;
      // The database refuses this company's events from now on (a full disk, a broken audit table).
      const refuse = async (on: boolean) => {
        if (databaseUrl) {
          const client = new pg.Client({ connectionString: databaseUrl });
          await client.connect();
          await client.query(on
            ? `CREATE FUNCTION refuse_audit() RETURNS trigger AS $$ BEGIN RAISE EXCEPTION 'audit refused'; END $$ LANGUAGE plpgsql;
               CREATE TRIGGER refuse_audit BEFORE INSERT ON audit_events FOR EACH ROW WHEN (NEW.company_id = '${cid}') EXECUTE FUNCTION refuse_audit()`
            : 'DROP TRIGGER refuse_audit ON audit_events; DROP FUNCTION refuse_audit()');
          await client.end();
        } else {
          const file = new SQLite(join(dataDir, 'roster.sqlite'));
          file.exec(on ? `CREATE TRIGGER refuse_audit BEFORE INSERT ON audit_events WHEN NEW.company_id = '${cid}' BEGIN SELECT RAISE(ABORT, 'audit refused'); END` : 'DROP TRIGGER refuse_audit');
          file.close();
        }
      };
      await refuse(true);
      try {
        expect((await call('PATCH', `/companies/${cid}/employees/${e.employeeId}`, { name: 'After' })).status).toBe(500);
        expect((await call('POST', `/companies/${cid}/employees`, { name: 'Nobody', userid: 'never-made' })).status).toBe(500);
        expect((await call('POST', `/apps/${app.appKey}/disable`)).status).toBe(500);
        expect((await call('PATCH', `/companies/${cid}`, { name: 'Renamed' })).status).toBe(500);
      } finally {
        await refuse(false);
      }
      expect((await call('GET', `/companies/${cid}/employees/${e.employeeId}`)).body.name).toBe('Before');
      expect((await call('GET', `/companies/${cid}/employees?userid=never-made`)).body.items).toEqual([]);
      expect((await call('GET', `/apps/${app.appKey}`)).body.disabled).toBe(false);
      expect((await call('GET', `/companies/${cid}`)).body.name).toBe('Atomic');
      const events = (await call('GET', `/audit-events?companyId=${cid}`)).body.items;
      expect(events.map((x: { action: string }) => x.action)).toEqual(['createApp', 'createEmployee', 'createCompany']);
    });

    it('filters by object, actor and time, and pages newest first', async () => {
      const { call, c } = ctx();
      const other = await c.admin.tokens.create({ name: 'other' });
      const cid = (await call('POST', '/companies', { name: 'Filtered' })).body.companyId;
      clock += 1000;
      const app = (await call('POST', '/apps', { companyId: cid }, other.token)).body.app;
      clock += 1000;
      await call('POST', `/apps/${app.appKey}/rotate-secret`, {}, other.token);
      const byObject = (await call('GET', `/audit-events?objectType=app&objectId=${app.appKey}`)).body.items;
      expect(byObject.map((x: { action: string }) => x.action)).toEqual(['rotateAppSecret', 'createApp']);
      expect(byObject.every((x: { companyId: string }) => x.companyId === cid)).toBe(true);
      const byActor = (await call('GET', `/audit-events?actorId=${other.tokenId}`)).body.items;
      expect(byActor).toHaveLength(2);
      const since = new Date(clock).toISOString();
      expect((await call('GET', `/audit-events?companyId=${cid}&since=${since}`)).body.items.map((x: { action: string }) => x.action)).toEqual(['rotateAppSecret']);
      const first = (await call('GET', `/audit-events?companyId=${cid}&limit=1`)).body;
      const second = (await call('GET', `/audit-events?companyId=${cid}&limit=1&cursor=${first.nextCursor}`)).body;
      expect([first.items[0].action, second.items[0].action]).toEqual(['rotateAppSecret', 'createApp']);
    });

    it('forgets events older than the retention setting (365 days by default)', async () => {
      const { call } = ctx();
      const cid = (await call('POST', '/companies', { name: 'Old' })).body.companyId;
      expect((await call('GET', `/audit-events?companyId=${cid}`)).body.items).toHaveLength(1);
      clock += 366 * DAY;
      await call('POST', '/companies', { name: 'New' });
      expect((await call('GET', `/audit-events?companyId=${cid}`)).body.items).toHaveLength(0);
    });
  });
}
