/**
 * Issue 8 §1 audit, every door: changes made by an IoT app, a benefits app (single calls and batch
 * rows) and the `roster` CLI on the local store each leave exactly one event — the right actor,
 * object and field names, never a personal value — written in the change's own transaction, so a
 * refused request leaves none; the admin API lists them by actor (an app), object and time.
 */
import { randomUUID } from 'node:crypto';
import { beforeAll, describe, expect, it } from 'vitest';
import type { AppCredentials } from '../../src/domain/app.js';
import type { Company } from '../../src/domain/company.js';
import { ADMIN_TOKEN_COMMANDS } from '../../src/cli/admin-token.commands.js';
import { OA_COMMANDS } from '../../src/cli/oa.commands.js';
import { inProcessAdmin } from '../../src/cli/admin-client.js';
import { OA_CONNECTOR_COMMANDS } from '../../src/cli/oa-connector.commands.js';
import { SETUP_COMMANDS } from '../../src/cli/setup.commands.js';
import { awaitBatch } from '../benefits/support/batches.js';
import { sdkJsonObjectCall } from '../benefits/support/java-sdk-json.js';
import { newEnterprise, secondAheadSdk, uniqueId, uniqueMobile, type Enterprise } from '../benefits/support/world.js';
import { expectErr, expectOk, hostedApp, issueCode, newCompany, oaProfile, signedPost, uniquePhone } from '../iot/support.js';
import { gw } from '../oa/gateway.js';
import { testDatabases } from '../support/databases.js';
import { useAdmin } from './support.js';

interface Event {
  eventId: string;
  companyId: string | null;
  actor: { kind: string; id: string; name: string };
  action: string;
  objectType: string;
  objectId: string | null;
  changedFields: string[];
  at: string;
}

const IOT = {
  createByAuthCode: ['/user/account/employee/createbyauthcode', '1.0.0'],
  create: ['/user/account/employee/create', '1.0.4'],
  modifyPhone: ['/user/account/employee/modifyphone', '1.0.0'],
  unregister: ['/user/account/unregister', '1.0.1'],
} as const;

const CARD_NO = '110101199003070919';
const PHONE_REGISTERED = [2478, 'this phone has registered', '该手机号已被注册'] as const;

