/** The WeCom connector against a loopback WeCom: both code types, refusals, the app-token cache. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { wecomConfigSchema } from '../../src/app/oa/wecom/wecom.config.js';
import { createWecomConnector } from '../../src/app/oa/wecom/wecom.connector.js';
import { startWecomFake, type WecomFake, type WecomUser } from './fakes/wecom.fake.js';
import { failureOf } from './support.js';

describe('WeCom connector', () => {
  let fake: WecomFake;
  let n = 0;
  const user = (over: Partial<WecomUser> = {}): WecomUser => {
    n += 1;
    const u = { userid: `zhangsan${n}`, name: `张三${n}`, mobile: '13900002222', email: `zs${n}@corp.example`, avatar: 'https://wework.qpic.cn/a/0', ...over };
    fake.addUser(u);
    return u;
  };
  const connector = (budgetMs = 2500) =>
    createWecomConnector(wecomConfigSchema.parse({ corpId: fake.corpId, agentId: 1000002, secret: fake.secret, apiBaseUrl: fake.url }), { budgetMs, now: Date.now });

  beforeAll(async () => {
    fake = await startWecomFake();
  });
  afterAll(() => fake.close());

  it('AUTH_CODE: web-login code → auth/getuserinfo → user/get; no mobile on this path', async () => {
    const u = user();
    expect(await connector().exchange(fake.code(u, 'AUTH_CODE'), 'AUTH_CODE')).toEqual({
      subject: u.userid,
      userId: u.userid,
      tenantHint: fake.corpId,
      name: u.name,
      mobile: null,
      email: null,
      avatarUrl: null,
      employeeNo: null,
    });
  });

  it('SESSION_ID: in-client code → user_ticket → auth/getuserdetail gives the mobile, email and avatar', async () => {
    const u = user();
    expect(await connector().exchange(fake.code(u, 'SESSION_ID'), 'SESSION_ID')).toMatchObject({
      subject: u.userid,
      name: u.name,
      mobile: u.mobile,
      email: u.email,
      avatarUrl: u.avatar,
    });
  });

  it('reads the job number from alias or a custom attribute when configured', async () => {
    const u = user({ alias: 'A-7', attrs: { 工号: 'W0007' } });
    const build = (employeeNoFrom: string) =>
      createWecomConnector(wecomConfigSchema.parse({ corpId: fake.corpId, agentId: 1, secret: fake.secret, apiBaseUrl: fake.url, employeeNoFrom }), { budgetMs: 2500, now: Date.now });
    expect((await build('alias').exchange(fake.code(u, 'AUTH_CODE'), 'AUTH_CODE')).employeeNo).toBe('A-7');
    expect((await build('extattr:工号').exchange(fake.code(u, 'SESSION_ID'), 'SESSION_ID')).employeeNo).toBe('W0007');
    expect(() => wecomConfigSchema.parse({ corpId: 'a', agentId: 1, secret: 's', employeeNoFrom: 'title' })).toThrow();
  });

  it('refuses an unknown or used code (40029) as code_invalid and a non-member (openid) as not_member', async () => {
    const c = connector();
    const code = fake.code(user(), 'AUTH_CODE');
    await c.exchange(code, 'AUTH_CODE');
    expect(await failureOf(c.exchange(code, 'AUTH_CODE'))).toBe('code_invalid');
    expect(await failureOf(c.exchange('bogus', 'SESSION_ID'))).toBe('code_invalid');
    expect(await failureOf(c.exchange(fake.outsiderCode(), 'AUTH_CODE'))).toBe('not_member');
  });

  it('caches the app token, fetches it once for simultaneous sign-ins, and re-fetches after 40014 / 42001', async () => {
    const c = connector();
    const before = fake.tokensIssued;
    await Promise.all(Array.from({ length: 8 }, () => c.exchange(fake.code(user(), 'AUTH_CODE'), 'AUTH_CODE')));
    expect(fake.tokensIssued - before).toBe(1);
    fake.revokeTokens();
    await c.exchange(fake.code(user(), 'AUTH_CODE'), 'AUTH_CODE');
    fake.expireTokens();
    await c.exchange(fake.code(user(), 'SESSION_ID'), 'SESSION_ID');
    expect(fake.tokensIssued - before).toBe(3);
  });

  it('maps 503 to upstream and a slow WeCom to timeout', async () => {
    const u = user();
    try {
      fake.failWith = { status: 503, body: '' };
      expect(await failureOf(connector().exchange(fake.code(u, 'AUTH_CODE'), 'AUTH_CODE'))).toBe('upstream');
      fake.failWith = undefined;
      fake.slowMs = 1_000;
      expect(await failureOf(connector(200).exchange(fake.code(u, 'AUTH_CODE'), 'AUTH_CODE'))).toBe('timeout');
    } finally {
      fake.failWith = undefined;
      fake.slowMs = 0;
    }
  });

  it('test() reports a wrong secret (40001) without throwing', async () => {
    const wrong = createWecomConnector(wecomConfigSchema.parse({ corpId: fake.corpId, agentId: '1000002', secret: 'nope', apiBaseUrl: fake.url }), { budgetMs: 1000, now: Date.now });
    expect(await wrong.test()).toEqual({ ok: false, detail: expect.stringContaining('40001') });
    expect(await connector().test()).toMatchObject({ ok: true });
  });
});
