/**
 * The IoT account family beyond the seeds (issue 9 §2), over signed HTTP on both engines: employee
 * create / modifyphone, identity query / list / page, account query (1.0.5–1.0.7), and every error
 * code each can answer. Ids any list returns are usable with `/industry/user/account/get`.
 */
import { randomUUID } from 'node:crypto';
import { beforeAll, describe, expect, it } from 'vitest';
import type { AppCredentials } from '../../src/domain/app.js';
import { testDatabases } from '../support/databases.js';
import { useRoster } from '../support/roster.js';
import { ERR, expectErr, expectIotError, expectOk, hostedApp, newCompany, signedPost, uniquePhone, type Signer, type TestCompany } from './support.js';

const P = {
  create: ['/user/account/employee/create', '1.0.4'],
  modifyPhone: ['/user/account/employee/modifyphone', '1.0.0'],
  identityQuery: ['/user/account/identity/query', '1.0.0'],
  identityList: ['/iotx/account/queryIdentityList', '1.0.6'],
  identityPage: ['/cloud/account/queryidentitydescbypage', '1.0.0'],
  accountQuery: ['/industry/user/account/query', '1.0.7'],
  get: ['/industry/user/account/get', '1.0.4'],
} as const;

const CREATE_KEYS = ['phone', 'email', 'companyId', 'companyName', 'name', 'creater', 'avatarUrl', 'isMainAccount', 'identityId', 'thirdPartyId', 'dingCorpId', 'dingUserId', 'extraInfo', 'accountId', 'mainIdentityId'];
const IDENTITY_KEYS = ['phone', 'identityId', 'nickName', 'loginId', 'avatarUrl', 'loginName', 'loginSource'];
const LIST_KEYS = ['tenantId', 'identityId', 'nickName', 'loginName', 'phone', 'email', 'avatarUrl'];
const DESC_KEYS = ['scopeId', 'gmtModified', 'createAppKey', 'loginId', 'gender', 'avatarUrl', 'nickName', 'onlineStatus', 'modifier', 'gmtCreate', 'lastLoginTime', 'phone', 'identityId', 'loginName', 'creater', 'tenantId', 'loginSource', 'email'];
const QUERY_ITEM_KEYS = ['organizationId', 'organizationShowName', 'roleCode', 'roleName', 'auid', 'phone', 'email', 'nickName', 'roleList', 'orgList', 'admin', 'main', 'workNumber', 'loginName'];

const PHONE_REGISTERED = [2478, 'this phone has registered', '该手机号已被注册'] as const;
const EMPLOYEE_NOT_EXIST = [2442, 'employee is not exist', '未找到绑定的员工信息'] as const;
const IDS_RANGE = [460, 'identityIds need between 1-50', '入参错误'] as const;

interface Created { identityId: string; phone: string; email: string; name: string }

