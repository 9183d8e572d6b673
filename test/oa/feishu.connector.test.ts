/** The Feishu connector against a loopback Feishu: the token exchange, its refusals, tenant checks, the tenant-token cache. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { feishuConfigSchema } from '../../src/app/oa/feishu/feishu.config.js';
import { createFeishuConnector } from '../../src/app/oa/feishu/feishu.connector.js';
import { startFeishuFake, type FeishuFake, type FeishuUser } from './fakes/feishu.fake.js';
import { failureOf } from './support.js';

describe('Feishu connector', () => {
  let fake: FeishuFake;
  let n = 0;
  const user = (over: Partial<FeishuUser> = {}): FeishuUser => {
    n += 1;
    return { union_id: `on_${n}abc`, open_id: `ou_${n}abc`, user_id: `u${n}`, name: `李四${n}`, mobile: '+8613700003333', email: `ls${n}@corp.example`, avatar_url: 'https://s1-imfile.feishucdn.com/a.png', tenant_key: fake.tenantKey, employee_no: `E${n}`, ...over };
  };
  const connector = (over: Record<string, unknown> = {}, budgetMs = 2500) =>
    createFeishuConnector(feishuConfigSchema.parse({ appId: fake.appId, appSecret: fake.appSecret, apiBaseUrl: fake.url, tenantKey: fake.tenantKey, ...over }), { budgetMs, now: Date.now });

  beforeAll(async () => {
    fake = await startFeishuFake();
  });
  afterAll(() => fake.close());

  it('exchanges a code of either type through authen/v2/oauth/token and authen/v1/user_info; job number from contact', async () => {
    const u = user();
    for (const codeType of ['AUTH_CODE', 'SESSION_ID'] as const) {
      expect(await connector().exchange(fake.code(u), codeType)).toEqual({
        subject: u.union_id,
        userId: u.user_id,
        tenantHint: fake.tenantKey,
        name: u.name,
        mobile: u.mobile,
        email: u.email,
        avatarUrl: u.avatar_url,
        employeeNo: u.employee_no,
      });
    }
  });

  it('refuses not-found (20003), expired (20004) and used (20065) codes as code_invalid', async () => {
    const c = connector();
    expect(await failureOf(c.exchange('missing', 'AUTH_CODE'))).toBe('code_invalid');
    expect(await failureOf(c.exchange(fake.code(user(), { expired: true }), 'AUTH_CODE'))).toBe('code_invalid');
    const code = fake.code(user());
    await c.exchange(code, 'SESSION_ID');
    expect(await failureOf(c.exchange(code, 'SESSION_ID'))).toBe('code_invalid');
  });

  it('reports the tenant_key as the tenant hint (the caller refuses a foreign one) and expects its configured one', async () => {
    const c = connector();
    expect(c.expectedTenant).toBe(fake.tenantKey);
    expect((await c.exchange(fake.code(user({ tenant_key: 'other-tenant' })), 'AUTH_CODE')).tenantHint).toBe('other-tenant');
  });

  it('re-fetches the tenant token after 99991663 and keeps it for the next sign-ins', async () => {
    const c = connector();
    await c.exchange(fake.code(user()), 'AUTH_CODE');
    const before = fake.tokensIssued;
    fake.revokeTokens();
    const u = user({ employee_no: 'E-after-revoke' });
    expect((await c.exchange(fake.code(u), 'AUTH_CODE')).employeeNo).toBe('E-after-revoke');
    await c.exchange(fake.code(user()), 'AUTH_CODE');
    expect(fake.tokensIssued - before).toBe(1);
  });

  it('maps a 500 to upstream and a slow Feishu to timeout', async () => {
    try {
      fake.failWith = { status: 500, body: { code: 20050, error: 'server_error' } };
      expect(await failureOf(connector().exchange(fake.code(user()), 'AUTH_CODE'))).toBe('upstream');
      fake.failWith = undefined;
      fake.slowMs = 1_000;
      expect(await failureOf(connector({}, 200).exchange(fake.code(user()), 'AUTH_CODE'))).toBe('timeout');
    } finally {
      fake.failWith = undefined;
      fake.slowMs = 0;
    }
  });
});
