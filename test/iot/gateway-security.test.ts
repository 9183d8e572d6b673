/**
 * The API gateway in front of the IoT dialect: signature flavours that must verify, and every way a
 * request is turned away (HTTP status + X-Ca-Error-Message + X-Ca-Request-Id + empty body), none of
 * which may change data or answer 500.
 */
import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config/load.js';
import { buildContainer } from '../../src/container.js';
import { buildServer } from '../../src/edge/http/server.js';
import { testDatabases, type TestDatabase } from '../support/databases.js';
import { useRoster, type RosterFixture } from '../support/roster.js';
import {
  PATHS,
  envelope,
  expectErr,
  expectGatewayError,
  expectOk,
  ERR,
  hostedApp,
  iotCaller,
  issueCode,
  md5,
  newCompany,
  oaProfile,
  signedPost,
  storedEmployees,
  type CreatedAccount,
  type EmployeePage,
  type SignOptions,
  type Signer,
} from './support.js';

const MINUTE = 60_000;

/** A company with a hosted app and a fresh OA code that every turned-away request tries to spend. */
async function target(ctx: () => RosterFixture, rateLimit = 0) {
  const { company } = await newCompany(ctx);
  const app = await hostedApp(ctx, company.companyId, rateLimit);
  const profile = oaProfile();
  const code = await issueCode(ctx, company.companyId, profile);
  const body = envelope('create', { authCode: code, codeType: 'AUTH_CODE' });
  return { company, app, profile, code, body };
}

/** After a batch of rejected requests: nothing was created and the code is still good, exactly once. */
async function expectUntouched(ctx: () => RosterFixture, t: Awaited<ReturnType<typeof target>>, app: Signer = t.app): Promise<void> {
  expect(await storedEmployees(ctx, t.company.companyId)).toHaveLength(1);
  const { call } = iotCaller(ctx);
  const { res, id } = await call(app, 'create', { authCode: t.code, codeType: 'AUTH_CODE' });
  expect(expectOk<CreatedAccount>(res, id).phone).toBe(t.profile.phone);
  expect(await storedEmployees(ctx, t.company.companyId)).toHaveLength(2);
}

function nonceReplaySuite(db: TestDatabase, nonceStore: 'memory' | 'database') {
  describe(`nonce replay, ${nonceStore} nonce store`, () => {
    const ctx = useRoster(db, { config: { nonceStore } });

    it('answers 400 Nonce Used to a second request with the same X-Ca-Nonce, even correctly signed', async () => {
      const t = await target(ctx);
      const nonce = randomUUID();
      const query = envelope('query', { companyId: t.company.companyId, pageNo: 1, pageSize: 10 });
      const first = await signedPost(ctx().baseUrl, t.app, PATHS.query, query, { headers: { 'x-ca-nonce': nonce } });
      expectOk(first, query.id);

      const replay = await signedPost(ctx().baseUrl, t.app, PATHS.create, t.body, { headers: { 'x-ca-nonce': nonce } });
      expectGatewayError(replay, 400, 'Nonce Used');
      await expectUntouched(ctx, t);
    });

    it('keeps nonces per app: another app may use the same nonce', async () => {
      const t = await target(ctx);
      const other = await hostedApp(ctx, t.company.companyId);
      const nonce = randomUUID();
      const query = envelope('query', { companyId: t.company.companyId, pageNo: 1, pageSize: 1 });
      expectOk(await signedPost(ctx().baseUrl, t.app, PATHS.query, query, { headers: { 'x-ca-nonce': nonce } }), query.id);
      expectOk(await signedPost(ctx().baseUrl, other, PATHS.query, query, { headers: { 'x-ca-nonce': nonce } }), query.id);
    });

    if (nonceStore === 'database') {
      it('refuses a nonce replayed to a second server process on the same store', async () => {
        const t = await target(ctx);
        // A second Roster on the same database (same data dir for SQLite, same URL for PostgreSQL).
        const config = loadConfig(
          {},
          { dataDir: ctx().dataDir, databaseUrl: ctx().databaseUrl, logLevel: 'silent', defaultRateLimit: 0, port: 0, nonceStore: 'database' },
        );
        const c2 = await buildContainer(config);
        const server2 = await buildServer(c2);
        try {
          const baseUrl2 = await server2.listen({ port: 0, host: '127.0.0.1' });
          const nonce = randomUUID();
          const query = envelope('query', { companyId: t.company.companyId, pageNo: 1, pageSize: 10 });
          expectOk(await signedPost(ctx().baseUrl, t.app, PATHS.query, query, { headers: { 'x-ca-nonce': nonce } }), query.id);
          const replay = await signedPost(baseUrl2, t.app, PATHS.create, t.body, { headers: { 'x-ca-nonce': nonce } });
          expectGatewayError(replay, 400, 'Nonce Used');
        } finally {
          await server2.close();
          await c2.close();
        }
        await expectUntouched(ctx, t);
      });
    }
  });
}