for (const db of testDatabases()) {
  describe(`IoT account family (${db.name})`, () => {
    const ctx = useRoster(db);
    const call = async (app: Signer, [path, apiVer]: readonly [string, string], params: Record<string, unknown>, ver = apiVer) => {
      const id = randomUUID();
      const res = await signedPost(ctx().baseUrl, app, path, { id, version: '1.0', request: { apiVer: ver }, params });
      return { res, id };
    };

    let t: TestCompany;
    let app: AppCredentials;
    const create = async (over: Record<string, unknown> = {}) => {
      const tag = randomUUID().slice(0, 8);
      const params = { companyId: t.company.companyId, name: `张${tag}`, phone: uniquePhone(), email: `${tag}@example.com`, ...over };
      const { res, id } = await call(app, P.create, params);
      return { res, id, params };
    };
    const created = async (over: Record<string, unknown> = {}): Promise<Created> => {
      const { res, id, params } = await create(over);
      const data = expectOk<Record<string, unknown>>(res, id);
      return { identityId: data.identityId as string, phone: params.phone as string, email: params.email as string, name: params.name as string };
    };

    beforeAll(async () => {
      t = await newCompany(ctx);
      app = await hostedApp(ctx, t.company.companyId);
    });

    describe('/user/account/employee/create', () => {
      it('creates an employee with exactly the documented fields, usable with get by its identityId', async () => {
        const { res, id, params } = await create({ avatarUrl: 'http://a.b/c.png', creater: 'hr', dingCorpId: 'ding1', extraInfo: '{"a":1}', isMainAccount: 0 });
        const data = expectOk<Record<string, unknown>>(res, id);
        expect(Object.keys(data)).toEqual(CREATE_KEYS);
        expect(data).toMatchObject({ phone: params.phone, email: params.email, companyId: t.company.companyId, name: params.name, creater: 'hr', isMainAccount: 0, dingCorpId: 'ding1', extraInfo: '{"a":1}', mainIdentityId: t.company.mainIdentityId });
        const got = await call(app, P.get, { employeeId: data.identityId });
        expect(expectOk<Record<string, unknown>>(got.res, got.id)).toMatchObject({ auid: data.identityId, nickName: params.name });
      });

      it('answers 2441 for a phone of the company, 2402 for a taken email, 2404 for a bad phone', async () => {
        const first = await created();
        const again = await create({ phone: first.phone });
        expectErr(again.res, again.id, ERR.phoneTaken);
        const email = await create({ email: first.email.toUpperCase() });
        expectErr(email.res, email.id, ERR.registerFailed);
        const bad = await create({ phone: '12' });
        expectErr(bad.res, bad.id, ERR.phoneInvalid);
      });

      it('answers 2405 for a company without a main account and 403 for another company', async () => {
        const bare = await newCompany(ctx, { initialized: false });
        const bareApp = await hostedApp(ctx, bare.company.companyId);
        const r1 = await call(bareApp, P.create, { companyId: bare.company.companyId, name: 'x', phone: uniquePhone() });
        expectErr(r1.res, r1.id, ERR.notInitialized);
        const r2 = await call(bareApp, P.create, { companyId: t.company.companyId, name: 'x', phone: uniquePhone() });
        expectErr(r2.res, r2.id, ERR.forbidden);
      });

      it('answers 460 for a missing name, an unknown param or a second main account, and 20003 for another apiVer', async () => {
        for (const over of [{ name: undefined }, { colour: 'red' }, { isMainAccount: 1 }, { isMainAccount: '0' }]) {
          const { res, id } = await create(over);
          expectErr(res, id, ERR.param);
        }
        const { res, id } = await call(app, P.create, { companyId: t.company.companyId, name: 'x', phone: uniquePhone() }, '1.0.0');
        expectErr(res, id, ERR.wrongApiVer);
      });
    });

    describe('/user/account/employee/modifyphone', () => {
      it('moves the identity to a free phone (get shows it) and answers 2478 for a registered one', async () => {
        const a = await created();
        const b = await created();
        const phone = uniquePhone();
        const ok = await call(app, P.modifyPhone, { companyId: t.company.companyId, identityId: a.identityId, phone });
        expect(expectOk(ok.res, ok.id)).toBe(true);
        const got = await call(app, P.get, { employeeId: a.identityId });
        expect(expectOk<{ phone: string }>(got.res, got.id).phone).toBe(phone);
        const taken = await call(app, P.modifyPhone, { companyId: t.company.companyId, identityId: b.identityId, phone });
        expectIotError(taken.res, taken.id, ...PHONE_REGISTERED);
        // Its own phone again is no conflict.
        const same = await call(app, P.modifyPhone, { companyId: t.company.companyId, identityId: a.identityId, phone });
        expect(expectOk(same.res, same.id)).toBe(true);
      });

      it('answers 2442 for an unknown identity, 2404 for a bad phone, 403 for another company, 460 when a param is missing', async () => {
        const a = await created();
        const unknown = await call(app, P.modifyPhone, { companyId: t.company.companyId, identityId: 'nobody', phone: uniquePhone() });
        expectIotError(unknown.res, unknown.id, ...EMPLOYEE_NOT_EXIST);
        const bad = await call(app, P.modifyPhone, { companyId: t.company.companyId, identityId: a.identityId, phone: '1' });
        expectErr(bad.res, bad.id, ERR.phoneInvalid);
        const other = await newCompany(ctx);
        const foreign = await call(app, P.modifyPhone, { companyId: other.company.companyId, identityId: a.identityId, phone: uniquePhone() });
        expectErr(foreign.res, foreign.id, ERR.forbidden);
        const missing = await call(app, P.modifyPhone, { companyId: t.company.companyId, identityId: a.identityId });
        expectErr(missing.res, missing.id, ERR.param);
      });
    });

    describe('/user/account/identity/query', () => {
      it('finds by login id (opType 1), phone (2) and email (3) with the documented fields', async () => {
        const a = await created({ loginName: `login-${randomUUID().slice(0, 6)}` });
        const byLogin = await call(app, P.identityQuery, { opType: 1, loginId: (await ctx().c.store.repos.employees(t.company.companyId).getByIdentityId(a.identityId))!.loginName, loginSource: 'openAccount' });
        const data = expectOk<Record<string, unknown>>(byLogin.res, byLogin.id);
        expect(Object.keys(data)).toEqual(IDENTITY_KEYS);
        expect(data).toMatchObject({ identityId: a.identityId, nickName: a.name, loginSource: 'openAccount' });
        const byPhone = await call(app, P.identityQuery, { opType: 2, phone: a.phone });
        expect(expectOk<{ identityId: string }>(byPhone.res, byPhone.id).identityId).toBe(a.identityId);
        const byEmail = await call(app, P.identityQuery, { opType: 3, email: a.email.toUpperCase() });
        expect(expectOk<{ identityId: string }>(byEmail.res, byEmail.id).identityId).toBe(a.identityId);
      });

      it('answers 460 for another opType, a missing key or another loginSource, and 2442 when nobody matches', async () => {
        for (const params of [{ opType: 4, phone: '13900000000' }, { opType: 0 }, { opType: '2', phone: '13900000000' }, { opType: 2 }, { opType: 1, loginId: 'x', loginSource: 'taobao' }, { phone: '13900000000' }]) {
          const { res, id } = await call(app, P.identityQuery, params);
          expectErr(res, id, ERR.param);
        }
        const none = await call(app, P.identityQuery, { opType: 3, email: `nobody-${randomUUID()}@example.com` });
        expectIotError(none.res, none.id, ...EMPLOYEE_NOT_EXIST);
      });
    });

    describe('/iotx/account/queryIdentityList', () => {
      it('lists the known identities among the ids, each usable with get', async () => {
        const a = await created();
        const b = await created();
        const { res, id } = await call(app, P.identityList, { identityIds: [b.identityId, 'unknown', a.identityId] });
        const list = expectOk<Array<Record<string, unknown>>>(res, id);
        expect(list.map((e) => e.identityId)).toEqual([a.identityId, b.identityId]);
        for (const item of list) {
          expect(Object.keys(item)).toEqual(LIST_KEYS);
          expect(item.tenantId).toBe(t.company.companyId);
          const got = await call(app, P.get, { employeeId: item.identityId });
          expect(expectOk<{ auid: string }>(got.res, got.id).auid).toBe(item.identityId);
        }
      });

      it('answers 460 identityIds need between 1-50 for none or 51, and 460 for a non-list', async () => {
        for (const identityIds of [[], Array.from({ length: 51 }, (_, i) => `id${i}`), undefined]) {
          const { res, id } = await call(app, P.identityList, identityIds === undefined ? {} : { identityIds });
          expectIotError(res, id, ...IDS_RANGE);
        }
        const fifty = await call(app, P.identityList, { identityIds: Array.from({ length: 50 }, (_, i) => `id${i}`) });
        expect(expectOk(fifty.res, fifty.id)).toEqual([]);
        for (const identityIds of ['a,b', [1, 2], ['']]) {
          const { res, id } = await call(app, P.identityList, { identityIds });
          expectErr(res, id, ERR.param);
        }
      });
    });

    describe('/cloud/account/queryidentitydescbypage', () => {
      it('pages identities by offset and count in creation order, main account first', async () => {
        await created();
        const { res, id } = await call(app, P.identityPage, { offset: 0, count: 2 });
        const page = expectOk<Array<Record<string, unknown>>>(res, id);
        expect(page).toHaveLength(2);
        expect(Object.keys(page[0]!)).toEqual(DESC_KEYS);
        expect(page[0]).toMatchObject({ identityId: t.company.mainIdentityId, tenantId: t.company.companyId, scopeId: t.company.companyId, onlineStatus: 0 });
        const next = await call(app, P.identityPage, { offset: 1, count: 1 });
        expect(expectOk<Array<{ identityId: string }>>(next.res, next.id)[0]!.identityId).toBe(page[1]!.identityId);
        const past = await call(app, P.identityPage, { offset: 1_000_000, count: 5 });
        expect(expectOk(past.res, past.id)).toEqual([]);
      });

      it('answers 460 for a missing, negative or non-integer offset and a count outside 1-100', async () => {
        for (const params of [{ count: 1 }, { offset: 0 }, { offset: -1, count: 1 }, { offset: 0.5, count: 1 }, { offset: 0, count: 0 }, { offset: 0, count: 101 }]) {
          const { res, id } = await call(app, P.identityPage, params);
          expectErr(res, id, ERR.param);
        }
      });
    });

    describe('/industry/user/account/query', () => {
      it('serves apiVer 1.0.5, 1.0.6 and 1.0.7 on one route, and 20003 for another', async () => {
        for (const ver of ['1.0.5', '1.0.6', '1.0.7']) {
          const { res, id } = await call(app, P.accountQuery, { pageSize: 1 }, ver);
          const data = expectOk<Record<string, unknown>>(res, id);
          expect(Object.keys(data)).toEqual(['total', 'pageNo', 'pageSize', 'data']);
        }
        const { res, id } = await call(app, P.accountQuery, {}, '1.0.4');
        expectErr(res, id, ERR.wrongApiVer);
      });

      it('finds by name substring, phone, email and work number, with the documented fields', async () => {
        const tag = randomUUID().slice(0, 6);
        const a = await created({ name: `李${tag}四` });
        await ctx().c.store.repos.employees(t.company.companyId).update((await ctx().c.store.repos.employees(t.company.companyId).getByIdentityId(a.identityId))!.employeeId, { workNumber: `W${tag}` });
        for (const keyWord of [tag, a.phone, a.email.toUpperCase(), `w${tag}`]) {
          const { res, id } = await call(app, P.accountQuery, { keyWord });
          const data = expectOk<{ total: number; data: Array<Record<string, unknown>> }>(res, id);
          expect({ keyWord, total: data.total, ids: data.data.map((e) => e.auid) }).toEqual({ keyWord, total: 1, ids: [a.identityId] });
          expect(Object.keys(data.data[0]!)).toEqual(QUERY_ITEM_KEYS);
        }
        // LIKE wildcards in a key word are literal.
        const wild = await call(app, P.accountQuery, { keyWord: '%' });
        expect(expectOk<{ total: number }>(wild.res, wild.id).total).toBe(0);
      });

      it('filters by department including sub-departments, and pages with an exact total', async () => {
        const setup = ctx().c.store.repos.setup(t.company.companyId);
        const root = (await setup.listDepartments()).find((d) => d.department.isRoot)!.department;
        const tag = randomUUID().slice(0, 6);
        const dept = (code: string, parentCode: string) => ({ companyId: t.company.companyId, deptCode: code, name: `部门${code}`, parentCode, status: 1 as const, managerUserid: null, isRoot: false });
        await setup.insertDepartment(dept(`A${tag}`, root.deptCode));
        await setup.insertDepartment(dept(`B${tag}`, `A${tag}`));
        await setup.insertDepartment(dept(`C${tag}`, root.deptCode));
        const employees = ctx().c.store.repos.employees(t.company.companyId);
        const put = async (deptCode: string) => {
          const c = await created();
          await employees.update((await employees.getByIdentityId(c.identityId))!.employeeId, { deptCode, roleCode: 'r1', roleName: '角色' });
          return c.identityId;
        };
        const inA = [await put(`A${tag}`), await put(`B${tag}`), await put(`B${tag}`)];
        await put(`C${tag}`);
        const all = await call(app, P.accountQuery, { organizationId: `A${tag}`, pageSize: 2 });
        const first = expectOk<{ total: number; data: Array<Record<string, unknown>> }>(all.res, all.id);
        expect(first.total).toBe(3);
        expect(first.data.map((e) => e.auid)).toEqual(inA.slice(0, 2));
        expect(first.data[1]).toMatchObject({ organizationId: `B${tag}`, organizationShowName: `部门B${tag}`, orgList: [{ organizationId: `B${tag}`, organizationName: `部门B${tag}` }], roleList: [{ roleCode: 'r1', roleName: '角色' }] });
        const second = await call(app, P.accountQuery, { organizationId: `A${tag}`, pageSize: 2, pageNo: 2, roleCode: 'r1' });
        expect(expectOk<{ data: Array<{ auid: string }> }>(second.res, second.id).data.map((e) => e.auid)).toEqual(inA.slice(2));
        const leaf = await call(app, P.accountQuery, { organizationId: `B${tag}`, roleCode: 'other' });
        expect(expectOk<{ total: number }>(leaf.res, leaf.id).total).toBe(0);
      });

      it('answers 460 for an unknown department or bad page, pageSize 1-100, and 102126 for an appId of no tenant', async () => {
        for (const params of [{ organizationId: 'nope' }, { pageNo: 0 }, { pageNo: 'x' }, { keyWord: 5 }]) {
          const { res, id } = await call(app, P.accountQuery, params);
          expectErr(res, id, ERR.param);
        }
        for (const pageSize of [0, 101]) {
          const { res, id } = await call(app, P.accountQuery, { pageSize });
          expectErr(res, id, ERR.pageSize);
        }
        const shared = await ctx().c.directory.createApp({ rateLimit: 0 });
        const { res, id } = await call(shared, P.accountQuery, { appId: 'no-such-app' });
        expectErr(res, id, ERR.tenantNotFound);
      });
    });
  });
}
