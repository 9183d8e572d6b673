/** The siblings of add (notes §5): update, get, batchGet, resign and restore, same sign and rules. */
import { beforeAll, describe, expect, it } from 'vitest';
import { testDatabases } from '../support/databases.js';
import { useRoster } from '../support/roster.js';
import { docsPost, docsToken } from './support/docs-style.js';
import { newEnterprise, secondAheadSdk, seedExampleSetup, uniqueId, uniqueMobile, type Enterprise } from './support/world.js';

type Shown = Record<string, unknown>;

for (const db of testDatabases()) {
  describe(`benefits employee lifecycle (${db.name})`, () => {
    const ctx = useRoster(db);
    let ent: Enterprise;
    const call = (path: string, request: Record<string, unknown>) => ent.sdk.call(path, request);
    const get = async (request: Record<string, unknown>) => (await call('/employee/get', request)).body;

    /** Adds an employee with a mobile, an email and a work number; returns them. */
    async function hire(extra: Record<string, unknown> = {}) {
      const person = { userid: uniqueId(), code: uniqueId('C'), mobile: uniqueMobile(), email: `${uniqueId()}@example.com`, name: '员工', ...extra };
      const reply = await call('/employee/add', person);
      expect(reply.body.code).toBe(0);
      return person;
    }

    beforeAll(async () => {
      ent = await newEnterprise(ctx().c, ctx().baseUrl);
      await seedExampleSetup(ctx().c, ent.company.companyId);
    });

    it('get finds one employee by userid, work number (corp_code), mobile (+area) or email', async () => {
      const p = await hire({ mobile: `+86 ${uniqueMobile()}` });
      const byUserid = (await get({ userid: p.userid })).data as Shown;
      expect(byUserid).toMatchObject({ userid: p.userid, corp_code: p.code, email: p.email, mobile_area: 86, dept_code: 'ROOT', status: 1 });
      expect(byUserid.time_created).toMatch(/^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}$/);
      const national = String(byUserid.mobile);
      for (const by of [{ corp_code: p.code.toLowerCase() }, { mobile: national }, { mobile: national, mobile_area: 86 }, { email: p.email.toUpperCase() }]) {
        expect(((await get(by)).data as Shown).userid).toBe(p.userid);
      }
    });

    it('get: nothing to look up is 1000220002; nobody found is 1000220096', async () => {
      expect((await get({})).code).toBe(1000220002);
      expect(await get({ userid: 'nobody' })).toEqual({ code: 1000220096, msg: '该用户ID对应员工不存在', data: null });
      expect((await get({ mobile: uniqueMobile() })).code).toBe(1000220096);
      expect((await get({ mobile: uniqueMobile(), mobile_area: 999 })).code).toBe(1002219069);
    });

    it('update changes the sent fields only, with the same rules as add', async () => {
      const p = await hire({ level: '金丹', category: ['帅哥组'], birth_day: '1990-01-02', remark: 'keep' });
      const update = (request: Record<string, unknown>) => call('/employee/update', { userid: p.userid, ...request });
      expect((await update({ name: '新名字', dept_code: 'A001', gender: 2 })).body).toEqual({ code: 0, data: p.userid, msg: 'OK' });
      expect((await get({ userid: p.userid })).data).toMatchObject({ name: '新名字', dept_code: 'A001', dept_name: '研发部', gender: 2, remark: 'keep', level: '金丹' });
      expect((await update({ level: '元婴' })).body.code).toBe(1000220030);
      expect((await update({ entry_day: '2016-02-30' })).body.code).toBe(1000220002);
      expect((await call('/employee/update', { userid: 'nobody', name: 'x' })).body.code).toBe(1000220096);
    });

    it('update: #default# (and an empty level or category) clears; other empty values change nothing', async () => {
      const p = await hire({ level: '金丹', category: ['帅哥组'], birth_day: '1990-01-02', entry_day: '2020-01-01', remark: 'kept' });
      const token = await docsToken(ctx().baseUrl, ent.app);
      const reply = await docsPost(ctx().baseUrl, '/employee/update', token, ent.app, { userid: p.userid, level: '', category: '#default#', birth_day: '#default#', remark: '', entry_day: '' });
      expect(reply.body.code).toBe(0);
      expect((await get({ userid: p.userid })).data).toMatchObject({ level: null, category: [], birth_day: null, entry_day: '2020-01-01', remark: 'kept' });
    });

    it('update: a mobile or email someone else holds is refused; attributes merge by code', async () => {
      const a = await hire();
      const b = await hire();
      expect((await call('/employee/update', { userid: b.userid, mobile: a.mobile })).body.code).toBe(1002218007);
      expect((await call('/employee/update', { userid: b.userid, email: a.email })).body.code).toBe(1002218004);
      const attr = (attributeCode: string, attributeValue: string) => ({ attributeCode, attributeValue });
      await call('/employee/update', { userid: b.userid, employee_attribute: [attr('politicalVisage', '群众'), attr('contractNature', '正式员工')] });
      await call('/employee/update', { userid: b.userid, employee_attribute: [attr('contractNature', '实习生')] });
      const stored = await ctx().c.store.repos.employees(ent.company.companyId).getByUserid(b.userid);
      expect(stored?.attributes).toEqual([attr('politicalVisage', '群众'), attr('contractNature', '实习生')]);
    });

    it('update: a new mobile_area re-reads the stored number; a foreign one needs its own', async () => {
      const p = await hire();
      expect((await call('/employee/update', { userid: p.userid, mobile_area: 44 })).body.code).toBe(1000220002);
      expect((await call('/employee/update', { userid: p.userid, mobile_area: 1, mobile: '2025550199' })).body.code).toBe(0);
      expect((await get({ userid: p.userid })).data).toMatchObject({ mobile_area: 1, mobile: '2025550199' });
    });

    it('batchGet pages every employee with totalCount and dataList', async () => {
      await hire();
      const page1 = (await call('/employee/batchGet', { page_index: 1, page_size: 2 })).body.data as { totalCount: number; dataList: Shown[] };
      expect(page1.totalCount).toBeGreaterThanOrEqual(3);
      expect(page1.dataList).toHaveLength(2);
      const all = (await call('/employee/batchGet', { page_size: 100 })).body.data as { totalCount: number; dataList: Shown[] };
      expect(all.dataList).toHaveLength(all.totalCount);
      expect(new Set(all.dataList.map((e) => e.userid)).size).toBe(all.totalCount);
      expect((await call('/employee/batchGet', { page_size: 101 })).body.code).toBe(1000220002);
      expect((await call('/employee/batchGet', { page_index: 0 })).body.code).toBe(1000220002);
    });

    it('resign hides the employee from get (在职 only) until restore', async () => {
      const p = await hire();
      expect((await call('/employee/resign', { userid: p.userid })).body).toEqual({ code: 0, data: p.userid, msg: 'OK' });
      expect((await get({ userid: p.userid })).code).toBe(1000220096);
      const listed = (await call('/employee/batchGet', { page_size: 100 })).body.data as { dataList: Shown[] };
      expect(listed.dataList.find((e) => e.userid === p.userid)?.status).toBe(2);
      // The mobile stays taken while resigned: it is still the same person.
      expect((await call('/employee/add', { userid: uniqueId(), name: 'x', mobile: p.mobile })).body.code).toBe(1002218007);
      expect((await secondAheadSdk(ent).call('/employee/restore', { userid: p.userid })).body).toEqual({ code: 0, data: p.userid, msg: 'OK' });
      expect((await get({ userid: p.userid })).data).toMatchObject({ userid: p.userid, status: 1 });
    });

    it('resign_time schedules the resignation; a malformed one is 1000220002', async () => {
      const p = await hire();
      expect((await call('/employee/resign', { userid: p.userid, resign_time: '2999-01-01 00:00:00' })).body.code).toBe(0);
      expect((await get({ userid: p.userid })).code).toBe(0);
      expect((await call('/employee/resign', { userid: p.userid, resign_time: '2999-01-01' })).body.code).toBe(1000220002);
      expect((await call('/employee/resign', { userid: p.userid, resign_time: '2020-02-30 10:00:00' })).body.code).toBe(1000220002);
      expect((await call('/employee/resign', { userid: 'nobody' })).body.code).toBe(1000220096);
      // Same params as the refused resign, so another second's timestamp: its sign stays spent.
      expect((await secondAheadSdk(ent).call('/employee/restore', { userid: 'nobody' })).body.code).toBe(1000220096);
    });
  });
}
