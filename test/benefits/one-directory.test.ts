/**
 * One directory, two ways in (issue 3 §5): an employee added through the benefits dialect is an
 * employee of the same company for the IoT dialect (signed by the public `aliyun-api-gateway`
 * client), one created through the IoT dialect is found here, and phone uniqueness holds across both.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { testDatabases } from '../support/databases.js';
import { useRoster } from '../support/roster.js';
import { IOT, iotCall } from './support/iot.js';
import { newEnterprise, secondAheadSdk, uniqueId, uniqueMobile, type Enterprise } from './support/world.js';

for (const db of testDatabases()) {
  describe(`benefits and IoT share one directory (${db.name})`, () => {
    const ctx = useRoster(db);
    let ent: Enterprise;

    beforeAll(async () => {
      ent = await newEnterprise(ctx().c, ctx().baseUrl);
    });

    /** Creates an employee through the IoT createbyauthcode flow from a dev-OA code. */
    async function createThroughIot(phone: string, email: string, oaUserId = uniqueId('oa')) {
      const { c } = ctx();
      const profile = { oaUserId, phone, name: '物联网员工', email, avatarUrl: null };
      const authCode = await c.oa.issueCode(c.store.repos, ent.company.companyId, profile, 'AUTH_CODE', c.now());
      return iotCall(ctx().baseUrl, ent.app, IOT.createByAuthCode, { authCode, codeType: 'AUTH_CODE' });
    }

    it('an employee added by /employee/add is listed by querybycompanyid and found by account/get', async () => {
      const mobile = uniqueMobile();
      const userid = uniqueId();
      const email = `${uniqueId()}@example.com`;
      const added = await ent.sdk.call('/employee/add', { userid, code: 'W001', name: '福利员工', mobile, email });
      expect(added.body.code).toBe(0);

      const list = await iotCall(ctx().baseUrl, ent.app, IOT.queryByCompanyId, { companyId: ent.company.companyId, pageNo: 1, pageSize: 100 });
      expect(list.code).toBe(200);
      const listed = (list.data!.employeeList as Array<Record<string, unknown>>).find((e) => e.phone === mobile);
      expect(listed).toMatchObject({ email, name: '福利员工', companyId: ent.company.companyId, isMainAccount: false });

      const employee = (await ctx().c.store.repos.employees(ent.company.companyId).getByUserid(userid))!;
      const account = await iotCall(ctx().baseUrl, ent.app, IOT.accountGet, { employeeId: employee.employeeId });
      expect(account.code).toBe(200);
      expect(account.data).toMatchObject({ auid: listed!.identityId, phone: mobile, email, nickName: '福利员工', workNumber: 'W001', main: false });
    });

    it('an employee created by IoT createbyauthcode is found by /employee/get by mobile and by email', async () => {
      const phone = uniqueMobile();
      const email = `${uniqueId()}@example.com`;
      const oaUserId = uniqueId('oa');
      const created = await createThroughIot(phone, email, oaUserId);
      expect(created.code).toBe(200);
      // One directory: the sign-in gave the employee a benefits userid, its OA user id.
      for (const by of [{ mobile: phone }, { mobile: phone, mobile_area: 86 }, { email }, { userid: oaUserId }]) {
        const got = await ent.sdk.call('/employee/get', by);
        expect(got.body.code).toBe(0);
        expect(got.body.data).toMatchObject({ name: '物联网员工', mobile: phone, email, mobile_area: 86, userid: oaUserId });
      }
      expect((await ent.sdk.call('/employee/resign', { userid: oaUserId })).body.code).toBe(0);
    });

    it('a resigned employee is gone for account/get (107313) until restored, and stays in the listing', async () => {
      const userid = uniqueId();
      expect((await ent.sdk.call('/employee/add', { userid, name: '离职员工', mobile: uniqueMobile() })).body.code).toBe(0);
      const employee = (await ctx().c.store.repos.employees(ent.company.companyId).getByUserid(userid))!;
      const get = () => iotCall(ctx().baseUrl, ent.app, IOT.accountGet, { employeeId: employee.employeeId });

      expect((await ent.sdk.call('/employee/resign', { userid })).body.code).toBe(0);
      expect(await get()).toMatchObject({ code: 107313, message: 'the user is not exist', data: null });
      const list = await iotCall(ctx().baseUrl, ent.app, IOT.queryByCompanyId, { companyId: ent.company.companyId, pageNo: 1, pageSize: 100 });
      expect((list.data!.employeeList as Array<{ identityId: string }>).map((e) => e.identityId)).toContain(employee.identityId);

      expect((await secondAheadSdk(ent).call('/employee/restore', { userid })).body.code).toBe(0);
      expect((await get()).code).toBe(200);
    });

    it('a phone taken in one dialect is taken in the other, both ways', async () => {
      const viaBenefits = uniqueMobile();
      expect((await ent.sdk.call('/employee/add', { userid: uniqueId(), name: 'b', mobile: viaBenefits })).body.code).toBe(0);
      const refused = await createThroughIot(viaBenefits, `${uniqueId()}@example.com`);
      expect(refused).toMatchObject({ code: 2441, data: null });

      const viaIot = uniqueMobile();
      expect((await createThroughIot(`+86 ${viaIot.slice(0, 3)} ${viaIot.slice(3)}`, `${uniqueId()}@example.com`)).code).toBe(200);
      const dup = await ent.sdk.call('/employee/add', { userid: uniqueId(), name: 'b', mobile: viaIot });
      expect(dup.body).toEqual({ code: 1002218007, msg: '会员:手机已存在', data: null });
    });
  });
}