for (const db of testDatabases()) {
  describe(`audit log of every door (${db.name})`, () => {
    let clock = Date.now();
    const ctx = useAdmin(db, { now: () => clock });
    /** Every event of the company, newest first, through the admin API. */
    const events = async (query: string): Promise<Event[]> => {
      const reply = await ctx().call('GET', `/audit-events?${query}&limit=200`);
      expect(reply.status).toBe(200);
      return reply.body.items;
    };
    const employeeIdOf = async (companyId: string, identityId: string) => (await ctx().c.store.repos.employees(companyId).getByIdentityId(identityId))!.employeeId;

    describe('IoT dialect (actor: the app)', () => {
      let company: Company;
      let app: AppCredentials;
      const iot = async ([path, apiVer]: readonly [string, string], params: Record<string, unknown>) => {
        const id = randomUUID();
        return { res: await signedPost(ctx().baseUrl, app, path, { id, version: '1.0', request: { apiVer }, params }), id };
      };

      beforeAll(async () => {
        company = (await newCompany(ctx)).company;
        app = await hostedApp(ctx, company.companyId);
      });

      it('employee/create, modifyphone and unregister each leave one event naming fields, not values; a refused call none', async () => {
        const cid = company.companyId;
        const phone = uniquePhone();
        const email = `audit-${randomUUID()}@example.com`;
        const created = await iot(IOT.create, { companyId: cid, name: '审计甲', phone, email, password: 'Secret-pass-1' });
        const identityId = expectOk<{ identityId: string }>(created.res, created.id).identityId;
        const employeeId = await employeeIdOf(cid, identityId);
        let mine = await events(`companyId=${cid}&objectId=${employeeId}`);
        expect(mine).toHaveLength(1);
        expect(mine[0]).toMatchObject({ companyId: cid, actor: { kind: 'app', id: app.appKey, name: app.name }, action: 'createEmployee', objectType: 'employee', objectId: employeeId });
        expect(mine[0]!.changedFields).toEqual(expect.arrayContaining(['email', 'name', 'password', 'phone']));

        // Refused: the phone is the main account's (2478) — no event.
        const taken = await iot(IOT.modifyPhone, { companyId: cid, identityId, phone: await mainPhone(cid) });
        expectErr(taken.res, taken.id, PHONE_REGISTERED);
        expect(await events(`companyId=${cid}&objectId=${employeeId}`)).toHaveLength(1);

        const newPhone = uniquePhone();
        const moved = await iot(IOT.modifyPhone, { companyId: cid, identityId, phone: newPhone });
        expectOk(moved.res, moved.id);
        mine = await events(`companyId=${cid}&objectId=${employeeId}`);
        expect(mine.map((e) => [e.action, e.changedFields])).toEqual([['modifyPhone', ['phone']], ['createEmployee', mine[1]!.changedFields]]);

        // Refused: unknown identity (460) — no event.
        const unknown = await iot(IOT.unregister, { identityId: 'x'.repeat(40) });
        expect(JSON.parse(unknown.res.text).code).toBe(460);
        const gone = await iot(IOT.unregister, { identityId });
        expectOk(gone.res, gone.id);
        mine = await events(`companyId=${cid}&objectId=${employeeId}`);
        expect(mine.map((e) => e.action)).toEqual(['deleteEmployee', 'modifyPhone', 'createEmployee']);
        expect(mine[0]).toMatchObject({ actor: { kind: 'app', id: app.appKey }, changedFields: [] });
        // The erased person's data is nowhere in the log.
        const text = JSON.stringify(await events(`companyId=${cid}`));
        for (const value of ['审计甲', phone, newPhone, email, 'Secret-pass-1', phone.slice(-8)]) expect(text).not.toContain(value);
      });

      it('the event costs no transaction of its own: an audited create is its nonce and one transaction', async () => {
        const { c } = ctx();
        const before = { ...c.store.stats };
        const created = await iot(IOT.create, { companyId: company.companyId, name: '计数', phone: uniquePhone() });
        const employeeId = (await ctx().c.store.repos.employees(company.companyId).getByIdentityId(expectOk<{ identityId: string }>(created.res, created.id).identityId))!.employeeId;
        expect(c.store.stats.transactions - before.transactions).toBe(2);
        expect(c.store.stats.commits - before.commits).toBeLessThanOrEqual(2);
        expect(await events(`objectId=${employeeId}`)).toHaveLength(1);
      });

      it('a first OA sign-in (createbyauthcode) creates the employee and is audited; signing in again with the same profile is not', async () => {
        const cid = company.companyId;
        const profile = oaProfile();
        const first = await iot(IOT.createByAuthCode, { authCode: await issueCode(ctx, cid, profile), codeType: 'AUTH_CODE' });
        const { employeeId } = expectOk<{ employeeId: string }>(first.res, first.id);
        const again = await iot(IOT.createByAuthCode, { authCode: await issueCode(ctx, cid, profile), codeType: 'AUTH_CODE' });
        expectOk(again.res, again.id);
        const mine = await events(`companyId=${cid}&objectId=${employeeId}`);
        expect(mine.map((e) => [e.action, e.actor.id])).toEqual([['createEmployeeFromOa', app.appKey]]);
        expect(JSON.stringify(mine)).not.toContain(profile.phone);
        expect(JSON.stringify(mine)).not.toContain(profile.name);
      });

      async function mainPhone(cid: string): Promise<string> {
        const main = (await ctx().c.directory.getCompany(cid)).mainEmployeeId!;
        return (await ctx().c.store.repos.employees(cid).getById(main))!.phoneRaw!;
      }
    });

    describe('benefits dialect (actor: the app)', () => {
      let ent: Enterprise;
      const call = async (path: string, request: Record<string, unknown>) => (await ent.sdk.call(path, request)).body;

      beforeAll(async () => {
        ent = await newEnterprise(ctx().c, ctx().baseUrl);
      });

      it('employee add, update, resign and restore each leave one event; the ID number and phone are named, never shown', async () => {
        const cid = ent.company.companyId;
        const userid = uniqueId();
        const mobile = uniqueMobile();
        expect((await call('/employee/add', { userid, name: '福利乙', mobile, card_type: 1, card_no: CARD_NO })).code).toBe(0);
        const employeeId = (await ctx().c.store.repos.employees(cid).getByUserid(userid))!.employeeId;
        const other = uniqueId();
        expect((await call('/employee/add', { userid: other, name: '丙', mobile: uniqueMobile() })).code).toBe(0);
        // Refused: the mobile is taken — no event.
        expect((await call('/employee/update', { userid: other, mobile })).code).toBe(1002218007);
        expect((await call('/employee/update', { userid, remark: '备注内容' })).code).toBe(0);
        expect((await call('/employee/resign', { userid })).code).toBe(0);
        // Another second, so another sign: resign and restore send the same params.
        expect((await secondAheadSdk(ent).call('/employee/restore', { userid })).body.code).toBe(0);
        const mine = await events(`companyId=${cid}&objectId=${employeeId}`);
        expect(mine.map((e) => e.action)).toEqual(['restoreEmployee', 'resignEmployee', 'updateEmployee', 'createEmployee']);
        expect(mine.every((e) => e.actor.kind === 'app' && e.actor.id === ent.app.appKey && e.objectType === 'employee')).toBe(true);
        expect(mine[2]!.changedFields).toEqual(['remark']);
        expect(mine[3]!.changedFields).toEqual(expect.arrayContaining(['cardNo', 'cardType', 'name', 'phone', 'userid']));
        const text = JSON.stringify(mine);
        for (const value of [CARD_NO, mobile, '福利乙', '备注内容']) expect(text).not.toContain(value);
      });

      it('department add, update and delete are audited as the app; a refused delete is not', async () => {
        const cid = ent.company.companyId;
        const code = uniqueId('D');
        expect((await call('/department/add', { dept_code: code, name: '审计部' })).code).toBe(0);
        expect((await call('/department/update', { dept_code: code, name: '审计二部' })).code).toBe(0);
        const member = uniqueId();
        expect((await call('/employee/add', { userid: member, name: '成员', mobile: uniqueMobile(), dept_code: code })).code).toBe(0);
        expect((await call('/department/delete', { dept_code: code })).code).not.toBe(0);
        expect((await call('/employee/update', { userid: member, dept_code: 'ROOT' })).code).toBe(0);
        // Another second, so another sign: the refused delete's sign stays spent.
        expect((await secondAheadSdk(ent).call('/department/delete', { dept_code: code })).body.code).toBe(0);
        const mine = await events(`companyId=${cid}&objectType=department&objectId=${code}`);
        expect(mine.map((e) => [e.action, e.changedFields])).toEqual([
          ['deleteDepartment', []],
          ['updateDepartment', ['name']],
          ['createDepartment', ['deptCode', 'name']],
        ]);
        expect(mine.every((e) => e.actor.id === ent.app.appKey)).toBe(true);
      });

      it('a batch with good and bad rows leaves one event per good row, none for the bad ones', async () => {
        const cid = ent.company.companyId;
        const before = (await events(`actorId=${ent.app.appKey}`)).length;
        const good: [string, string] = [uniqueId(), uniqueId()];
        const rows = [
          { userid: good[0], name: '批一', status: 1, mobile: uniqueMobile() },
          { userid: uniqueId(), status: 1, mobile: uniqueMobile() }, // no name
          { userid: good[1], name: '批二', status: 1, mobile: uniqueMobile(), card_type: 1, card_no: CARD_NO },
          { userid: uniqueId(), name: '坏部门', status: 1, mobile: uniqueMobile(), dept_code: 'NOPE' },
        ];
        const reply = (await sdkJsonObjectCall(ent.sdk, '/employee/v2/batchSynchronize', { employee_list: rows })).body;
        expect(reply.code).toBe(0);
        const result = await awaitBatch(ent.sdk, reply.data as string);
        expect([result.success_count, result.failure_count]).toEqual([2, 2]);
        const all = await events(`actorId=${ent.app.appKey}`);
        expect(all).toHaveLength(before + 2);
        const created = all.slice(0, 2);
        expect(created.every((e) => e.action === 'createEmployee' && e.companyId === cid)).toBe(true);
        const ids = await Promise.all(good.map(async (u) => (await ctx().c.store.repos.employees(cid).getByUserid(u))!.employeeId));
        expect(created.map((e) => e.objectId).sort()).toEqual(ids.sort());
        expect(created.every((e) => e.actor.id === ent.app.appKey)).toBe(true);
        expect(JSON.stringify(created)).not.toContain(CARD_NO);
      });
    });

    describe('the CLI on the local store (actor: local-cli)', () => {
      it('the commands on the local store (oa connector, app create --sessions, app set-oa) are audited as the CLI, secrets by name only; a refused one is not', async () => {
        const { c } = ctx();
        const cid = (await newCompany(ctx)).company.companyId;
        const secret = `s-${randomUUID()}`;
        const config = JSON.stringify({ corpId: 'ww1', agentId: 1000002, secret, apiBaseUrl: 'http://127.0.0.1:9' });
        // As `roster` runs them without --url: the admin API started in this process on the local store.
        const local = await inProcessAdmin(c);
        try {
          const oa = OA_CONNECTOR_COMMANDS['oa connector']!;
          const { connectorId } = (await oa(local.admin, ['add', '--company', cid, '--kind', 'wecom', '--config', config])) as { connectorId: string };
          await expect(oa(local.admin, ['add', '--company', cid, '--kind', 'wecom', '--config', '{}'])).rejects.toThrow();
          const { appKey } = (await SETUP_COMMANDS['app create']!(local.admin, ['--company', cid, '--sessions', '2'])) as { appKey: string };
          await OA_CONNECTOR_COMMANDS['app set-oa']!(local.admin, ['--app', appKey, '--connector', connectorId]);
          await oa(local.admin, ['update', '--connector', connectorId, '--config', config]);
          const mine = await events(`actorId=local-cli&companyId=${cid}`);
          expect(mine.map((e) => [e.action, e.objectType, e.objectId, e.actor.kind])).toEqual([
            ['updateOaConnector', 'oaConnector', connectorId, 'cli'],
            ['updateApp', 'app', appKey, 'cli'],
            ['createApp', 'app', appKey, 'cli'],
            ['createOaConnector', 'oaConnector', connectorId, 'cli'],
          ]);
          expect(mine[3]!.changedFields).toEqual(expect.arrayContaining(['config', 'kind']));
          expect(JSON.stringify(mine)).not.toContain(secret);
        } finally {
          await local.close();
        }
      });

      it('roster session revoke is audited as the CLI when it revoked something', async () => {
        const { c } = ctx();
        const company = (await newCompany(ctx)).company;
        const app = await hostedApp(ctx, company.companyId);
        const session = await gw<{ identityId: string }>(ctx, app, 'session', { authCode: await issueCode(ctx, company.companyId, oaProfile(), 'SESSION_ID'), codeType: 'SESSION_ID' });
        expect(session.code).toBe(200);
        const employeeId = await employeeIdOf(company.companyId, session.data.identityId);
        expect(await OA_COMMANDS['session revoke']!(c, ['--employee', employeeId, '--company', company.companyId])).toEqual({ revoked: 1 });
        expect(await OA_COMMANDS['session revoke']!(c, ['--employee', employeeId, '--company', company.companyId])).toEqual({ revoked: 0 });
        const mine = await events(`actorId=local-cli&objectId=${employeeId}`);
        expect(mine.map((e) => [e.action, e.companyId, e.changedFields])).toEqual([['revokeSessions', company.companyId, ['sessions']]]);
      });

      it('roster admin token create and revoke are audited as the CLI, never with the token', async () => {
        const { c } = ctx();
        const cid = (await newCompany(ctx)).company.companyId;
        const created = (await ADMIN_TOKEN_COMMANDS['admin token']!(c, ['create', '--company', cid, '--name', 'ci'])) as { token: string; tokenId: string };
        await expect(ADMIN_TOKEN_COMMANDS['admin token']!(c, ['revoke', 'no-such-token'])).rejects.toThrow();
        await ADMIN_TOKEN_COMMANDS['admin token']!(c, ['revoke', created.tokenId]);
        const mine = await events(`actorId=local-cli&objectType=operatorToken&objectId=${created.tokenId}`);
        expect(mine.map((e) => [e.action, e.companyId, e.actor.kind])).toEqual([
          ['revokeOperatorToken', cid, 'cli'],
          ['createOperatorToken', cid, 'cli'],
        ]);
        expect(JSON.stringify(mine)).not.toContain(created.token.slice(4));
      });
    });

    it('keeps app events for the retention setting: roster serve’s sweep deletes older ones with no admin change', async () => {
      const { c, baseUrl } = ctx();
      const ent = await newEnterprise(c, baseUrl);
      expect((await ent.sdk.call('/employee/add', { userid: uniqueId(), name: '旧', mobile: uniqueMobile() })).body.code).toBe(0);
      expect(await events(`actorId=${ent.app.appKey}`)).toHaveLength(1);
      const saved = clock;
      clock += 366 * 86_400_000;
      try {
        expect(await c.admin.audit.sweep()).toBeGreaterThan(0);
        expect(await events(`actorId=${ent.app.appKey}`)).toHaveLength(0);
      } finally {
        clock = saved;
      }
    });

    it('lists by actor (an app), object and time', async () => {
      const { c, baseUrl } = ctx();
      const ent = await newEnterprise(c, baseUrl);
      const cid = ent.company.companyId;
      const [a, b] = [uniqueId(), uniqueId()];
      expect((await ent.sdk.call('/employee/add', { userid: a, name: '甲', mobile: uniqueMobile() })).body.code).toBe(0);
      clock += 60_000;
      const between = new Date(clock).toISOString();
      expect((await ent.sdk.call('/employee/add', { userid: b, name: '乙', mobile: uniqueMobile() })).body.code).toBe(0);
      const idOf = async (u: string) => (await c.store.repos.employees(cid).getByUserid(u))!.employeeId;

      const byApp = await events(`actorId=${ent.app.appKey}`);
      expect(byApp.map((e) => e.objectId)).toEqual([await idOf(b), await idOf(a)]);
      expect((await events(`objectId=${await idOf(a)}`)).map((e) => e.actor.id)).toEqual([ent.app.appKey]);
      expect((await events(`actorId=${ent.app.appKey}&since=${between}`)).map((e) => e.objectId)).toEqual([await idOf(b)]);
      expect((await events(`actorId=${ent.app.appKey}&until=${between}`)).map((e) => e.objectId)).toEqual([await idOf(a)]);
    });
  });
}
