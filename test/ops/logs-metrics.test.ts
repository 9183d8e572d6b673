import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { AddressInfo } from 'node:net';
import { describe, expect, it } from 'vitest';
import { testDatabases } from '../support/databases.js';
import { useRoster, type RosterFixture } from '../support/roster.js';
import { docsPost, docsToken } from '../benefits/support/docs-style.js';
import { iotCaller, newCompany } from '../iot/support.js';

type LogLine = Record<string, unknown>;

/** The access lines written so far to the fixture's log file. */
const accessLines = (ctx: () => RosterFixture): LogLine[] => {
  let text = '';
  try {
    text = readFileSync(join(ctx().dataDir, 'roster.log'), 'utf8');
  } catch {
    return [];
  }
  return text.split('\n').filter(Boolean).map((l) => JSON.parse(l) as LogLine).filter((l) => l.msg === 'request');
};

/** Waits (bounded) for the access line of request `reqId`: it must leave without the server stopping. */
async function lineOf(ctx: () => RosterFixture, reqId: string): Promise<LogLine | undefined> {
  for (let i = 0; i < 100; i++) {
    const line = accessLines(ctx).find((l) => l.reqId === reqId);
    if (line) return line;
    await new Promise((r) => setTimeout(r, 50));
  }
  return undefined;
}

const metricsText = async (url: string) => {
  const res = await fetch(url);
  return { status: res.status, type: res.headers.get('content-type') ?? '', text: await res.text() };
};

for (const db of testDatabases()) {
  describe(`access log and /metrics (${db.name})`, () => {
    // A frozen clock: the rate-limit bucket does not refill between calls, whatever the machine's load.
    const T0 = Date.now();
    const ctx = useRoster(db, { config: { logLevel: 'info', trustProxy: '127.0.0.1' }, logToFile: true, now: () => T0 });
    const iot = iotCaller(ctx);

    it('writes each access line within a second, with app, company, business code, endpoint, client address and request id — no secrets', async () => {
      const { company, main } = await newCompany(ctx);
      const app = await ctx().c.directory.createApp({ companyId: company.companyId, rateLimit: 0 });
      const { res, id } = await iot.call(app, 'get', { employeeId: 42 }, {}, { headers: { 'x-forwarded-for': '203.0.113.7' } });
      expect((JSON.parse(res.text) as { code: number }).code).toBe(460);
      const reqId = res.headers.get('x-ca-request-id')!;

      const line = await lineOf(ctx, reqId);
      expect(line).toMatchObject({
        reqId,
        method: 'POST',
        path: '/industry/user/account/get',
        status: 200,
        code: 460,
        error: 'request.invalid_params',
        dialect: 'iot',
        endpoint: '/industry/user/account/get',
        app: app.appKey,
        company: company.companyId,
        ip: '203.0.113.7',
      });
      expect(typeof line!.ms).toBe('number');
      const raw = JSON.stringify(line);
      for (const secret of [app.appSecret, main.phone, id, res.headers.get('x-ca-signature') ?? app.appSecret]) expect(raw).not.toContain(secret);

      const token = await docsToken(ctx().baseUrl, app, T0);
      const ok = await docsPost(ctx().baseUrl, '/department/get', token, app, { dept_code: 'NOPE' }, T0);
      const benefitsLine = await lineOf(ctx, (ok.traceId ?? '').toUpperCase());
      expect(benefitsLine).toMatchObject({ dialect: 'benefits', endpoint: '/department/get', app: app.appKey, company: company.companyId, code: ok.body.code, ip: '127.0.0.1' });
      expect(JSON.stringify(benefitsLine)).not.toContain(token);
    });

    it('counts requests by endpoint and business code, latencies, rate-limit refusals, signature failures by reason, OA upstream calls', async () => {
      const { company } = await newCompany(ctx);
      const app = await ctx().c.directory.createApp({ companyId: company.companyId, rateLimit: 1 });
      const first = await iot.call(app, 'get', {});
      expect((JSON.parse(first.res.text) as { code: number }).code).toBe(200);
      const refused = await iot.call(app, 'get', {});
      expect(refused.res.status).toBe(403);
      const forged = await iot.call(app, 'query', {}, {}, { secret: 'not-the-secret' });
      expect(forged.res.status).toBe(400);
      ctx().c.metrics.upstream.recordCall({ upstream: 'dingtalk', operation: 'token', seconds: 0.2, failure: 'timeout' });
      ctx().c.metrics.upstream.recordCall({ upstream: 'dingtalk', operation: 'token', seconds: 0.1 });

      const m = await metricsText(`${ctx().baseUrl}/metrics`);
      expect(m.status).toBe(200);
      expect(m.type).toContain('text/plain');
      expect(m.text).toMatch(/roster_requests_total\{dialect="iot",endpoint="\/industry\/user\/account\/get",code="200"\} [1-9]/);
      expect(m.text).toMatch(/roster_requests_total\{dialect="iot",endpoint="\/industry\/user\/account\/get",code="460"\} [1-9]/);
      expect(m.text).toMatch(/roster_request_duration_seconds_bucket\{le="0\.1",dialect="iot",endpoint="\/industry\/user\/account\/get"\} [1-9]/);
      expect(m.text).toMatch(/roster_rate_limit_refusals_total\{dialect="iot"\} 1/);
      expect(m.text).toMatch(/roster_signature_failures_total\{dialect="iot",reason="invalid_signature"\} 1/);
      expect(m.text).toMatch(/roster_oa_upstream_calls_total\{upstream="dingtalk",operation="token",outcome="failure"\} 1/);
      expect(m.text).toMatch(/roster_oa_upstream_failures_total\{upstream="dingtalk",operation="token",reason="timeout"\} 1/);
      expect(m.text).toMatch(/nodejs_eventloop_lag_seconds \d/);
      if (db.name === 'postgres') expect(m.text).toMatch(/roster_db_pool_connections\{state="total"\} [1-9]/);
      // Label values are route paths and codes, never tenants or app keys.
      expect(m.text).not.toContain(app.appKey);
      expect(m.text).not.toContain(company.companyId);
    });
  });
}

