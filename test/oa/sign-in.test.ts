/**
 * createbyauthcode through real connectors (DingTalk, WeCom, Feishu fakes on loopback), called with
 * the real `aliyun-api-gateway` client, on SQLite and PostgreSQL: employee links, the benefits userid,
 * phones, races, and every upstream failure on its seed code.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testDatabases } from '../support/databases.js';
import { useRoster } from '../support/roster.js';
import { hostedApp, issueCode, newCompany, sharedApp, storedEmployees, uniquePhone } from '../iot/support.js';
import { startDingtalkFake, type DingtalkFake, type DingUser } from './fakes/dingtalk.fake.js';
import { startFeishuFake, type FeishuFake } from './fakes/feishu.fake.js';
import { startOidcProvider, type OidcFake } from './fakes/oidc-provider.js';
import { startWecomFake, type WecomFake } from './fakes/wecom.fake.js';
import { gw, outcome, SEED } from './gateway.js';

let ding: DingtalkFake;
let wecom: WecomFake;
let feishu: FeishuFake;
let op: OidcFake;
beforeAll(async () => {
  [ding, wecom, feishu, op] = await Promise.all([startDingtalkFake(), startWecomFake(), startFeishuFake(), startOidcProvider()]);
});
afterAll(async () => {
  await Promise.all([ding.close(), wecom.close(), feishu.close(), op.close()]);
});

let n = 0;
function dingUser(over: Partial<DingUser> = {}): DingUser {
  n += 1;
  const u = { userid: `ding${n}-${Date.now()}`, unionid: `union${n}-${Date.now()}`, name: `钉钉用户${n}`, mobile: uniquePhone(), email: `d${n}-${Date.now()}@corp.example`, avatar: 'https://static.dingtalk.com/a.png', job_number: `J${n}${Date.now() % 1000}`, ...over };
  ding.addUser(u);
  return u;
}

for (const db of testDatabases()) {
  describe(`sign-in through OA connectors (${db.name})`, () => {
    const ctx = useRoster(db);
    const dingConfig = (over: Record<string, unknown> = {}) => ({ clientId: ding.clientId, clientSecret: ding.clientSecret, corpId: ding.corpId, apiBaseUrl: ding.url, oapiBaseUrl: ding.url, ...over });

    async function dingCompany(over: Record<string, unknown> = {}) {
      const { company } = await newCompany(ctx);
      const connectorId = await ctx().c.oaConnectors.add(company.companyId, 'dingtalk', dingConfig(over));
      const app = await hostedApp(ctx, company.companyId);
      return { company, app, connectorId };
    }

    it('DingTalk: the first sign-in creates the employee, the second (either code type) returns it', async () => {
      const { company, app } = await dingCompany();
      const u = dingUser();
      const first = await gw(ctx, app, 'create', { authCode: ding.code(u, 'AUTH_CODE'), codeType: 'AUTH_CODE' });
      expect(first).toMatchObject({ code: 200, data: { phone: u.mobile, email: u.email, nickName: u.name, avatarUrl: u.avatar, companyId: company.companyId } });
      const second = await gw(ctx, app, 'create', { authCode: ding.code(u, 'SESSION_ID'), codeType: 'SESSION_ID' });
      expect(second.code).toBe(200);
      expect((second.data as { employeeId: string }).employeeId).toBe((first.data as { employeeId: string }).employeeId);
      const all = await storedEmployees(ctx, company.companyId);
      const stored = all.filter((e) => !e.isMain);
      expect(stored).toHaveLength(1);
      // One directory: the benefits userid is the OA user id, the work number the job number; the
      // main account has a (generated) userid too.
      expect(stored[0]).toMatchObject({ userid: u.userid, workNumber: u.job_number, oaUserId: null });
      expect(all.find((e) => e.isMain)!.userid).toMatch(/^[a-z0-9]{40}$/);
    });

    it('a connector update (a rotated secret) takes effect at once and keeps the employees\' links', async () => {
      const { app, connectorId } = await dingCompany();
      const u = dingUser();
      const first = await gw(ctx, app, 'create', { authCode: ding.code(u, 'SESSION_ID'), codeType: 'SESSION_ID' });
      await ctx().c.oaConnectors.update(connectorId, dingConfig({ clientSecret: 'rotated-but-wrong' }));
      expect(outcome(await gw(ctx, app, 'create', { authCode: ding.code(u, 'SESSION_ID'), codeType: 'SESSION_ID' }))).toEqual(SEED.backend);
      await ctx().c.oaConnectors.update(connectorId, dingConfig());
      const again = await gw(ctx, app, 'create', { authCode: ding.code(u, 'SESSION_ID'), codeType: 'SESSION_ID' });
      expect((again.data as { employeeId: string }).employeeId).toBe((first.data as { employeeId: string }).employeeId);
    });

    it('a repeated sign-in takes the new name and avatar from the OA', async () => {
      const { app } = await dingCompany();
      const u = dingUser();
      await gw(ctx, app, 'create', { authCode: ding.code(u, 'AUTH_CODE'), codeType: 'AUTH_CODE' });
      ding.addUser({ ...u, name: '改名了', avatar: 'https://static.dingtalk.com/new.png' });
      const again = await gw(ctx, app, 'create', { authCode: ding.code(u, 'AUTH_CODE'), codeType: 'AUTH_CODE' });
      expect(again.data).toMatchObject({ nickName: '改名了', avatarUrl: 'https://static.dingtalk.com/new.png' });
    });

    it('20 simultaneous sign-ins of one OA user: all 200, one employee', async () => {
      const { company, app } = await dingCompany();
      const u = dingUser();
      const results = await Promise.all(Array.from({ length: 20 }, (_, i) => gw(ctx, app, 'create', { authCode: ding.code(u, i % 2 ? 'AUTH_CODE' : 'SESSION_ID'), codeType: i % 2 ? 'AUTH_CODE' : 'SESSION_ID' })));
      expect(results.map((r) => r.code)).toEqual(Array(20).fill(200));
      expect(new Set(results.map((r) => (r.data as { employeeId: string }).employeeId)).size).toBe(1);
      expect((await storedEmployees(ctx, company.companyId)).filter((e) => !e.isMain)).toHaveLength(1);
    });

    it('a different OA user with a taken phone gets 2441; a malformed phone 2404; no phone: created without one unless requirePhone', async () => {
      const { company, app } = await dingCompany();
      const phone = uniquePhone();
      expect((await gw(ctx, app, 'create', { authCode: ding.code(dingUser({ mobile: phone }), 'SESSION_ID'), codeType: 'SESSION_ID' })).code).toBe(200);
      expect(outcome(await gw(ctx, app, 'create', { authCode: ding.code(dingUser({ mobile: phone }), 'SESSION_ID'), codeType: 'SESSION_ID' }))).toEqual(SEED.phoneTaken);
      expect(outcome(await gw(ctx, app, 'create', { authCode: ding.code(dingUser({ mobile: '12345' }), 'SESSION_ID'), codeType: 'SESSION_ID' }))).toEqual(SEED.phoneInvalid);
      const phoneless = await gw(ctx, app, 'create', { authCode: ding.code(dingUser({ mobile: '' }), 'SESSION_ID'), codeType: 'SESSION_ID' });
      expect(phoneless).toMatchObject({ code: 200, data: { phone: null } });
      expect((await storedEmployees(ctx, company.companyId)).filter((e) => !e.isMain)).toHaveLength(2);

      // An e-mail longer than the directory keeps is left out rather than failing the sign-in.
      const long = await gw(ctx, app, 'create', { authCode: ding.code(dingUser({ email: `${'x'.repeat(120)}@corp.example` }), 'SESSION_ID'), codeType: 'SESSION_ID' });
      expect(long).toMatchObject({ code: 200, data: { email: null } });

      const strict = await dingCompany({ requirePhone: true });
      expect(outcome(await gw(ctx, strict.app, 'create', { authCode: ding.code(dingUser({ mobile: '' }), 'SESSION_ID'), codeType: 'SESSION_ID' }))).toEqual(SEED.phoneInvalid);
    });

    it('a different OA user with both the phone and the e-mail of an employee gets 2441 (the phone answer wins), repeatedly', async () => {
      const { company, main } = await newCompany(ctx);
      await ctx().c.oaConnectors.add(company.companyId, 'dingtalk', dingConfig());
      const app = await hostedApp(ctx, company.companyId);
      for (let i = 0; i < 3; i++) {
        const u = dingUser({ mobile: main.phone, email: main.email });
        expect(outcome(await gw(ctx, app, 'create', { authCode: ding.code(u, 'SESSION_ID'), codeType: 'SESSION_ID' }))).toEqual(SEED.phoneTaken);
      }
      expect(await storedEmployees(ctx, company.companyId)).toHaveLength(1);
    });

    it('refused codes and non-members answer 2459; a broken OA 20004; a slow one 20056', async () => {
      const { app } = await dingCompany();
      expect(outcome(await gw(ctx, app, 'create', { authCode: 'not-a-code', codeType: 'SESSION_ID' }))).toEqual(SEED.codeInvalid);
      expect(outcome(await gw(ctx, app, 'create', { authCode: ding.code(dingUser(), 'AUTH_CODE', 'dingforeign'), codeType: 'AUTH_CODE' }))).toEqual(SEED.codeInvalid);
      const u = dingUser();
      try {
        ding.failWith = { status: 502, body: 'Bad Gateway' };
        expect(outcome(await gw(ctx, app, 'create', { authCode: ding.code(u, 'SESSION_ID'), codeType: 'SESSION_ID' }))).toEqual(SEED.backend);
        ding.failWith = undefined;
        ding.slowMs = 4_000;
        expect(outcome(await gw(ctx, app, 'create', { authCode: ding.code(u, 'SESSION_ID'), codeType: 'SESSION_ID' }))).toEqual(SEED.timeout);
      } finally {
        ding.failWith = undefined;
        ding.slowMs = 0;
      }
    });

    it('a slow OA holds no database connection: another company signs in while it waits', async () => {
      const slow = await dingCompany();
      const { company } = await newCompany(ctx);
      await ctx().c.oaConnectors.add(company.companyId, 'wecom', { corpId: wecom.corpId, agentId: 1, secret: wecom.secret, apiBaseUrl: wecom.url });
      const fast = await hostedApp(ctx, company.companyId);
      const u = { userid: `fast${Date.now()}${db.name}`, name: '快' };
      wecom.addUser(u);
      const slowCode = ding.code(dingUser(), 'SESSION_ID');
      ding.slowMs = 800; // each of its calls: the sign-in waits at least 1.6 s on DingTalk
      try {
        let slowDone = false;
        const pending = gw(ctx, slow.app, 'create', { authCode: slowCode, codeType: 'SESSION_ID' }).finally(() => (slowDone = true));
        await new Promise((r) => setTimeout(r, 100)); // the slow sign-in is now waiting on its OA
        expect((await gw(ctx, fast, 'create', { authCode: wecom.code(u, 'AUTH_CODE'), codeType: 'AUTH_CODE' })).code).toBe(200);
        expect(slowDone).toBe(false);
        expect([200, 20056]).toContain((await pending).code); // 20056 if the machine is slow enough to pass the budget
      } finally {
        ding.slowMs = 0;
      }
    });

    it('WeCom: a web-login code signs in without a phone, an in-client code of the same user finds the same employee', async () => {
      const { company } = await newCompany(ctx);
      await ctx().c.oaConnectors.add(company.companyId, 'wecom', { corpId: wecom.corpId, agentId: '1000002', secret: wecom.secret, apiBaseUrl: wecom.url });
      const app = await hostedApp(ctx, company.companyId);
      const u = { userid: `wx${Date.now()}`, name: '企业微信用户', mobile: uniquePhone() };
      wecom.addUser(u);
      const web = await gw(ctx, app, 'create', { authCode: wecom.code(u, 'AUTH_CODE'), codeType: 'AUTH_CODE' });
      expect(web).toMatchObject({ code: 200, data: { nickName: u.name, phone: null } });
      const inClient = await gw(ctx, app, 'create', { authCode: wecom.code(u, 'SESSION_ID'), codeType: 'SESSION_ID' });
      expect((inClient.data as { employeeId: string }).employeeId).toBe((web.data as { employeeId: string }).employeeId);
      expect(outcome(await gw(ctx, app, 'create', { authCode: wecom.outsiderCode(), codeType: 'AUTH_CODE' }))).toEqual(SEED.codeInvalid);
    });

    it('Feishu: signs in by union_id; a shared app routes the code to the company whose tenant_key the OA reports', async () => {
      const [a, b] = [await newCompany(ctx), await newCompany(ctx)];
      const base = { appId: feishu.appId, appSecret: feishu.appSecret, apiBaseUrl: feishu.url };
      await ctx().c.oaConnectors.add(a.company.companyId, 'feishu', { ...base, tenantKey: 'tenant-a' });
      await ctx().c.oaConnectors.add(b.company.companyId, 'feishu', { ...base, tenantKey: 'tenant-b' });
      const { app } = await sharedApp(ctx, [a.company.companyId, b.company.companyId]);
      const person = (tenant: string) => ({ union_id: `on_${tenant}${Date.now()}`, open_id: `ou_${tenant}${Date.now()}`, user_id: `fu${Date.now()}`, name: `飞书${tenant}`, mobile: `+86${uniquePhone()}`, tenant_key: tenant });
      const inB = await gw(ctx, app, 'create', { authCode: feishu.code(person('tenant-b')), codeType: 'AUTH_CODE' });
      expect(inB).toMatchObject({ code: 200, data: { companyId: b.company.companyId, nickName: '飞书tenant-b' } });
      const inA = await gw(ctx, app, 'create', { authCode: feishu.code(person('tenant-a')), codeType: 'SESSION_ID' });
      expect(inA).toMatchObject({ code: 200, data: { companyId: a.company.companyId } });
      expect(outcome(await gw(ctx, app, 'create', { authCode: feishu.code(person('tenant-z')), codeType: 'AUTH_CODE' }))).toEqual(SEED.codeInvalid);
    });

    it('OIDC: a code from oidc-provider signs in (createbyauthcode and session/createbyauthcode), the job number from the configured claim', async () => {
      const { company } = await newCompany(ctx);
      await ctx().c.oaConnectors.add(company.companyId, 'oidc', { issuer: op.issuer, clientId: op.basic.clientId, clientSecret: op.basic.clientSecret, redirectUri: op.redirectUri, employeeNoClaim: 'employee_no' });
      const app = await hostedApp(ctx, company.companyId);
      const sub = `oidc-${Date.now()}-${db.name}`;
      const phone = uniquePhone();
      op.addAccount({ sub, name: 'OIDC 用户', email: `${sub}@idp.example`, email_verified: true, phone_number: phone, employee_no: `N${Date.now() % 100000}` });
      const created = await gw(ctx, app, 'create', { authCode: await op.code(sub), codeType: 'AUTH_CODE' });
      expect(created).toMatchObject({ code: 200, data: { nickName: 'OIDC 用户', phone, email: `${sub}@idp.example` } });
      const session = await gw(ctx, app, 'session', { authCode: await op.code(sub), codeType: 'SESSION_ID' });
      expect(session.code).toBe(200);
      const who = await gw(ctx, app, 'authIdentity', {}, { iotToken: (session.data as { iotToken: string }).iotToken });
      expect(who.data).toMatchObject({ nickName: 'OIDC 用户', phone });
      const stored = (await storedEmployees(ctx, company.companyId)).filter((e) => !e.isMain);
      expect(stored).toHaveLength(1);
      expect(stored[0]).toMatchObject({ userid: sub, workNumber: expect.stringMatching(/^N[0-9]+$/) });
      expect(outcome(await gw(ctx, app, 'create', { authCode: 'replayed-or-unknown', codeType: 'AUTH_CODE' }))).toEqual(SEED.codeInvalid);
    });

    it('with several connectors an app names its own (app set-oa); the development OA still works while on', async () => {
      const { company, connectorId } = await dingCompany();
      await ctx().c.oaConnectors.add(company.companyId, 'wecom', { corpId: wecom.corpId, agentId: 7, secret: wecom.secret, apiBaseUrl: wecom.url });
      const app = await hostedApp(ctx, company.companyId);
      const u = dingUser();
      expect(outcome(await gw(ctx, app, 'create', { authCode: ding.code(u, 'AUTH_CODE'), codeType: 'AUTH_CODE' }))).toEqual(SEED.codeInvalid);
      // Apps are cached for 5 s, so the named connector is given at creation (`roster app create --oa`).
      const named = await ctx().c.directory.createApp({ companyId: company.companyId, rateLimit: 0, oaConnectorId: connectorId });
      expect((await gw(ctx, named, 'create', { authCode: ding.code(u, 'AUTH_CODE'), codeType: 'AUTH_CODE' })).code).toBe(200);
      // The development OA's codes are Roster's own and need no connector.
      const devCode = await issueCode(ctx, company.companyId);
      expect((await gw(ctx, app, 'create', { authCode: devCode, codeType: 'AUTH_CODE' })).code).toBe(200);
    });
  });
}
