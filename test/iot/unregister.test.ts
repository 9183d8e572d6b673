/**
 * `/user/account/unregister` (issue 9 §3): the employee is deleted for good, on both engines. Its row
 * and personal data leave the store, its phone and email are free again, listings and totals stay
 * exact, paging by page number stays exact across blocks of deletions, and a walk racing with
 * deletions never shows a row twice nor one deleted before the walk began.
 */
import { randomUUID } from 'node:crypto';
import { beforeAll, describe, expect, it } from 'vitest';
import type { AppCredentials } from '../../src/domain/app.js';
import { insertNewEmployee } from '../../src/app/new-employee.js';
import { DELETION_BLOCK } from '../../src/storage/sql/employee-rank.js';
import { testDatabases } from '../support/databases.js';
import { useRoster } from '../support/roster.js';
import { ERR, expectErr, expectIotError, expectOk, hostedApp, newCompany, sharedApp, signedPost, uniquePhone, type EmployeePage, type Signer, type TestCompany } from './support.js';

const P = {
  unregister: ['/user/account/unregister', '1.0.1'],
  create: ['/user/account/employee/create', '1.0.4'],
  get: ['/industry/user/account/get', '1.0.4'],
  query: ['/user/account/employee/querybycompanyid', '1.0.0'],
} as const;

const IDENTITY_BLANK = [460, 'identityId is blank', '需要注销的账号不存在'] as const;

