/**
 * Token and sign (issue 3 §1): both request builders accepted, every auth error code reached, the
 * envelope and headers as the SDKs require them.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { testDatabases } from '../support/databases.js';
import { useRoster } from '../support/roster.js';
import { docsBody, docsPost, docsSign, docsToken } from './support/docs-style.js';
import { JavaSdkClient } from './support/java-sdk-client.js';
import { epochSeconds, post } from './support/wire.js';
import { newEnterprise, uniqueId, uniqueMobile, type Enterprise } from './support/world.js';

for (const db of testDatabases()) {
  describe(`benefits auth (${db.name})`, () => {
    const ctx = useRoster(db);
    let ent: Enterprise;
    let token = '';
    const url = (path: string) => `${ctx().baseUrl}${path}`;
    /** A docs-style body for /employee/get of an unknown userid: reaching 1000220096 means auth passed. */
    const getBody = (extra: Record<string, string> = {}, secret = ent.app.appSecret) =>
      docsBody({ access_token: token, timestamp: epochSeconds(), userid: 'nobody', ...extra }, secret);

    beforeAll(async () => {
      ent = await newEnterprise(ctx().c, ctx().baseUrl);
      token = await docsToken(ctx().baseUrl, ent.app);
    });

    it('accepts the Java SDK builder and the docs-style builder for the same add', async () => {
      const sdk = await ent.sdk.call('/employee/add', { userid: uniqueId(), name: '张 三', mobile: ` ${uniqueMobile()} `, gender: 1 });
      expect(sdk.body).toEqual({ code: 0, data: expect.any(String), msg: 'OK' });
      const docs = await docsPost(ctx().baseUrl, '/employee/add', token, ent.app, { userid: uniqueId(), name: '李 四+', mobile: uniqueMobile() });
      expect(docs.body).toEqual({ code: 0, data: expect.any(String), msg: 'OK' });
      // `+` encoded and space as `+` decode back to what was signed.
      const found = await docsPost(ctx().baseUrl, '/employee/get', token, ent.app, { userid: docs.body.data as string });
      expect((found.body.data as { name: string }).name).toBe('李 四+');
    });

    it('answers HTTP 200, JSON in UTF-8 and a lower-case x-trace-id, errors included', async () => {
      const ok = await post(url('/employee/get'), getBody());
      const bad = await post(url('/employee/get'), getBody({}, 'wrong-secret'));
      for (const reply of [ok, bad]) {
        expect(reply.status).toBe(200);
        expect(reply.contentType).toBe('application/json;charset=UTF-8');
        expect(reply.traceId).toMatch(/^[0-9a-f-]{36}$/);
      }
      expect(ok.body).toEqual({ code: 1000220096, msg: '该用户ID对应员工不存在', data: null });
      expect(bad.body).toEqual({ code: 1000210002, msg: 'sign check failed!', data: null });
    });

    it('refuses one changed byte of an SDK request (1000210002)', async () => {
      const call = await ent.sdk.prepare('/employee/add', { userid: uniqueId(), name: 'tom', email: `${uniqueId()}@example.com` });
      const tampered = { ...call, body: call.body.replace('name=tom', 'name=tam') };
      expect((await ent.sdk.send(tampered)).body.code).toBe(1000210002);
      expect((await ent.sdk.send(call)).body.code).toBe(0);
    });

    it('signs empty values as sent (Go SDK) and keeps one of identical query/body duplicates', async () => {
      const goStyle = await docsPost(ctx().baseUrl, '/employee/add', token, ent.app, {
        userid: uniqueId(), name: 'go', mobile: uniqueMobile(), code: '', email: '', remark: '', level: '',
      });
      expect(goStyle.body.code).toBe(0);
      const params = { access_token: token, timestamp: epochSeconds(), userid: 'nobody' };
      const sign = docsSign(params, ent.app.appSecret);
      const dup = await post(url(`/employee/get?userid=nobody&sign=${sign}`), new URLSearchParams({ ...params, sign }).toString());
      expect(dup.body.code).toBe(1000220096);
    });

    it('signs a JSON body as `_body`', async () => {
      const body = '{"userid":"ignored"}';
      const params = { access_token: token, timestamp: epochSeconds(), userid: 'nobody' };
      const sign = docsSign({ ...params, _body: body }, ent.app.appSecret);
      const reply = await post(url(`/employee/get?${new URLSearchParams({ ...params, sign })}`), body, 'application/json');
      expect(reply.body.code).toBe(1000220096);
    });

    it('1000210001: a timestamp more than 300 s off, or not 10-digit seconds', async () => {
      const at = (offsetSec: number) => epochSeconds(Date.now() + offsetSec * 1000);
      expect((await post(url('/employee/get'), getBody({ timestamp: at(-310) }))).body).toEqual({ code: 1000210001, msg: 'timestamp check failed!', data: null });
      expect((await post(url('/employee/get'), getBody({ timestamp: at(310) }))).body.code).toBe(1000210001);
      expect((await post(url('/employee/get'), getBody({ timestamp: String(Date.now()) }))).body.code).toBe(1000210001);
      expect((await post(url('/employee/get'), getBody({ timestamp: at(-250) }))).body.code).toBe(1000220096);
    });

    it('1000210003: an unknown appid, or an appid naming another app than the token', async () => {
      const stranger = new JavaSdkClient(ctx().baseUrl, '123456789', 'secret');
      expect((await stranger.createToken()).body).toEqual({ code: 1000210003, msg: 'appinfo check failed!', data: null });
      const other = await newEnterprise(ctx().c, ctx().baseUrl);
      expect((await post(url('/employee/get'), getBody({ appid: other.app.appKey }))).body.code).toBe(1000210003);
    });

    it('1000210004: an unknown or malformed access_token', async () => {
      expect((await post(url('/employee/get'), getBody({ access_token: 'f'.repeat(32) }))).body).toEqual({ code: 1000210004, msg: 'tokeninfo check failed!', data: null });
      expect((await post(url('/employee/get'), getBody({ access_token: 'not-a-token' }))).body.code).toBe(1000210004);
    });

    it('1000210005: an unknown path of this dialect', async () => {
      const reply = await post(url('/employee/nope'), getBody());
      expect(reply.status).toBe(200);
      expect(reply.body).toEqual({ code: 1000210005, msg: 'interface not found!', data: null });
    });

    it('1000210006: sign, timestamp, access_token or appid missing', async () => {
      const unsigned = new URLSearchParams({ access_token: token, timestamp: epochSeconds(), userid: 'nobody' }).toString();
      expect((await post(url('/employee/get'), unsigned)).body).toEqual({ code: 1000210006, msg: 'parameter check failed!', data: null });
      const noTimestamp = docsBody({ access_token: token, userid: 'nobody' }, ent.app.appSecret);
      expect((await post(url('/employee/get'), noTimestamp)).body.code).toBe(1000210006);
      const noToken = docsBody({ timestamp: epochSeconds(), userid: 'nobody' }, ent.app.appSecret);
      expect((await post(url('/employee/get'), noToken)).body.code).toBe(1000210006);
      const noAppid = docsBody({ grant_type: 'client_credential', timestamp: epochSeconds() }, ent.app.appSecret);
      expect((await post(url('/token/create'), noAppid)).body.code).toBe(1000210006);
    });

    it('1000210009: appsecret among the parameters', async () => {
      const body = `${getBody()}&appsecret=${ent.app.appSecret}`;
      expect((await post(url('/employee/get'), body)).body).toEqual({ code: 1000210009, msg: 'parameters contain appsecret!', data: null });
    });

    it('1000200052: an app over its rate limit (after a valid sign only)', async () => {
      const limited = await newEnterprise(ctx().c, ctx().baseUrl, { rateLimit: 1 });
      const first = await limited.sdk.createToken();
      expect(first.body.code).toBe(0);
      const again = await limited.sdk.createToken();
      expect(again.body).toEqual({ code: 1000200052, msg: 'frequency over limit!', data: null });
    });

    it('signs with SHA-256 or SHA-512 for apps configured so, and refuses SHA-1 from them', async () => {
      for (const signType of ['sha256', 'sha512'] as const) {
        const ent2 = await newEnterprise(ctx().c, ctx().baseUrl, { signType });
        expect((await ent2.sdk.call('/employee/add', { userid: uniqueId(), name: signType, mobile: uniqueMobile() })).body.code).toBe(0);
        const sha1 = new JavaSdkClient(ctx().baseUrl, ent2.app.appKey, ent2.app.appSecret, { signType: 'sha1' });
        expect((await sha1.createToken()).body.code).toBe(1000210002);
      }
    });

    it('a new token leaves the older ones valid', async () => {
      const first = await docsToken(ctx().baseUrl, ent.app);
      const second = await docsToken(ctx().baseUrl, ent.app);
      expect(second).not.toBe(first);
      for (const t of [first, second, token]) {
        expect((await docsPost(ctx().baseUrl, '/employee/get', t, ent.app, { userid: 'nobody' })).body.code).toBe(1000220096);
      }
    });

    it('refuses a grant_type other than client_credential', async () => {
      const body = docsBody({ appid: ent.app.appKey, grant_type: 'password', timestamp: epochSeconds() }, ent.app.appSecret);
      expect((await post(url('/token/create'), body)).body.code).toBe(1000220002);
    });
  });

  describe(`benefits token lifetime (${db.name})`, () => {
    let clock = Date.now();
    const ctx = useRoster(db, { now: () => clock });

    it('expires after expires_in (1000210004); the SDK then renews and retries', async () => {
      const ent = await newEnterprise(ctx().c, ctx().baseUrl, { clock: () => clock });
      const token = await docsToken(ctx().baseUrl, ent.app, clock);
      const get = () => docsPost(ctx().baseUrl, '/employee/get', token, ent.app, { userid: 'nobody' }, clock);
      clock += 3_599_000;
      expect((await get()).body.code).toBe(1000220096);
      clock += 2_000;
      expect((await get()).body.code).toBe(1000210004);
      // The SDK still holding the expired token gets 1000210004, creates a new one and retries.
      ent.sdk.adoptToken(token);
      const retried = await ent.sdk.call('/employee/get', { userid: 'nobody' });
      expect(retried.body.code).toBe(1000220096);
    });
  });
}
