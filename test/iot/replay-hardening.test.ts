/**
 * Issue 6, items 6–9 and 11: what a captured or hand-made IoT request can no longer do. A signature
 * must cover the body, timestamp and nonce; a nonce is single-use for as long as its timestamp is
 * accepted, across restarts and processes; replays cannot spend the owner's rate budget; and a wrong
 * signature echoes only what the gateway echoes.
 */
import { createHmac, randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config/load.js';
import { buildContainer, type Container } from '../../src/container.js';
import { buildServer } from '../../src/edge/http/server.js';
import { freshPostgresDatabase, testDatabases, type TestDatabase } from '../support/databases.js';
import { useRoster, type RosterFixture } from '../support/roster.js';
import {
  PATHS,
  envelope,
  expectGatewayError,
  expectOk,
  hostedApp,
  md5,
  newCompany,
  stringToSign,
  type EmployeePage,
  type Signer,
  type WireResponse,
} from './support.js';

const MINUTE = 60_000;

/** One request exactly as it goes over the wire, so it can be sent again byte for byte. */
interface Captured {
  path: string;
  headers: Record<string, string>;
  body: Buffer;
}

/**
 * Signs a POST the way the Node client does, but with the signed-header list chosen by the caller:
 * `signed` names the headers whose lines enter the string-to-sign and the X-Ca-Signature-Headers list
 * (`null` sends no list at all).
 */
function capture(
  app: Signer,
  path: string,
  body: unknown,
  opts: { now?: number; signed?: string[] | null; headers?: Record<string, string | undefined>; secret?: string } = {},
): Captured {
  const raw = Buffer.from(JSON.stringify(body), 'utf8');
  const headers: Record<string, string> = {
    'x-ca-timestamp': String(opts.now ?? Date.now()),
    'x-ca-key': app.appKey,
    'x-ca-nonce': randomUUID(),
    'x-ca-stage': 'RELEASE',
    accept: 'application/json',
    'content-type': 'application/json',
    'content-md5': md5(raw),
  };
  for (const [name, value] of Object.entries(opts.headers ?? {})) {
    if (value === undefined) delete headers[name];
    else headers[name] = value;
  }
  const signed = opts.signed === undefined ? Object.keys(headers).filter((n) => n.startsWith('x-ca-')).sort() : opts.signed;
  const sts = stringToSign('POST', path, '', headers, signed ?? [], raw);
  if (signed !== null) headers['x-ca-signature-headers'] = signed.join(',');
  headers['x-ca-signature'] = createHmac('sha256', Buffer.from(opts.secret ?? app.appSecret, 'utf8')).update(sts, 'utf8').digest('base64');
  return { path, headers, body: raw };
}

async function send(baseUrl: string, request: Captured): Promise<WireResponse> {
  const response = await fetch(`${baseUrl}${request.path}`, { method: 'POST', headers: request.headers, body: new Uint8Array(request.body) });
  return { status: response.status, headers: response.headers, text: await response.text() };
}

/** A company with a hosted app and a paged query of it that every test can send. */
async function tenant(ctx: () => RosterFixture, rateLimit = 0) {
  const { company } = await newCompany(ctx);
  const app = await hostedApp(ctx, company.companyId, rateLimit);
  const query = envelope('query', { companyId: company.companyId, pageNo: 1, pageSize: 10 });
  return { company, app, query };
}

/** A Roster on an existing store (data dir and, for PostgreSQL, database URL), with default settings. */
async function startRoster(dataDir: string, databaseUrl: string | undefined): Promise<{ c: Container; server: FastifyInstance; baseUrl: string }> {
  const c = await buildContainer(loadConfig({}, { dataDir, databaseUrl, logLevel: 'silent', defaultRateLimit: 0, port: 0 }));
  const server = await buildServer(c);
  return { c, server, baseUrl: await server.listen({ port: 0, host: '127.0.0.1' }) };
}

async function stopRoster(r: { c: Container; server: FastifyInstance }): Promise<void> {
  await r.server.close();
  await r.c.close();
}

function restartSuite(db: TestDatabase) {
  it('refuses a captured request replayed to a restarted server with the default settings: 400 Nonce Used', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'roster-replay-'));
    const pg = db.databaseUrl ? await freshPostgresDatabase(db.databaseUrl) : undefined;
    try {
      let roster = await startRoster(dataDir, pg?.url);
      const company = await roster.c.directory.createCompany({ name: '重放测试', main: { phone: '13900001111', name: '甲', email: 'a@example.com' } });
      const app = await roster.c.directory.createApp({ companyId: company.companyId, rateLimit: 0 });
      const query = envelope('query', { companyId: company.companyId, pageNo: 1, pageSize: 10 });
      const captured = capture(app, PATHS.query, query);
      expectOk(await send(roster.baseUrl, captured), query.id);

      await stopRoster(roster);
      roster = await startRoster(dataDir, pg?.url);
      try {
        expectGatewayError(await send(roster.baseUrl, captured), 400, 'Nonce Used');
        // The store itself is fine: a fresh request of the same app goes through.
        expectOk(await send(roster.baseUrl, capture(app, PATHS.query, query)), query.id);
      } finally {
        await stopRoster(roster);
      }
    } finally {
      rmSync(dataDir, { recursive: true, force: true });
      await pg?.drop();
    }
  });

  it('lets two servers on one store accept a nonce exactly once, even when the copies race', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'roster-replay-'));
    const pg = db.databaseUrl ? await freshPostgresDatabase(db.databaseUrl) : undefined;
    const one = await startRoster(dataDir, pg?.url);
    const two = await startRoster(dataDir, pg?.url);
    try {
      const company = await one.c.directory.createCompany({ name: '双进程', main: { phone: '13900002222', name: '乙', email: 'b@example.com' } });
      const app = await one.c.directory.createApp({ companyId: company.companyId, rateLimit: 0 });
      const query = envelope('query', { companyId: company.companyId, pageNo: 1, pageSize: 10 });
      for (let round = 0; round < 3; round++) {
        const captured = capture(app, PATHS.query, query);
        const copies = await Promise.all(Array.from({ length: 10 }, (_, i) => send((i % 2 ? one : two).baseUrl, captured)));
        const accepted = copies.filter((r) => r.status === 200);
        expect(accepted).toHaveLength(1);
        for (const r of copies) if (r.status !== 200) expectGatewayError(r, 400, 'Nonce Used');
      }
    } finally {
      await stopRoster(one);
      await stopRoster(two);
      rmSync(dataDir, { recursive: true, force: true });
      await pg?.drop();
    }
  });
}