for (const db of testDatabases()) {
  describe(`unregister (${db.name})`, () => {
    const ctx = useRoster(db);
    const call = async (app: Signer, [path, apiVer]: readonly [string, string], params: Record<string, unknown>) => {
      const id = randomUUID();
      return { res: await signedPost(ctx().baseUrl, app, path, { id, version: '1.0', request: { apiVer }, params }), id };
    };
    let t: TestCompany;
    let app: AppCredentials;
    const create = async (phone = uniquePhone(), email = `${randomUUID()}@example.com`) => {
      const { res, id } = await call(app, P.create, { companyId: t.company.companyId, name: '王五', phone, email });
      return expectOk<{ identityId: string }>(res, id).identityId;
    };
    const page = async (pageNo: number, pageSize: number) => {
      const { res, id } = await call(app, P.query, { companyId: t.company.companyId, pageNo, pageSize });
      return expectOk<EmployeePage>(res, id);
    };

    beforeAll(async () => {
      t = await newCompany(ctx);
      app = await hostedApp(ctx, t.company.companyId);
    });

    it('deletes the employee: gone from get, listings and the store; its phone and email are free; totals exact', async () => {
      const phone = uniquePhone();
      const email = `${randomUUID()}@example.com`;
      const victim = await create(phone, email);
      const before = await page(1, 100);
      const { res, id } = await call(app, P.unregister, { identityId: victim });
      expect(expectOk(res, id)).toBe('');

      const got = await call(app, P.get, { employeeId: victim });
      expectErr(got.res, got.id, ERR.userNotFound);
      const after = await page(1, 100);
      expect(after.total).toBe(before.total - 1);
      expect(after.pageCount).toBe(Math.ceil(after.total / 100));
      expect(after.employeeList.map((e) => e.identityId)).toEqual(before.employeeList.map((e) => e.identityId).filter((i) => i !== victim));
      expect(await ctx().c.store.repos.employees(t.company.companyId).getByIdentityId(victim)).toBeUndefined();
      expect(await ctx().c.store.repos.employees(t.company.companyId).getByEmail(email)).toBeUndefined();
      // The same phone and email register again, as a new identity.
      expect(await create(phone, email)).not.toBe(victim);
    });

    it('the benefits listing (batchGet) agrees: one fewer in its total and its pages', async () => {
      const victim = await create();
      const before = await ctx().c.benefitsEmployees.batchGet(app, undefined, 1, 100);
      await call(app, P.unregister, { identityId: victim });
      const after = await ctx().c.benefitsEmployees.batchGet(app, undefined, 1, 100);
      expect(after.total).toBe(before.total - 1);
      expect(after.employees.map((e) => e.employee.identityId)).toEqual(before.employees.map((e) => e.employee.identityId).filter((i) => i !== victim));
    });

    it('answers 460 identityId is blank for a missing, blank, unknown or already deleted identity', async () => {
      const victim = await create();
      const first = await call(app, P.unregister, { identityId: victim });
      expect(expectOk(first.res, first.id)).toBe('');
      for (const params of [{}, { identityId: '' }, { identityId: '  ' }, { identityId: 'nobody' }, { identityId: victim }]) {
        const { res, id } = await call(app, P.unregister, params);
        expectIotError(res, id, ...IDENTITY_BLANK);
      }
      const wrongType = await call(app, P.unregister, { identityId: 42 });
      expectErr(wrongType.res, wrongType.id, ERR.param);
    });

    it('keeps the main account (403), and answers 102126 to a shared app, which names no company here', async () => {
      const { res, id } = await call(app, P.unregister, { identityId: t.company.mainIdentityId });
      expectErr(res, id, ERR.forbidden);
      const shared = await sharedApp(ctx, [t.company.companyId]);
      const victim = await create();
      const r = await call(shared.app, P.unregister, { identityId: victim });
      expectErr(r.res, r.id, ERR.tenantNotFound);
      // An employee of another company is unknown to this app's company.
      const other = await newCompany(ctx);
      const otherApp = await hostedApp(ctx, other.company.companyId);
      const foreign = await call(otherApp, P.unregister, { identityId: victim });
      expectIotError(foreign.res, foreign.id, ...IDENTITY_BLANK);
    });

    describe('paging after deletions across blocks', () => {
      const SIZE = 2 * DELETION_BLOCK + 300;
      let companyId: string;
      let identities: string[];

      beforeAll(async () => {
        const c = await newCompany(ctx);
        companyId = c.company.companyId;
        identities = [c.company.mainIdentityId!];
        await ctx().c.store.transaction(async (repos) => {
          for (let i = 1; i < SIZE; i++) {
            const e = await insertNewEmployee(repos, companyId, { name: `员工${i}`, phoneE164: `+86139${String(i).padStart(8, '0')}` }, Date.now());
            identities.push(e.identityId);
          }
        });
      }, 120_000);

      const erase = (identityId: string) =>
        ctx().c.store.transaction(async (repos) => {
          const e = await repos.employees(companyId).getByIdentityId(identityId);
          return e ? repos.employees(companyId).erase(e.employeeId) : false;
        });

      it('every page is exact after a third was deleted at random, a whole block included', async () => {
        const doomed = new Set(identities.filter((_, i) => i > 0 && (i % 3 === 1 || (i > DELETION_BLOCK && i <= 2 * DELETION_BLOCK))));
        for (const id of doomed) await erase(id);
        const live = identities.filter((id) => !doomed.has(id));
        const repo = ctx().c.store.repos.employees(companyId);
        for (const pageSize of [100, 37]) {
          const seen: string[] = [];
          for (let offset = 0; offset < live.length + pageSize; offset += pageSize) {
            const p = (await repo.listingAt(offset, pageSize))!;
            expect(p.total).toBe(live.length);
            seen.push(...p.employees.map((e) => e.identityId));
          }
          expect(seen).toEqual(live);
        }
        const desc = await repo.employeesAt(live.length - 1, 10);
        expect(desc.employees.map((e) => e.identityId)).toEqual([live.at(-1)]);
      }, 120_000);

      it('a walk racing with deletions shows no row twice and none deleted before it began', async () => {
        const repo = ctx().c.store.repos.employees(companyId);
        const { total } = (await repo.listingAt(0, 1))!;
        const all: string[] = [];
        for (let offset = 0; offset < total; offset += 100) all.push(...(await repo.listingAt(offset, 100))!.employees.map((e) => e.identityId));
        const deletedBefore = new Set(all.filter((_, i) => i % 7 === 3));
        for (const id of deletedBefore) await erase(id);
        // Rows early in creation order: deleting them shifts every later page the walk has yet to read.
        const racing = all.filter((id, i) => !deletedBefore.has(id) && i > 0 && i < all.length / 2 && i % 2 === 0);
        let stop = false;
        // Four deleters, so deletions commit between any two reads of a walk.
        const deleters = [0, 1, 2, 3].map(async (k) => {
          for (const id of racing.filter((_, i) => i % 4 === k)) {
            if (stop) break;
            await erase(id);
          }
        });
        const walks: string[][] = [];
        for (let w = 0; w < 2; w++) {
          const seen: string[] = [];
          for (let pageNo = 1; ; pageNo++) {
            const p = (await repo.listingAt((pageNo - 1) * 10, 10))!;
            if (p.employees.length === 0) break;
            seen.push(...p.employees.map((e) => e.identityId));
          }
          walks.push(seen);
        }
        stop = true;
        await Promise.all(deleters);
        for (const seen of walks) {
          expect(new Set(seen).size).toBe(seen.length);
          expect(seen.filter((id) => deletedBefore.has(id))).toEqual([]);
          // Creation order holds within the walk.
          const order = seen.map((id) => all.indexOf(id));
          expect(order).toEqual([...order].sort((a, b) => a - b));
        }
      }, 120_000);
    });
  });
}