describe('metrics settings', () => {
  const [sqlite] = testDatabases();
  describe('ROSTER_METRICS=off', () => {
    const ctx = useRoster(sqlite!, { config: { metrics: 'off' } });
    it('serves no /metrics', async () => {
      const m = await metricsText(`${ctx().baseUrl}/metrics`);
      expect(m.status).not.toBe(200);
      expect(m.text).not.toContain('roster_requests_total');
    });
  });
  describe('ROSTER_METRICS_PORT', () => {
    const ctx = useRoster(sqlite!, { config: { metricsPort: 0 } });
    it('serves /metrics on its own port only', async () => {
      await fetch(`${ctx().baseUrl}/healthz`);
      const port = (ctx().server.metricsServer!.address() as AddressInfo).port;
      const own = await metricsText(`http://127.0.0.1:${port}/metrics`);
      expect(own.status).toBe(200);
      expect(own.text).toMatch(/roster_requests_total\{dialect="http",endpoint="\/healthz",code="200"\} 1/);
      expect((await metricsText(`${ctx().baseUrl}/metrics`)).status).not.toBe(200);
    });
  });
  describe('no trusted proxy', () => {
    const ctx = useRoster(sqlite!, { config: { logLevel: 'info' }, logToFile: true });
    it('logs the connecting address, not a forwarded one', async () => {
      const res = await fetch(`${ctx().baseUrl}/healthz`, { headers: { 'x-forwarded-for': '203.0.113.7' } });
      expect(await lineOf(ctx, res.headers.get('x-ca-request-id')!)).toMatchObject({ ip: '127.0.0.1', endpoint: '/healthz', code: 200 });
    });
  });
});