function futureTimestampSuite(db: TestDatabase, nonceStore: 'memory' | 'database') {
  describe(`a nonce stamped ahead of the clock, ${nonceStore} nonce store`, () => {
    let clock = Date.now();
    const ctx = useRoster(db, { config: { nonceStore }, now: () => clock });

    it('stays used for as long as its timestamp is accepted (here 14 minutes ahead, replayed up to 28 minutes later)', async () => {
      const t = await tenant(ctx);
      const start = clock;
      const captured = capture(t.app, PATHS.query, t.query, { now: start + 14 * MINUTE });
      expectOk(await send(ctx().baseUrl, captured), t.query.id);
      for (const later of [15.2, 16.2, 20, 28, 29]) {
        clock = start + later * MINUTE;
        expectGatewayError(await send(ctx().baseUrl, captured), 400, 'Nonce Used');
      }
      // Past its window the timestamp itself is refused.
      clock = start + 29 * MINUTE + 1;
      expectGatewayError(await send(ctx().baseUrl, captured), 400, 'Timestamp Expired');
    });
  });
}

for (const db of testDatabases()) {
  describe(`IoT signature coverage (${db.name})`, () => {
    const ctx = useRoster(db);

    it('400 Invalid Content-MD5 for a JSON body signed without Content-MD5, whatever the body', async () => {
      const t = await tenant(ctx);
      const unsigned = capture(t.app, PATHS.query, t.query, { headers: { 'content-md5': undefined } });
      expectGatewayError(await send(ctx().baseUrl, unsigned), 400, 'Invalid Content-MD5');
      // Without Content-MD5 the same signature would have carried any body.
      const other = envelope('query', { companyId: t.company.companyId, pageNo: 2, pageSize: 1 });
      const swapped = { ...capture(t.app, PATHS.query, t.query, { headers: { 'content-md5': undefined } }), body: Buffer.from(JSON.stringify(other)) };
      expectGatewayError(await send(ctx().baseUrl, swapped), 400, 'Invalid Content-MD5');
      // Other media types are bodies too.
      const plain = capture(t.app, PATHS.query, t.query, { headers: { 'content-md5': undefined, 'content-type': 'text/plain' } });
      expectGatewayError(await send(ctx().baseUrl, plain), 400, 'Invalid Content-MD5');
    });

    it('400 Invalid Signature when X-Ca-Timestamp or X-Ca-Nonce is left out of the signed headers, or no list is sent', async () => {
      const t = await tenant(ctx);
      for (const signed of [['x-ca-key'], ['x-ca-key', 'x-ca-nonce'], ['x-ca-key', 'x-ca-timestamp'], null]) {
        const res = await send(ctx().baseUrl, capture(t.app, PATHS.query, t.query, { signed }));
        expectGatewayError(res, 400, /^Invalid Signature, Server StringToSign:.*#x-ca-nonce:[^#]+#.*x-ca-timestamp:[0-9]+#/);
      }
      // The same request with both signed verifies.
      expectOk(await send(ctx().baseUrl, capture(t.app, PATHS.query, t.query, { signed: ['x-ca-key', 'x-ca-nonce', 'x-ca-timestamp'] })), t.query.id);
    });

    it('echoes only the fixed lines and the x-ca-* lines of a wrong signature, never other signed headers', async () => {
      const t = await tenant(ctx);
      const secrets = { authorization: 'Bearer top-secret-token', 'x-proxy-secret': 'proxy-shared-secret' };
      const signed = ['authorization', 'x-ca-key', 'x-ca-nonce', 'x-ca-stage', 'x-ca-timestamp', 'x-proxy-secret'];
      const request = capture(t.app, PATHS.query, t.query, { signed, headers: secrets, secret: 'wrong' });
      const res = await send(ctx().baseUrl, request);
      const h = request.headers;
      expectGatewayError(
        res,
        400,
        `Invalid Signature, Server StringToSign:POST#application/json#${h['content-md5']}#application/json##` +
          `x-ca-key:${h['x-ca-key']}#x-ca-nonce:${h['x-ca-nonce']}#x-ca-stage:RELEASE#x-ca-timestamp:${h['x-ca-timestamp']}#${PATHS.query}`,
      );
      // The headers are still signed: with the right secret the same request verifies.
      expectOk(await send(ctx().baseUrl, capture(t.app, PATHS.query, t.query, { signed, headers: secrets })), t.query.id);
    });
  });

  describe(`IoT replays and the rate limit, on a stopped clock (${db.name})`, () => {
    // The clock stands still, so an app's bucket never refills and every token spent is visible.
    const frozen = Date.now();
    const ctx = useRoster(db, { now: () => frozen });

    it("replaying a captured request many times leaves the owner's budget (2) for its own fresh requests", async () => {
      const t = await tenant(ctx, 2);
      const captured = capture(t.app, PATHS.query, t.query, { now: frozen });
      expectOk(await send(ctx().baseUrl, captured), t.query.id);
      for (let i = 0; i < 20; i++) expectGatewayError(await send(ctx().baseUrl, captured), 400, 'Nonce Used');
      const fresh = await send(ctx().baseUrl, capture(t.app, PATHS.query, t.query, { now: frozen }));
      expect(expectOk<EmployeePage>(fresh, t.query.id).total).toBe(1);
      // The budget of 2 is spent now: the limit itself still holds.
      expectGatewayError(await send(ctx().baseUrl, capture(t.app, PATHS.query, t.query, { now: frozen })), 403, 'Request Limited');
    });

    // A read runs while its nonce is written; whatever the read answers, the gateway's order stands.
    it('answers a replayed read Nonce Used whatever the read itself would answer, and an over-limit read Request Limited', async () => {
      const t = await tenant(ctx, 3);
      const reads = [
        envelope('query', { companyId: t.company.companyId, pageNo: 1, pageSize: 1000 }), // 460 page size
        envelope('query', { companyId: '0'.repeat(32), pageNo: 1, pageSize: 10 }), // another company's id
        t.query,
      ];
      for (const body of reads) {
        const captured = capture(t.app, PATHS.query, body, { now: frozen });
        const first = await send(ctx().baseUrl, captured);
        expect(first.status).toBe(200);
        expect(JSON.parse(first.text).id).toBe(body.id);
        expectGatewayError(await send(ctx().baseUrl, captured), 400, 'Nonce Used');
      }
      // The budget of 3 is spent: a fresh, valid read is refused and so is its replay (the nonce first).
      const over = capture(t.app, PATHS.query, t.query, { now: frozen });
      expectGatewayError(await send(ctx().baseUrl, over), 403, 'Request Limited');
      expectGatewayError(await send(ctx().baseUrl, over), 400, 'Nonce Used');
    });
  });

  describe(`IoT replay window (${db.name})`, () => {
    futureTimestampSuite(db, 'database');
    futureTimestampSuite(db, 'memory');
  });

  describe(`IoT replay after restart, default settings (${db.name})`, () => {
    restartSuite(db);
  });
}