for (const db of testDatabases()) {
  describe(`IoT gateway security (${db.name})`, () => {
    const ctx = useRoster(db);
    const send = (t: { app: { appKey: string; appSecret: string } }, body: unknown, opts: SignOptions = {}, path: string = PATHS.create) =>
      signedPost(ctx().baseUrl, t.app, path, body, opts);

    describe('signatures that verify', () => {
      it('accepts a Java-SDK-shaped request: charset media types, Date, HmacSHA256 named, signed-header list unsorted', async () => {
        const t = await target(ctx);
        const query = envelope('query', { companyId: t.company.companyId, pageNo: 1, pageSize: 10 });
        const res = await send(t, query, { flavour: 'java' }, PATHS.query);
        expect(expectOk<EmployeePage>(res, query.id).total).toBe(1);

        const created = await send(t, t.body, { flavour: 'java' });
        expect(expectOk<CreatedAccount>(created, t.body.id).phone).toBe(t.profile.phone);
      });

      it('accepts HmacSHA1 in either flavour', async () => {
        const t = await target(ctx);
        const query = envelope('query', { companyId: t.company.companyId, pageNo: 1, pageSize: 10 });
        expectOk(await send(t, query, { flavour: 'java', signatureMethod: 'HmacSHA1' }, PATHS.query), query.id);
        expectOk(await send(t, query, { signatureMethod: 'HmacSHA1' }, PATHS.query), query.id);
      });

      it('signs query parameters into the resource, sorted and raw', async () => {
        const t = await target(ctx);
        const query = envelope('query', { companyId: t.company.companyId, pageNo: 1, pageSize: 10 });
        expectOk(await send(t, query, { query: 'zeta=1&alpha=x%20y&empty=' }, PATHS.query), query.id);
        // The same request signed without its query string does not verify.
        expectGatewayError(await send(t, query, { query: 'zeta=1', signQuery: false }, PATHS.query), 400, /^Invalid Signature/);
      });

      it('verifies the timestamp window at its edges: 14 minutes either side is fine', async () => {
        const t = await target(ctx);
        const query = envelope('query', { companyId: t.company.companyId, pageNo: 1, pageSize: 10 });
        for (const skew of [-14 * MINUTE, 14 * MINUTE]) {
          expectOk(await send(t, query, { headers: { 'x-ca-timestamp': String(Date.now() + skew) } }, PATHS.query), query.id);
        }
      });
    });

    describe('requests the gateway turns away (and that change nothing)', () => {
      it('401 Empty Signature without X-Ca-Signature', async () => {
        const t = await target(ctx);
        expectGatewayError(await send(t, t.body, { afterSign: { 'x-ca-signature': undefined } }), 401, 'Empty Signature');
        expectGatewayError(await send(t, t.body, { afterSign: { 'x-ca-signature': '' } }), 401, 'Empty Signature');
        await expectUntouched(ctx, t);
      });

      it('400 Invalid Signature, Server StringToSign:… (newlines as #) for a wrong secret or a tampered header', async () => {
        const t = await target(ctx);
        const nonce = randomUUID();
        const timestamp = String(Date.now());
        const res = await send(t, t.body, { secret: 'wrong', headers: { 'x-ca-nonce': nonce, 'x-ca-timestamp': timestamp } });
        expectGatewayError(
          res,
          400,
          `Invalid Signature, Server StringToSign:POST#application/json#${md5(JSON.stringify(t.body))}#application/json##` +
            `x-ca-key:${t.app.appKey}#x-ca-nonce:${nonce}#x-ca-stage:RELEASE#x-ca-timestamp:${timestamp}#${PATHS.create}`,
        );
        // A signed header changed after signing.
        expectGatewayError(await send(t, t.body, { afterSign: { 'x-ca-stage': 'TEST' } }), 400, /^Invalid Signature/);
        // Accept is signed as received: normalising it would break Java clients, so changing it breaks the signature.
        expectGatewayError(await send(t, t.body, { afterSign: { accept: 'application/json; charset=utf-8' } }), 400, /^Invalid Signature/);
        // An unknown signature method.
        expectGatewayError(await send(t, t.body, { signatureMethod: 'HmacMD5' }), 400, /^Invalid Signature/);
        await expectUntouched(ctx, t);
      });

      it('400 Invalid AppKey for an AppKey nobody issued', async () => {
        const t = await target(ctx);
        const res = await signedPost(ctx().baseUrl, { appKey: '100000001', appSecret: t.app.appSecret }, PATHS.create, t.body);
        expectGatewayError(res, 400, 'Invalid AppKey');
        await expectUntouched(ctx, t);
      });

      it('400 Request Format Error without X-Ca-Key, X-Ca-Timestamp or X-Ca-Nonce', async () => {
        const t = await target(ctx);
        for (const name of ['x-ca-key', 'x-ca-timestamp', 'x-ca-nonce']) {
          expectGatewayError(await send(t, t.body, { headers: { [name]: undefined } }), 400, 'Request Format Error');
        }
        await expectUntouched(ctx, t);
      });

      it('400 Timestamp Expired more than 15 minutes either side; 400 Invalid Timestamp when not a number', async () => {
        const t = await target(ctx);
        for (const skew of [-16 * MINUTE, 16 * MINUTE, -24 * 60 * MINUTE]) {
          const res = await send(t, t.body, { headers: { 'x-ca-timestamp': String(Date.now() + skew) } });
          expectGatewayError(res, 400, 'Timestamp Expired');
        }
        // Seconds instead of milliseconds is a time in 1970.
        expectGatewayError(await send(t, t.body, { headers: { 'x-ca-timestamp': String(Math.floor(Date.now() / 1000)) } }), 400, 'Timestamp Expired');
        for (const bad of ['abc', '1.7e12', '-1700000000000', new Date().toUTCString(), `${Date.now()}x`]) {
          expectGatewayError(await send(t, t.body, { headers: { 'x-ca-timestamp': bad } }), 400, 'Invalid Timestamp');
        }
        await expectUntouched(ctx, t);
      });

      it('400 Invalid Content-MD5 when the signed Content-MD5 does not match the body', async () => {
        const t = await target(ctx);
        expectGatewayError(await send(t, t.body, { headers: { 'content-md5': md5('{}') } }), 400, 'Invalid Content-MD5');
        // The body changed in transit, Content-MD5 and signature left as they were.
        const tampered = JSON.stringify({ ...t.body, params: { authCode: t.code, codeType: 'SESSION_ID' } });
        const original = md5(JSON.stringify(t.body));
        expectGatewayError(await send(t, null, { rawBody: tampered, headers: { 'content-md5': original } }), 400, 'Invalid Content-MD5');
        await expectUntouched(ctx, t);
      });

      it('does not throttle an app whose limit is 0', async () => {
        const t = await target(ctx, 0);
        const query = envelope('query', { companyId: t.company.companyId, pageNo: 1, pageSize: 1 });
        const burst = await Promise.all(Array.from({ length: 30 }, () => send(t, query, {}, PATHS.query)));
        for (const r of burst) expectOk(r, query.id);
      });

      it('400 Invalid Url for a path the dialect does not serve, signed or not', async () => {
        const t = await target(ctx);
        const paths = ['/user/account/employee/delete', '/industry/user/account/list', `${PATHS.create}/`, `${PATHS.query}/x`, '/'];
        for (const path of paths) {
          expectGatewayError(await send(t, t.body, {}, path), 400, 'Invalid Url');
        }
        const res = await fetch(`${ctx().baseUrl}${PATHS.create}`, { method: 'GET', headers: { 'x-ca-key': t.app.appKey } });
        expectGatewayError({ status: res.status, headers: res.headers, text: await res.text() }, 400, 'Invalid Url');
        await expectUntouched(ctx, t);
      });

      it('400 Request Format Error for a body that is not a JSON envelope', async () => {
        const t = await target(ctx);
        const bodies = [
          '',
          '{',
          `{"id":"1","version":"1.0","request":{"apiVer":"1.0.0"},"params":{"authCode":"${t.code}","codeType":"AUTH_CODE"}`,
          'null',
          '[]',
          '"text"',
          JSON.stringify({ id: '1', version: '1.0', params: { authCode: t.code, codeType: 'AUTH_CODE' } }),
          JSON.stringify({ id: '1', version: '1.0', request: 'x', params: {} }),
          JSON.stringify({ id: '1', version: '1.0', request: {}, params: { authCode: t.code, codeType: 'AUTH_CODE' } }),
          JSON.stringify({ id: '1', version: '1.0', request: { apiVer: 100 }, params: {} }),
          '\u00ff\u00fe{',
        ];
        for (const rawBody of bodies) {
          expectGatewayError(await send(t, null, { rawBody }), 400, 'Request Format Error');
        }
        await expectUntouched(ctx, t);
      });

      it('413 Request body too Large for a body over 64 KiB', async () => {
        const t = await target(ctx);
        const big = JSON.stringify({ ...t.body, padding: 'x'.repeat(70 * 1024) });
        expectGatewayError(await send(t, null, { rawBody: big }), 413, 'Request body too Large');
        // Just under the limit is an ordinary (unknown-field) request.
        const fits = JSON.stringify({ ...t.body, params: { ...t.body.params, pad: 'x'.repeat(60 * 1024) } });
        expectErr(await send(t, null, { rawBody: fits }), t.body.id, ERR.param);
        await expectUntouched(ctx, t);
      });

      it('400 Request Format Error for a form-urlencoded body, correctly signed with its form params', async () => {
        const t = await target(ctx);
        const form = new URLSearchParams({ authCode: t.code, codeType: 'AUTH_CODE' }).toString();
        const res = await send(t, null, {
          rawBody: form,
          headers: { 'content-type': 'application/x-www-form-urlencoded; charset=UTF-8', 'content-md5': undefined },
        });
        expectGatewayError(res, 400, 'Request Format Error');
        // Other media types carrying a JSON envelope are accepted as octet streams (the Java SDK's way).
        const query = envelope('query', { companyId: t.company.companyId });
        expectOk(await send(t, query, { headers: { 'content-type': 'text/plain' } }, PATHS.query), query.id);
        expectOk(await send(t, query, { headers: { 'content-type': undefined } }, PATHS.query), query.id);
        await expectUntouched(ctx, t);
      });
    });
  });

  describe(`IoT gateway rate limit, on a stopped clock (${db.name})`, () => {
    // The clock stands still, so the buckets never refill and the counts are exact.
    const frozen = Date.now();
    const ctx = useRoster(db, { now: () => frozen });

    it('403 Request Limited beyond an app\'s limit (2/s); the first two pass; a limited request spends nothing', async () => {
      const t = await target(ctx, 2);
      const query = envelope('query', { companyId: t.company.companyId, pageNo: 1, pageSize: 1 });
      const burst = await Promise.all(Array.from({ length: 8 }, () => signedPost(ctx().baseUrl, t.app, PATHS.query, query)));
      const passed = burst.filter((r) => r.status === 200);
      const limited = burst.filter((r) => r.status !== 200);
      expect(passed).toHaveLength(2);
      for (const r of passed) expectOk(r, query.id);
      for (const r of limited) expectGatewayError(r, 403, 'Request Limited');

      expectGatewayError(await signedPost(ctx().baseUrl, t.app, PATHS.create, t.body), 403, 'Request Limited');
      // Limits are per app: another app of the company is unaffected and can still spend the code.
      await expectUntouched(ctx, t, await hostedApp(ctx, t.company.companyId, 2));
    });

    it('checks the limit only after the signature: forged requests do not use up an app\'s budget', async () => {
      const t = await target(ctx, 2);
      for (let i = 0; i < 5; i++) {
        expectGatewayError(await signedPost(ctx().baseUrl, t.app, PATHS.create, t.body, { secret: 'forged' }), 400, /^Invalid Signature/);
      }
      await expectUntouched(ctx, t);
    });
  });

  describe(`IoT gateway replay protection (${db.name})`, () => {
    nonceReplaySuite(db, 'memory');
    nonceReplaySuite(db, 'database');
  });
}
