/**
 * Issue 9 §3 leftovers: unregistering an employee leaves nothing that still points at it — a
 * department it managed has no manager (not whoever takes its freed userid next), its OA link goes
 * (signing in again with the same OA user makes a new employee), its IoT sessions and their tokens go.
 */
import { createHash, randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import type { AppCredentials } from '../../src/domain/app.js';
import { awaitBatch } from '../benefits/support/batches.js';
import { sdkJsonObjectCall } from '../benefits/support/java-sdk-json.js';
import { newEnterprise, uniqueId, uniqueMobile } from '../benefits/support/world.js';
import { gw } from '../oa/gateway.js';
import { testDatabases } from '../support/databases.js';
import { useRoster } from '../support/roster.js';
import { expectOk, issueCode, oaProfile, signedPost } from './support.js';

interface SessionData {
  identityId: string;
  iotToken: string;
  refreshToken: string;
}

const sha256 = (value: string) => createHash('sha256').update(value).digest('hex');

for (const db of testDatabases()) {
  describe(`unregister leaves nothing pointing at the erased employee (${db.name})`, () => {
    const ctx = useRoster(db);
    const unregister = async (app: AppCredentials, identityId: string) => {
      const id = randomUUID();
      const res = await signedPost(ctx().baseUrl, app, '/user/account/unregister', { id, version: '1.0', request: { apiVer: '1.0.1' }, params: { identityId } });
      expectOk(res, id);
    };

    it('a department it managed has no manager any more, also once another employee takes its userid', async () => {
      const ent = await newEnterprise(ctx().c, ctx().baseUrl);
      const cid = ent.company.companyId;
      const call = async (path: string, request: Record<string, unknown>) => (await ent.sdk.call(path, request)).body;
      const userid = uniqueId();
      const dept = uniqueId('D');
      expect((await call('/employee/add', { userid, name: '经理', mobile: uniqueMobile(), code: uniqueId('W') })).code).toBe(0);
      expect((await call('/department/add', { dept_code: dept, name: '被管部' })).code).toBe(0);
      expect((await call('/department/update', { dept_code: dept, manager_userid: userid })).code).toBe(0);
      expect((await call('/department/get', { dept_code: dept })).data).toMatchObject({ manager_userid: userid });

      const manager = (await ctx().c.store.repos.employees(cid).getByUserid(userid))!;
      await unregister(ent.app, manager.identityId);
      expect((await ctx().c.store.repos.setup(cid).getDepartment(dept))!.managerUserid).toBeNull();
      const shown = (await call('/department/get', { dept_code: dept })).data as Record<string, unknown>;
      expect(shown.manager_userid ?? null).toBeNull();
      expect(shown.manager_code ?? null).toBeNull();

      // The freed userid goes to someone else: they do not inherit the department.
      expect((await call('/employee/add', { userid, name: '新人', mobile: uniqueMobile() })).code).toBe(0);
      expect((await ctx().c.store.repos.setup(cid).getDepartment(dept))!.managerUserid).toBeNull();
    });

    it('failed batch rows that name it no longer show their text (the failure and totals stay); others keep theirs', async () => {
      const ent = await newEnterprise(ctx().c, ctx().baseUrl);
      const cid = ent.company.companyId;
      const userid = uniqueId();
      const mobile = uniqueMobile();
      expect((await ent.sdk.call('/employee/add', { userid, name: '要删的', mobile })).body.code).toBe(0);
      const rows = [
        { userid, name: '要删的', status: 1, dept_code: 'NOPE' },
        { userid: uniqueId(), name: '号码', status: 1, mobile: Number(mobile), dept_code: 'NOPE' },
        { userid: uniqueId(), name: '旁人', status: 1, mobile: uniqueMobile(), dept_code: 'NOPE' },
      ];
      const batch = (await sdkJsonObjectCall(ent.sdk, '/employee/v2/batchSynchronize', { employee_list: rows })).body.data as string;
      const before = await awaitBatch(ent.sdk, batch);
      expect(before.failures!.map((f) => f.service_data.includes('要删的') || f.service_data.includes(mobile))).toEqual([true, true, false]);

      await unregister(ent.app, (await ctx().c.store.repos.employees(cid).getByUserid(userid))!.identityId);
      const after = await awaitBatch(ent.sdk, batch);
      expect([after.total_count, after.failure_count]).toEqual([3, 3]);
      expect(after.failures!.map((f) => [f.service_data === '', f.code])).toEqual([
        [true, before.failures![0]!.code],
        [true, before.failures![1]!.code],
        [false, before.failures![2]!.code],
      ]);
    });

    it('its OA link and its IoT sessions go: the tokens answer nothing, and the same OA user signs in as a new employee', async () => {
      const ent = await newEnterprise(ctx().c, ctx().baseUrl);
      const cid = ent.company.companyId;
      const profile = oaProfile();
      const session = await gw<SessionData>(ctx, ent.app, 'session', { authCode: await issueCode(ctx, cid, profile, 'SESSION_ID'), codeType: 'SESSION_ID' });
      expect(session.code).toBe(200);
      const employee = (await ctx().c.store.repos.employees(cid).getByIdentityId(session.data.identityId))!;
      expect(await ctx().c.store.repos.sessions.findByIotToken(sha256(session.data.iotToken), Date.now())).toBeDefined();

      await unregister(ent.app, session.data.identityId);
      expect(await ctx().c.store.repos.sessions.findByIotToken(sha256(session.data.iotToken), Date.now())).toBeUndefined();
      expect(await ctx().c.store.repos.sessions.findRefresh(sha256(session.data.refreshToken))).toBeUndefined();
      expect(await ctx().c.store.repos.oaLinks(cid).find('dev', profile.oaUserId)).toBeUndefined();

      const again = await gw<{ employeeId: string }>(ctx, ent.app, 'create', { authCode: await issueCode(ctx, cid, profile), codeType: 'AUTH_CODE' });
      expect(again.code).toBe(200);
      expect(again.data.employeeId).not.toBe(employee.employeeId);
    });
  });
}
