/**
 * POST /user/account/employee/querybycompanyid (seed 002) over HTTP: exact totals and page counts,
 * creation order across pages, the page-size rules and who may read which company.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import type { AppCredentials } from '../../src/domain/app.js';
import type { Company } from '../../src/domain/company.js';
import { testDatabases } from '../support/databases.js';
import { useRoster } from '../support/roster.js';
import {
  ERR,
  LISTED_EMPLOYEE_KEYS,
  PAGE_KEYS,
  envelope,
  expectErr,
  expectOk,
  hostedApp,
  iotCaller,
  issueCode,
  newCompany,
  oaProfile,
  sharedApp,
  type EmployeePage,
  type ListedEmployee,
  type Signer,
} from './support.js';

/** Employees in the paged company: the main account and 22 OA sign-ins. */
const SIZE = 23;

for (const db of testDatabases()) {
  describe(`querybycompanyid (${db.name})`, () => {
    const ctx = useRoster(db);
    const { call, post } = iotCaller(ctx);
    const query = (app: Signer, params: Record<string, unknown>, request = {}) => call(app, 'query', params, request);

    let company: Company;
    let app: AppCredentials;
    /** identityIds in creation order. */
    const created: string[] = [];

    beforeAll(async () => {
      const t = await newCompany(ctx);
      company = t.company;
      app = await hostedApp(ctx, company.companyId);
      created.push(company.mainIdentityId!);
      for (let i = 1; i < SIZE; i++) {
        const code = await issueCode(ctx, company.companyId, oaProfile({ name: `员工${String(i).padStart(2, '0')}` }));
        created.push((await ctx().c.accounts.createFromOaCode(app, code, 'AUTH_CODE')).employee.identityId);
      }
    });

    async function page(pageNo: number, pageSize: number): Promise<EmployeePage> {
      const { res, id } = await query(app, { companyId: company.companyId, pageNo, pageSize });
      const data = expectOk<EmployeePage>(res, id);
      expect(Object.keys(data)).toEqual(PAGE_KEYS);
      for (const e of data.employeeList) expect(Object.keys(e)).toEqual(LISTED_EMPLOYEE_KEYS);
      return data;
    }

    describe('paging', () => {
      it('reports the exact total and pageCount, with full pages, a partial last page and the main account first', async () => {
        const p1 = await page(1, 10);
        expect({ ...p1, employeeList: p1.employeeList.length }).toEqual({ total: SIZE, pageNo: 1, pageSize: 10, pageCount: 3, employeeList: 10 });
        expect(p1.employeeList[0]).toMatchObject({ identityId: company.mainIdentityId, isMainAccount: true });
        expect(p1.employeeList.slice(1).every((e) => e.isMainAccount === false)).toBe(true);

        const p3 = await page(3, 10);
        expect({ ...p3, employeeList: p3.employeeList.length }).toEqual({ total: SIZE, pageNo: 3, pageSize: 10, pageCount: 3, employeeList: 3 });
      });

      it('walks every employee exactly once, in creation order, for several page sizes', async () => {
        for (const pageSize of [1, 4, 10, 22, 23, 100]) {
          const seen: ListedEmployee[] = [];
          const pageCount = Math.ceil(SIZE / pageSize);
          for (let pageNo = 1; pageNo <= pageCount; pageNo++) {
            const p = await page(pageNo, pageSize);
            expect(p.pageCount).toBe(pageCount);
            expect(p.total).toBe(SIZE);
            expect(p.employeeList.length).toBe(pageNo < pageCount ? pageSize : SIZE - pageSize * (pageCount - 1));
            seen.push(...p.employeeList);
          }
          expect(seen.map((e) => e.identityId)).toEqual(created);
        }
      });

      it('answers the same page the same way every time', async () => {
        const a = await page(2, 7);
        const b = await page(2, 7);
        expect(b).toEqual(a);
      });

      it('answers an empty list, with the real total and pageCount, beyond the last page', async () => {
        for (const pageNo of [4, 5, 1_000_000]) {
          expect(await page(pageNo, 10)).toEqual({ total: SIZE, pageNo, pageSize: 10, pageCount: 3, employeeList: [] });
        }
      });

      it('lists every seed-002 field of each employee', async () => {
        const p = await page(1, 2);
        const [main, first] = p.employeeList;
        expect(main).toEqual({
          phone: expect.any(String),
          email: expect.stringMatching(/@example\.com$/),
          identityId: company.mainIdentityId,
          companyId: company.companyId,
          companyName: company.companyName,
          name: '管理员甲',
          creater: 'roster',
          modifier: 'roster',
          avatarUrl: null,
          isMainAccount: true,
        });
        expect(first).toMatchObject({ name: '员工01', creater: app.appKey, modifier: app.appKey, isMainAccount: false, companyId: company.companyId });
      });

      it('counts a new employee at once in total and pageCount', async () => {
        const t = await newCompany(ctx);
        const own = await hostedApp(ctx, t.company.companyId);
        const ask = async () => {
          const { res, id } = await query(own, { companyId: t.company.companyId, pageNo: 1, pageSize: 1 });
          return expectOk<EmployeePage>(res, id);
        };
        expect(await ask()).toMatchObject({ total: 1, pageCount: 1 });
        await ctx().c.accounts.createFromOaCode(own, await issueCode(ctx, t.company.companyId), 'AUTH_CODE');
        expect(await ask()).toMatchObject({ total: 2, pageCount: 2 });
      });

      it('answers total 0 and pageCount 0 for a company without employees', async () => {
        const t = await newCompany(ctx, { initialized: false });
        const own = await hostedApp(ctx, t.company.companyId);
        const { res, id } = await query(own, { companyId: t.company.companyId, pageNo: 1, pageSize: 10 });
        expect(expectOk<EmployeePage>(res, id)).toEqual({ total: 0, pageNo: 1, pageSize: 10, pageCount: 0, employeeList: [] });
      });
    });

    describe('460 errors', () => {
      it.each([0, 101, -1, 1000])('answers 460 pageSize should between 1-100 for pageSize %j', async (pageSize) => {
        const { res, id } = await query(app, { companyId: company.companyId, pageNo: 1, pageSize });
        expectErr(res, id, ERR.pageSize);
      });

      it('accepts pageSize at both ends of 1-100', async () => {
        expect((await page(1, 1)).employeeList).toHaveLength(1);
        expect((await page(1, 100)).employeeList).toHaveLength(SIZE);
      });

      it.each<[string, Record<string, unknown>]>([
        ['pageNo 0', { pageNo: 0, pageSize: 10 }],
        ['pageNo -1', { pageNo: -1, pageSize: 10 }],
        ['pageNo as a string', { pageNo: '1', pageSize: 10 }],
        ['pageNo 1.5', { pageNo: 1.5, pageSize: 10 }],
        ['pageSize as a string', { pageNo: 1, pageSize: '10' }],
        ['pageSize true', { pageNo: 1, pageSize: true }],
      ])('answers 460 request parameter error. for %s', async (_label, params) => {
        const { res, id } = await query(app, { companyId: company.companyId, ...params });
        expectErr(res, id, ERR.param);
      });

      it.each<[string, Record<string, unknown>]>([
        ['no companyId', { pageNo: 1, pageSize: 10 }],
        ['an empty companyId', { companyId: '', pageNo: 1, pageSize: 10 }],
        ['a numeric companyId', { companyId: 12345, pageNo: 1, pageSize: 10 }],
        ['an unknown param', { companyId: 'x', pageNo: 1, pageSize: 10, keyWord: 'a' }],
      ])('answers 460 request parameter error. for %s', async (_label, params) => {
        const { res, id } = await query(app, params);
        expectErr(res, id, ERR.param);
      });

      it('answers 20003 Find Backend Error for apiVer 1.0.4', async () => {
        const body = envelope('query', { companyId: company.companyId, pageNo: 1, pageSize: 10 }, { apiVer: '1.0.4' });
        expectErr(await post(app, 'query', body), body.id, ERR.wrongApiVer);
      });
    });

    describe('403 request forbidden.', () => {
      it('answers 403 to a hosted app for another company, and for a company that does not exist', async () => {
        const other = await newCompany(ctx);
        for (const companyId of [other.company.companyId, '0'.repeat(32), 'value0']) {
          const { res, id } = await query(app, { companyId, pageNo: 1, pageSize: 10 });
          expectErr(res, id, ERR.forbidden);
        }
      });

      it('lets a shared app read the companies it is installed in, and only those', async () => {
        const other = await newCompany(ctx);
        const { app: shared } = await sharedApp(ctx, [company.companyId]);
        const mine = await query(shared, { companyId: company.companyId, pageNo: 1, pageSize: 5 });
        expect(expectOk<EmployeePage>(mine.res, mine.id).total).toBe(SIZE);
        const theirs = await query(shared, { companyId: other.company.companyId, pageNo: 1, pageSize: 5 });
        expectErr(theirs.res, theirs.id, ERR.forbidden);
      });

      it('answers 403 in English when asked', async () => {
        const other = await newCompany(ctx);
        const { res, id } = await query(app, { companyId: other.company.companyId, pageNo: 1, pageSize: 10 }, { language: 'en-US' });
        expect(JSON.parse(res.text)).toEqual({ id, code: 403, message: 'request forbidden.', localizedMsg: 'request forbidden.', data: null });
      });
    });
  });
}
