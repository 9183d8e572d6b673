/**
 * Issue 6 item 10: a captured data-changing benefits call is accepted once. Its sign is remembered in
 * the store for as long as its timestamp could be accepted (±300 s), so a replay — after a restore,
 * or to another process on the same store — is refused with 1000210002; reads are not remembered,
 * and a refused call's sign stays spent too. Remembered signs are swept.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config/load.js';
import { buildContainer } from '../../src/container.js';
import { buildServer } from '../../src/edge/http/server.js';
import { openDatabase, type OpenedDatabase } from '../../src/storage/sql/dialects.js';
import { testDatabases } from '../support/databases.js';
import { useRoster } from '../support/roster.js';
import { docsPost, docsToken } from './support/docs-style.js';
import { post } from './support/wire.js';
import { newEnterprise, seedExampleSetup, uniqueId, uniqueMobile, type Enterprise } from './support/world.js';

const REPLAYED = { code: 1000210002, msg: 'sign check failed!: sign was used already: a call that changes data is accepted once', data: null };

for (const db of testDatabases()) {
  describe(`benefits replays (${db.name})`, () => {
    const ctx = useRoster(db);
    let ent: Enterprise;
    let raw: OpenedDatabase;
    let token = '';
    /** A restore signed the docs' way: another sign than the SDK's resign of the same userid in the same second. */
    const restore = async (userid: string) => (await docsPost(ctx().baseUrl, '/employee/restore', token, ent.app, { userid })).body.code;
    const hire = async () => {
      const userid = uniqueId();
      expect((await ent.sdk.call('/employee/add', { userid, name: '员工', mobile: uniqueMobile() })).body.code).toBe(0);
      return userid;
    };
    const serving = async (userid: string) => (await ctx().c.store.repos.employees(ent.company.companyId).getByUserid(userid))?.resignAt === null;

    beforeAll(async () => {
      ent = await newEnterprise(ctx().c, ctx().baseUrl);
      await seedExampleSetup(ctx().c, ent.company.companyId);
      token = await docsToken(ctx().baseUrl, ent.app);
      raw = await openDatabase({ dataDir: ctx().dataDir, databaseUrl: ctx().databaseUrl, durability: 'process' });
    });
    afterAll(async () => {
      await raw?.db.destroy();
    });

    it('refuses a captured /employee/resign replayed after a restore; the employee stays serving', async () => {
      const userid = await hire();
      const captured = await ent.sdk.prepare('/employee/resign', { userid });
      expect((await ent.sdk.send(captured)).body.code).toBe(0);
      expect(await restore(userid)).toBe(0);
      expect((await ent.sdk.send(captured)).body).toEqual(REPLAYED);
      // The sign compares without case, as the sign check does.
      const shouted = { ...captured, url: captured.url.replace(/sign=([0-9a-f]+)/, (_m, s: string) => `sign=${s.toUpperCase()}`) };
      expect((await ent.sdk.send(shouted)).body).toEqual(REPLAYED);
      expect(await serving(userid)).toBe(true);
    });

    it('refuses the replay in a second process on the same store (the memory is in the store)', async () => {
      const userid = await hire();
      const captured = await ent.sdk.prepare('/employee/resign', { userid });
      expect((await ent.sdk.send(captured)).body.code).toBe(0);
      expect(await restore(userid)).toBe(0);
      const config = loadConfig({}, { dataDir: ctx().dataDir, databaseUrl: ctx().databaseUrl, logLevel: 'silent', defaultRateLimit: 0, port: 0 });
      const second = await buildContainer(config);
      const server = await buildServer(second);
      try {
        const baseUrl = await server.listen({ port: 0, host: '127.0.0.1' });
        const elsewhere = captured.url.replace(ctx().baseUrl, baseUrl);
        expect((await post(elsewhere, captured.body)).body).toEqual(REPLAYED);
      } finally {
        await server.close();
        await second.close();
      }
      expect(await serving(userid)).toBe(true);
    });

    it('refuses a captured resign sent to /employee/restore (the path is not signed: a sign is spent by any data-changing call)', async () => {
      const userid = await hire();
      const captured = await ent.sdk.prepare('/employee/resign', { userid });
      expect((await ent.sdk.send(captured)).body.code).toBe(0);
      const retargeted = { ...captured, url: captured.url.replace('/employee/resign', '/employee/restore') };
      expect((await ent.sdk.send(retargeted)).body).toEqual(REPLAYED);
      expect(await serving(userid)).toBe(false);
    });

    it('refuses replays of every data-changing call, department ones included', async () => {
      const userid = await hire();
      const code = uniqueId('D');
      const calls = [
        await ent.sdk.prepare('/employee/update', { userid, remark: 'once' }),
        await ent.sdk.prepare('/department/add', { dept_code: code, name: code }),
      ];
      for (const call of calls) expect((await ent.sdk.send(call)).body.code).toBe(0);
      const more = [await ent.sdk.prepare('/department/update', { dept_code: code, name: `${code}x` }), await ent.sdk.prepare('/employee/restore', { userid })];
      for (const call of more) expect((await ent.sdk.send(call)).body.code).toBe(0);
      const remove = await ent.sdk.prepare('/department/delete', { dept_code: code });
      expect((await ent.sdk.send(remove)).body.code).toBe(0);
      const add = await ent.sdk.prepare('/employee/add', { userid: uniqueId(), name: 'n', mobile: uniqueMobile() });
      expect((await ent.sdk.send(add)).body.code).toBe(0);
      for (const call of [...calls, ...more, remove, add]) expect((await ent.sdk.send(call)).body).toEqual(REPLAYED);
    });

    it('answers a repeated read every time', async () => {
      const userid = await hire();
      const read = await ent.sdk.prepare('/employee/get', { userid });
      for (let i = 0; i < 3; i++) expect((await ent.sdk.send(read)).body.code).toBe(0);
    });

    it('keeps the sign of a call refused for a business reason spent: replayed once the reason is gone, it is still refused', async () => {
      const userid = await hire();
      const refused = await ent.sdk.prepare('/employee/update', { userid, dept_code: 'LATER' });
      expect((await ent.sdk.send(refused)).body.code).toBe(1000220010);
      const addDept = await ent.sdk.prepare('/department/add', { dept_code: 'LATER', name: 'Later' });
      expect((await ent.sdk.send(addDept)).body.code).toBe(0);
      expect((await ent.sdk.send(refused)).body).toEqual(REPLAYED);
      const get = await ent.sdk.prepare('/employee/get', { userid });
      expect((await ent.sdk.send(get)).body.data).not.toMatchObject({ dept_code: 'LATER' });
    });

    it('sweeps remembered signs once their window is over', async () => {
      await hire();
      const count = async () => Number((await raw.db.selectFrom('benefits_signs').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n);
      expect(await count()).toBeGreaterThan(0);
      await ctx().c.store.repos.credentials.sweepExpired(Date.now() + 302_000);
      expect(await count()).toBe(0);
    });
  });
}
