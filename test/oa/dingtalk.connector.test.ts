/**
 * The DingTalk connector against a loopback DingTalk: both code types, the documented refusals, the
 * company-token cache (single flight, refresh before expiry, dropped on 40014 / 42001) and upstream
 * failures mapped onto the seed's codes.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDingtalkConnector } from '../../src/app/oa/dingtalk/dingtalk.connector.js';
import { dingtalkConfigSchema } from '../../src/app/oa/dingtalk/dingtalk.config.js';
import { OaFailure } from '../../src/domain/oa-connector.js';
import { startDingtalkFake, type DingtalkFake, type DingUser } from './fakes/dingtalk.fake.js';
import { failureOf } from './support.js';

describe('DingTalk connector', () => {
  let fake: DingtalkFake;
  let n = 0;
  const user = (over: Partial<DingUser> = {}): DingUser => {
    n += 1;
    const u = { userid: `manager${n}`, unionid: `union${n}xyz`, name: `张三${n}`, mobile: '13800001111', state_code: '86', email: `z${n}@corp.example`, avatar: 'https://static.dingtalk.com/a.png', job_number: `J${n}`, ...over };
    fake.addUser(u);
    return u;
  };
  const connector = (over: { budgetMs?: number; now?: () => number } = {}) =>
    createDingtalkConnector(
      dingtalkConfigSchema.parse({ clientId: fake.clientId, clientSecret: fake.clientSecret, corpId: fake.corpId, apiBaseUrl: fake.url, oapiBaseUrl: fake.url }),
      { budgetMs: over.budgetMs ?? 2500, now: over.now ?? Date.now },
    );

  beforeAll(async () => {
    fake = await startDingtalkFake();
  });
  afterAll(() => fake.close());

  it('AUTH_CODE: scan-login code → userAccessToken → users/me → getbyunionid → v2/user/get, company record first', async () => {
    const u = user({ mobile: '5550100', state_code: '1' });
    const identity = await connector().exchange(fake.code(u, 'AUTH_CODE'), 'AUTH_CODE');
    expect(identity).toEqual({
      subject: u.unionid,
      userId: u.userid,
      tenantHint: fake.corpId,
      name: u.name,
      mobile: '+15550100',
      email: u.email,
      avatarUrl: u.avatar,
      employeeNo: u.job_number,
    });
  });

  it('SESSION_ID: in-app code → getuserinfo → v2/user/get; the same subject as the scan login', async () => {
    const u = user();
    const c = connector();
    const bySession = await c.exchange(fake.code(u, 'SESSION_ID'), 'SESSION_ID');
    const byScan = await c.exchange(fake.code(u, 'AUTH_CODE'), 'AUTH_CODE');
    expect(bySession.subject).toBe(u.unionid);
    expect(byScan.subject).toBe(bySession.subject);
    expect(bySession).toMatchObject({ userId: u.userid, mobile: '13800001111', employeeNo: u.job_number });
  });

  it('refuses unknown and used codes of both types (40078, invalidAuthCode) as code_invalid', async () => {
    const c = connector();
    const u = user();
    const session = fake.code(u, 'SESSION_ID');
    await c.exchange(session, 'SESSION_ID');
    expect(await failureOf(c.exchange(session, 'SESSION_ID'))).toBe('code_invalid');
    expect(await failureOf(c.exchange('nope', 'SESSION_ID'))).toBe('code_invalid');
    expect(await failureOf(c.exchange('nope', 'AUTH_CODE'))).toBe('code_invalid');
  });

  it('refuses a user of another corp, and one who is not a member (60121), as not_member', async () => {
    const c = connector();
    expect(await failureOf(c.exchange(fake.code(user(), 'AUTH_CODE', 'dingothercorp'), 'AUTH_CODE'))).toBe('not_member');
    const stranger = { userid: 'ghost', unionid: 'ghost-union', name: 'ghost' };
    const code = fake.code(stranger, 'AUTH_CODE'); // never added to the company
    expect(await failureOf(c.exchange(code, 'AUTH_CODE'))).toBe('not_member');
  });

  it('fetches the company token once for many simultaneous sign-ins and reuses it', async () => {
    const c = connector();
    const before = fake.tokensIssued;
    const users = Array.from({ length: 10 }, () => user());
    await Promise.all(users.map((u) => c.exchange(fake.code(u, 'SESSION_ID'), 'SESSION_ID')));
    await c.exchange(fake.code(user(), 'SESSION_ID'), 'SESSION_ID');
    expect(fake.tokensIssued - before).toBe(1);
  });

  it('drops a token DingTalk revoked (40014) or expired early (42001) and signs in with a new one', async () => {
    const c = connector();
    await c.exchange(fake.code(user(), 'SESSION_ID'), 'SESSION_ID');
    const before = fake.tokensIssued;
    fake.revokeTokens();
    expect((await c.exchange(fake.code(user(), 'SESSION_ID'), 'SESSION_ID')).name).toBeTruthy();
    fake.expireTokens();
    expect((await c.exchange(fake.code(user(), 'AUTH_CODE'), 'AUTH_CODE')).name).toBeTruthy();
    expect(fake.tokensIssued - before).toBe(2);
  });

  it('falls back to the older oapi gettoken where oauth2/accessToken is not served', async () => {
    fake.legacyTokenOnly = true;
    try {
      const before = fake.tokensIssued;
      expect((await connector().exchange(fake.code(user(), 'SESSION_ID'), 'SESSION_ID')).subject).toBeTruthy();
      expect(fake.tokensIssued - before).toBe(1);
      expect(fake.calls).toContain('GET /gettoken');
    } finally {
      fake.legacyTokenOnly = false;
    }
  });

  it('renews the token before DingTalk would expire it', async () => {
    let clock = Date.now();
    const c = connector({ now: () => clock });
    await c.exchange(fake.code(user(), 'SESSION_ID'), 'SESSION_ID');
    const before = fake.tokensIssued;
    clock += (7200 - 4 * 60) * 1000; // 4 minutes before the announced expiry
    await c.exchange(fake.code(user(), 'SESSION_ID'), 'SESSION_ID');
    expect(fake.tokensIssued - before).toBe(1);
  });

  it('maps a 5xx answer to upstream, a slow DingTalk to timeout, and an unreachable one to upstream', async () => {
    const u = user();
    try {
      fake.failWith = { status: 502, body: 'Bad Gateway' };
      expect(await failureOf(connector().exchange(fake.code(u, 'SESSION_ID'), 'SESSION_ID'))).toBe('upstream');
      fake.failWith = undefined;
      fake.slowMs = 1_000;
      expect(await failureOf(connector({ budgetMs: 200 }).exchange(fake.code(u, 'SESSION_ID'), 'SESSION_ID'))).toBe('timeout');
    } finally {
      fake.failWith = undefined;
      fake.slowMs = 0;
    }
    const dead = createDingtalkConnector(
      dingtalkConfigSchema.parse({ clientId: 'x', clientSecret: 'y', corpId: 'z', apiBaseUrl: 'http://127.0.0.1:9', oapiBaseUrl: 'http://127.0.0.1:9' }),
      { budgetMs: 1000, now: Date.now },
    );
    expect(await failureOf(dead.exchange('code', 'AUTH_CODE'))).toBe('upstream');
    expect(await dead.test()).toMatchObject({ ok: false });
  });

  it('test() fetches the company token and says so; wrong credentials say why', async () => {
    expect(await connector().test()).toMatchObject({ ok: true, detail: expect.stringContaining('app token fetched') });
    const wrong = createDingtalkConnector(
      dingtalkConfigSchema.parse({ clientId: fake.clientId, clientSecret: 'wrong', corpId: fake.corpId, apiBaseUrl: fake.url, oapiBaseUrl: fake.url }),
      { budgetMs: 1000, now: Date.now },
    );
    expect(await wrong.test()).toEqual({ ok: false, detail: expect.stringContaining('invalidClientIdOrSecret') });
    expect(OaFailure).toBeDefined();
  });
});
