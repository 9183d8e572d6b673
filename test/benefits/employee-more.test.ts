/**
 * The SDK's other employee calls (notes "more endpoints" §3): updateMobile, getListByField,
 * getByDepartmentCode, getCountByDepartmentCode, attribute/get, syncSingleEmployee — wire shapes and
 * error codes, through the Java-SDK-shaped builder and the docs-style one.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { testDatabases } from '../support/databases.js';
import { useRoster } from '../support/roster.js';
import { docsPost, docsToken } from './support/docs-style.js';
import { docsGet } from './support/java-sdk-json.js';
import { newEnterprise, seedExampleSetup, uniqueId, uniqueMobile, withApp, type Enterprise } from './support/world.js';

type Shown = Record<string, unknown>;

for (const db of testDatabases()) {
  describe(`benefits more employee calls (${db.name})`, () => {
    const ctx = useRoster(db);
    let ent: Enterprise;
    const call = async (path: string, request: Record<string, unknown>) => (await ent.sdk.call(path, request)).body;
    const get = async (userid: string) => (await call('/employee/get', { userid })).data as Shown;

    async function hire(extra: Record<string, unknown> = {}) {
      const person = { userid: uniqueId(), code: uniqueId('C'), mobile: uniqueMobile(), name: '员工', ...extra };
      expect((await call('/employee/add', person)).code).toBe(0);
      return person;
    }

    beforeAll(async () => {
      ent = await newEnterprise(ctx().c, ctx().baseUrl);
      await seedExampleSetup(ctx().c, ent.company.companyId);
    });

    it('updateMobile changes the mobile only and answers the userid (by userid, or by code)', async () => {
      const p = await hire({ remark: 'kept', email: `${uniqueId()}@example.com` });
      const mobile = uniqueMobile();
      // The SDK's verified body: code, mobile_area (a String), mobile, userid, third_type.
      expect(await call('/employee/updateMobile', { code: p.code, mobile_area: '86', mobile, userid: p.userid, third_type: 5 })).toEqual({ code: 0, data: p.userid, msg: 'OK' });
      expect(await get(p.userid)).toMatchObject({ mobile, name: '员工', remark: 'kept', corp_code: p.code });
      const again = uniqueMobile();
      expect((await call('/employee/updateMobile', { code: p.code, mobile: again })).data).toBe(p.userid);
      expect((await get(p.userid)).mobile).toBe(again);
    });

    it('updateMobile: the checks and codes of /employee/update', async () => {
      const p = await hire();
      const other = await hire();
      expect(await call('/employee/updateMobile', { userid: p.userid, mobile: other.mobile })).toEqual({ code: 1002218007, msg: '会员:手机已存在', data: null });
      expect((await call('/employee/updateMobile', { userid: p.userid, mobile: '12345' })).code).toBe(1000220002);
      expect((await call('/employee/updateMobile', { userid: p.userid, mobile: uniqueMobile(), mobile_area: '999' })).code).toBe(1002219069);
      expect((await call('/employee/updateMobile', { userid: p.userid })).code).toBe(1000220002);
      expect((await call('/employee/updateMobile', { mobile: uniqueMobile() })).code).toBe(1000220002);
      expect((await call('/employee/updateMobile', { userid: p.userid, mobile: uniqueMobile(), third_type: 9 })).code).toBe(1000220002);
      expect((await call('/employee/updateMobile', { userid: 'nobody', mobile: uniqueMobile() })).code).toBe(1000220096);
      expect((await call('/employee/updateMobile', { code: 'NOBODY1', mobile: uniqueMobile() })).code).toBe(1000220096);
      expect((await get(p.userid)).mobile).toBe(p.mobile);
    });

    it('getListByField: a bare array of employees with their enterprise, by mobile (1) or work number (2)', async () => {
      const p = await hire({ dept_code: 'A001' });
      const byMobile = await call('/employee/getListByField', { field_type: 1, field_content: p.mobile });
      expect(byMobile.code).toBe(0);
      expect(byMobile.data).toEqual([
        expect.objectContaining({ userid: p.userid, corp_code: p.code, dept_code: 'A001', dept_name: '研发部', enterprise_name: ent.company.companyName, enterprise_code: null }),
      ]);
      expect(((await call('/employee/getListByField', { field_type: 2, field_content: p.code.toLowerCase() })).data as Shown[]).map((e) => e.userid)).toEqual([p.userid]);
      expect(await call('/employee/getListByField', { field_type: 1, field_content: uniqueMobile() })).toEqual({ code: 0, data: [], msg: 'OK' });
      expect((await call('/employee/getListByField', { field_type: 3, field_content: 'x' })).code).toBe(1000220002);
      expect((await call('/employee/getListByField', { field_content: 'x' })).code).toBe(1000220002);
      expect((await call('/employee/getListByField', { field_type: 1 })).code).toBe(1000220002);
    });

    it('getListByField searches every member enterprise of a group, each row naming its enterprise', async () => {
      const { c, baseUrl } = ctx();
      const group = await c.directory.createCompany({ name: `集团${uniqueId()}`, kind: 'group' });
      const members = await Promise.all(['M1', 'M2'].map((code) => c.directory.createCompany({ name: `成员${code}`, parentCompanyId: group.companyId, enterpriseCode: code })));
      const groupApp = await withApp(c, baseUrl, group);
      const mobile = uniqueMobile();
      for (const code of ['M1', 'M2']) {
        expect((await groupApp.sdk.call('/employee/add', { userid: `u-${code}`, name: code, mobile, enterprise_code: code })).body.code).toBe(0);
      }
      const found = (await groupApp.sdk.call('/employee/getListByField', { field_type: 1, field_content: mobile })).body.data as Shown[];
      expect(found.map((e) => [e.userid, e.enterprise_code, e.enterprise_name])).toEqual([
        ['u-M1', 'M1', members[0]!.companyName],
        ['u-M2', 'M2', members[1]!.companyName],
      ]);
      // An enterprise app sees its own enterprise only.
      expect(await call('/employee/getListByField', { field_type: 1, field_content: mobile })).toEqual({ code: 0, data: [], msg: 'OK' });
    });

    it('getByDepartmentCode pages a department (page_no/page_size) as a bare array; the count matches', async () => {
      await ctx().c.departments.add(ent.company.companyId, { deptCode: 'P1', name: '分页部' });
      const people = [];
      for (let i = 0; i < 5; i++) people.push(await hire({ dept_code: 'P1' }));
      await call('/employee/resign', { userid: people[4]!.userid });
      const page = async (request: Shown) => (await call('/employee/getByDepartmentCode', { dept_code: 'P1', ...request })).data as Shown[];
      expect((await page({})).map((e) => e.userid)).toEqual(people.slice(0, 4).map((p) => p.userid));
      expect((await page({ page_no: 2, page_size: 3 })).map((e) => e.userid)).toEqual([people[3]!.userid]);
      expect((await page({ page_no: 1, page_size: 2 }))[0]).toMatchObject({ dept_code: 'P1', dept_name: '分页部', corp_code: people[0]!.code });
      expect(await page({ page_no: 9 })).toEqual([]);
      expect(await call('/employee/getCountByDepartmentCode', { dept_code: 'P1' })).toEqual({ code: 0, data: 4, msg: 'OK' });
      expect((await call('/employee/getByDepartmentCode', { dept_code: 'P1', page_size: 51 })).code).toBe(1000220002);
      expect((await call('/employee/getByDepartmentCode', { dept_code: 'P1', page_no: 0 })).code).toBe(1000220002);
      expect(await call('/employee/getByDepartmentCode', { dept_code: 'NOPE' })).toEqual({ code: 1000220010, msg: 'dept_code not exists !', data: null });
      expect((await call('/employee/getByDepartmentCode', {})).code).toBe(1000220002);
    });

    it('getCountByDepartmentCode: docs style over POST and GET; 1000220010, 1000220002, 1000240002', async () => {
      const { baseUrl } = ctx();
      const token = await docsToken(baseUrl, ent.app);
      // The docs' verified form body: non-ASCII text and `+` in dept_code, signed decoded.
      await ctx().c.departments.add(ent.company.companyId, { deptCode: '研发 部+1', name: '加号部' });
      await hire({ dept_code: '研发 部+1' });
      expect((await docsPost(baseUrl, '/employee/getCountByDepartmentCode', token, ent.app, { dept_code: '研发 部+1' })).body).toEqual({ code: 0, data: 1, msg: 'OK' });
      expect((await docsGet(baseUrl, '/employee/getCountByDepartmentCode', token, ent.app, { dept_code: 'ROOT' })).body.code).toBe(0);
      expect((await docsGet(baseUrl, '/employee/getCountByDepartmentCode', token, ent.app, { dept_code: 'NOPE' })).body.code).toBe(1000220010);
      expect((await docsPost(baseUrl, '/employee/getCountByDepartmentCode', token, ent.app, {})).body.code).toBe(1000220002);
      expect((await docsPost(baseUrl, '/employee/getCountByDepartmentCode', token, ent.app, { dept_code: 'x'.repeat(51) })).body.code).toBe(1000220002);
      const group = await ctx().c.directory.createCompany({ name: `集团${uniqueId()}`, kind: 'group' });
      const groupApp = await withApp(ctx().c, baseUrl, group);
      expect((await groupApp.sdk.call('/employee/getCountByDepartmentCode', { dept_code: 'ROOT', enterprise_code: 'NOPE' })).body).toEqual({ code: 1000240002, msg: 'enterprise_code校验失败', data: null });
      // A missing access_token is a missing parameter.
      expect((await docsGet(baseUrl, '/employee/getCountByDepartmentCode', '', ent.app, { dept_code: 'ROOT' })).body.code).toBe(1000210006);
    });

    it('attribute/get lists every enabled attribute with the employee value (null when unset)', async () => {
      const p = await hire({ employee_attribute: [{ attributeCode: 'politicalVisage', attributeValue: '群众' }] });
      const reply = await call('/employee/attribute/get', { userid: p.userid });
      expect(reply.code).toBe(0);
      const list = reply.data as Array<{ code: string; name: string; value: string | null }>;
      expect(list).toContainEqual({ code: 'politicalVisage', name: '政治面貌', value: '群众' });
      expect(list).toContainEqual({ code: 'contractNature', name: '合同性质', value: null });
      expect(list.every((a) => typeof a.code === 'string' && typeof a.name === 'string')).toBe(true);
      expect((await call('/employee/attribute/get', {})).code).toBe(1000220002);
      expect((await call('/employee/attribute/get', { userid: 'nobody' })).code).toBe(1000220096);
    });

    it('syncSingleEmployee creates, then updates, resigns and restores, answering the userid', async () => {
      const userid = uniqueId();
      const mobile = uniqueMobile();
      // The minimal verified body: gender=3 arrives although the caller never set it.
      expect(await call('/employee/syncSingleEmployee', { gender: 3, name: '王五', userid, mobile })).toEqual({ code: 0, data: userid, msg: 'OK' });
      expect(await get(userid)).toMatchObject({ name: '王五', gender: 3, mobile });
      expect((await call('/employee/syncSingleEmployee', { userid, name: '王六', gender: 1, category: ['A组', 'B组'], dept_code: 'A001', third_type: 5 })).data).toBe(userid);
      expect(await get(userid)).toMatchObject({ name: '王六', gender: 1, category: ['A组', 'B组'], dept_code: 'A001', mobile });
      expect((await call('/employee/syncSingleEmployee', { userid, status: 2 })).code).toBe(0);
      expect((await call('/employee/get', { userid })).code).toBe(1000220096);
      expect((await call('/employee/syncSingleEmployee', { userid, status: 1 })).code).toBe(0);
      expect((await get(userid)).status).toBe(1);
    });

    it('syncSingleEmployee: the rules and codes of add (creating) and update (updating)', async () => {
      const taken = await hire();
      const sync = async (request: Shown) => (await call('/employee/syncSingleEmployee', request)).code;
      expect(await sync({ userid: uniqueId(), name: '无联系' })).toBe(1000220002);
      expect(await sync({ userid: uniqueId(), mobile: uniqueMobile() })).toBe(1000220002);
      expect(await sync({ userid: uniqueId(), name: 'x', mobile: taken.mobile })).toBe(1002218007);
      expect(await sync({ userid: uniqueId(), name: 'x', mobile: uniqueMobile(), code: taken.code })).toBe(1002219003);
      expect(await sync({ userid: uniqueId(), name: 'x', mobile: uniqueMobile(), dept_code: 'NOPE' })).toBe(1000220010);
      expect(await sync({ userid: uniqueId(), name: 'x', mobile: uniqueMobile(), level: '元婴' })).toBe(1000220030);
      expect(await sync({ userid: uniqueId(), name: 'x', mobile: uniqueMobile(), status: 3 })).toBe(1000220002);
      expect(await sync({ name: 'x', mobile: uniqueMobile() })).toBe(1000220002);
      expect(await sync({ code: 'NOBODY2', name: 'x', mobile: uniqueMobile() })).toBe(1000220002);
      expect(await sync({ userid: taken.userid, entry_day: '2016-02-30' })).toBe(1000220002);
      // By code when there is no userid: the employee with that work number is updated.
      expect((await call('/employee/syncSingleEmployee', { code: taken.code, remark: 'by code' })).data).toBe(taken.userid);
      expect((await get(taken.userid)).remark).toBe('by code');
    });
  });
}
