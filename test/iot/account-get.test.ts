/**
 * POST /industry/user/account/get (seed 001) over HTTP: hosted and shared apps, the main account,
 * employees by id, and tenant isolation.
 */
import { describe, expect, it } from 'vitest';
import { testDatabases } from '../support/databases.js';
import { useRoster } from '../support/roster.js';
import {
  ACCOUNT_KEYS,
  ERR,
  ORG_ROLE_KEYS,
  envelope,
  expectErr,
  expectIotError,
  expectOk,
  hostedApp,
  iotCaller,
  issueCode,
  newCompany,
  oaProfile,
  sharedApp,
  type AccountData,
  type Signer,
} from './support.js';
import type { AppCredentials } from '../../src/domain/app.js';

for (const db of testDatabases()) {
  describe(`/industry/user/account/get (${db.name})`, () => {
    const ctx = useRoster(db);
    const { call, post } = iotCaller(ctx);
    const get = (app: Signer, params: Record<string, unknown> = {}, request = {}) => call(app, 'get', params, request);

    /** A company with a hosted app and one employee signed in from the OA. */
    async function tenant() {
      const t = await newCompany(ctx);
      const app = await hostedApp(ctx, t.company.companyId);
      const profile = oaProfile();
      const { employee } = await ctx().c.accounts.createFromOaCode(app, await issueCode(ctx, t.company.companyId, profile), 'AUTH_CODE');
      return { ...t, app, profile, employee };
    }

    /** seed 001's data for an OA-created (non-admin, non-main) employee. */
    const employeeData = (t: Awaited<ReturnType<typeof tenant>>): AccountData => ({
      auid: t.employee.identityId,
      phone: t.profile.phone,
      email: t.profile.email,
      nickName: t.profile.name,
      admin: false,
      main: false,
      workNumber: null,
      loginName: `+86${t.profile.phone}`,
    });

    describe('hosted app (tenant from the AppKey)', () => {
      it('answers the main account without employeeId: main and admin, with organization and role', async () => {
        const t = await tenant();
        const { res, id } = await get(t.app);
        const data = expectOk<AccountData>(res, id);
        expect(Object.keys(data)).toEqual([...ORG_ROLE_KEYS, ...ACCOUNT_KEYS]);
        expect(data).toEqual({
          organizationId: 'ROOT',
          organizationShowName: t.company.companyName,
          roleCode: 'ADMINISTRATOR',
          roleName: '管理员',
          auid: t.company.mainIdentityId,
          phone: t.main.phone,
          email: t.main.email,
          nickName: t.main.name,
          admin: true,
          main: true,
          workNumber: null,
          loginName: `+86${t.main.phone}`,
        });
      });

      it('treats an empty employeeId like an absent one (the main account)', async () => {
        const t = await tenant();
        for (const params of [{ employeeId: '' }, { employeeId: null }]) {
          const { res, id } = await get(t.app, params);
          expect(expectOk<AccountData>(res, id)).toMatchObject({ main: true, auid: t.company.mainIdentityId });
        }
      });

      it('answers an employee by employeeId, with exactly the documented fields', async () => {
        const t = await tenant();
        const { res, id } = await get(t.app, { employeeId: t.employee.employeeId });
        const data = expectOk<AccountData>(res, id);
        expect(Object.keys(data)).toEqual(ACCOUNT_KEYS);
        expect(data).toEqual(employeeData(t));
      });

      it('answers 107313 for an employeeId nobody has', async () => {
        const t = await tenant();
        // (its identityId is an answer since issue 9: see "usable with get by its identityId" in test/iot/account-family.test.ts)
        for (const employeeId of ['value1', 'a'.repeat(40), t.employee.accountId]) {
          const { res, id } = await get(t.app, { employeeId });
          expectErr(res, id, ERR.userNotFound);
        }
      });

      it('answers 107313 for an employee of another company (tenant isolation)', async () => {
        const mine = await tenant();
        const theirs = await tenant();
        const { res, id } = await get(mine.app, { employeeId: theirs.employee.employeeId });
        expectErr(res, id, ERR.userNotFound);
        const main = await get(mine.app, { employeeId: theirs.company.mainEmployeeId });
        expectErr(main.res, main.id, ERR.userNotFound);
      });

      it('answers 107313 for the main account of a company that is not initialized', async () => {
        const { company } = await newCompany(ctx, { initialized: false });
        const app = await hostedApp(ctx, company.companyId);
        const { res, id } = await get(app);
        expectErr(res, id, ERR.userNotFound);
      });

      it('answers 403 请求没有权限 when a hosted app names another company\'s installation', async () => {
        const mine = await tenant();
        const theirs = await tenant();
        const { appIds } = await sharedApp(ctx, [theirs.company.companyId]);
        const { res, id } = await get(mine.app, { appId: appIds[0] });
        expectErr(res, id, ERR.forbiddenGet);
      });
    });

    describe('shared app (tenant from appId)', () => {
      async function installedIn(...tenants: Array<Awaited<ReturnType<typeof tenant>>>): Promise<{ app: AppCredentials; appIds: string[] }> {
        return sharedApp(
          ctx,
          tenants.map((t) => t.company.companyId),
        );
      }

      it('answers the main account of the installation\'s tenant, one per appId', async () => {
        const a = await tenant();
        const b = await tenant();
        const { app, appIds } = await installedIn(a, b);
        for (const [t, appId] of [
          [a, appIds[0]],
          [b, appIds[1]],
        ] as const) {
          const { res, id } = await get(app, { appId });
          expect(expectOk<AccountData>(res, id)).toMatchObject({ auid: t.company.mainIdentityId, main: true, admin: true });
        }
      });

      it('answers an employee of the installation\'s tenant by employeeId', async () => {
        const t = await tenant();
        const { app, appIds } = await installedIn(t);
        const { res, id } = await get(app, { appId: appIds[0], employeeId: t.employee.employeeId });
        expect(expectOk<AccountData>(res, id)).toEqual(employeeData(t));
      });

      it('answers 107313 for an employee of another tenant of the same app (isolation between installations)', async () => {
        const a = await tenant();
        const b = await tenant();
        const { app, appIds } = await installedIn(a, b);
        const { res, id } = await get(app, { appId: appIds[0], employeeId: b.employee.employeeId });
        expectErr(res, id, ERR.userNotFound);
      });

      it('answers 102126 tenant not fund for an unknown appId or none', async () => {
        const t = await tenant();
        const { app } = await installedIn(t);
        for (const params of [{ appId: 'value0' }, { appId: 'b'.repeat(40) }, {}, { appId: '' }, { employeeId: t.employee.employeeId }]) {
          const { res, id } = await get(app, params);
          expectErr(res, id, ERR.tenantNotFound);
        }
      });

      it('answers 102126 to a shared app installed nowhere', async () => {
        const { app } = await sharedApp(ctx, []);
        const { res, id } = await get(app);
        expectErr(res, id, ERR.tenantNotFound);
      });

      it('answers 403 request forbidden. (请求没有权限) for the appId of another app\'s installation', async () => {
        const t = await tenant();
        const mine = await installedIn(t);
        const theirs = await installedIn(t);
        const { res, id } = await get(mine.app, { appId: theirs.appIds[0] });
        expectErr(res, id, ERR.forbiddenGet);
        const en = await get(mine.app, { appId: theirs.appIds[0] }, { language: 'en-US' });
        expectIotError(en.res, en.id, 403, 'request forbidden.', 'request forbidden.');
      });
    });

    describe('460 request parameter error. and apiVer', () => {
      it.each<[string, Record<string, unknown>]>([
        ['a numeric employeeId', { employeeId: 12345 }],
        ['an object appId', { appId: { id: 'x' } }],
        ['an over-long employeeId', { employeeId: 'x'.repeat(1000) }],
        ['an unknown param', { employeeId: 'x', companyId: 'y' }],
        ['a misspelt param', { employeeID: 'x' }],
      ])('answers 460 for %s', async (_label, params) => {
        const t = await tenant();
        const { res, id } = await get(t.app, params);
        expectIotError(res, id, 460, 'request parameter error.', '请求参数错误');
      });

      it('answers 20003 Find Backend Error for apiVer 1.0.0 (only 1.0.4 is served)', async () => {
        const t = await tenant();
        const body = envelope('get', {}, { apiVer: '1.0.0' });
        expectErr(await post(t.app, 'get', body), body.id, ERR.wrongApiVer);
      });
    });
  });
}
