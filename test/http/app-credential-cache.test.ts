/**
 * Issue 6, item 1: the AppKey (IoT `X-Ca-Key`, benefits `appid`) a caller sends is looked up and
 * cached only when it has the AppKey shape (8–20 digits; Roster issues nine), and the cache stays bounded however
 * many distinct keys arrive; every one of them still gets the dialect's unknown-app answer.
 */
import { randomInt } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { expectGatewayError, expectOk, envelope, hostedApp, newCompany, PATHS, signedPost } from '../iot/support.js';
import { epochSeconds, post } from '../benefits/support/wire.js';
import { testDatabases } from '../support/databases.js';
import { useRoster } from '../support/roster.js';

/** Junk keys as an attacker would send them: each one different, most of them long. */
const junkKey = (i: number, length: number): string => {
  const short = [`${i}`, `0${100_000_000 + i}`, `${100_000_000 + i}a`, `${i}`.padEnd(21, '9')];
  return i < short.length ? short[i]! : `${i}-`.padEnd(length, 'k');
};

for (const db of testDatabases()) {
  describe(`app credential cache (${db.name})`, () => {
    const ctx = useRoster(db);

    it('/token/create: 100 distinct 16 KiB appids each get 1000210003 and add nothing to the cache', async () => {
      const before = ctx().c.access.cachedEntries();
      for (let i = 0; i < 100; i++) {
        const body = new URLSearchParams({ appid: junkKey(i, 16 * 1024), grant_type: 'client_credential', timestamp: epochSeconds(), sign: 'a'.repeat(40) });
        const reply = await post(`${ctx().baseUrl}/token/create`, body.toString());
        expect(reply.body).toEqual({ code: 1000210003, msg: 'appinfo check failed!', data: null });
      }
      expect(ctx().c.access.cachedEntries()).toBe(before);
    });

    it('IoT: 100 distinct 8 KiB X-Ca-Keys each get 400 Invalid AppKey and add nothing to the cache', async () => {
      const before = ctx().c.access.cachedEntries();
      for (let i = 0; i < 100; i++) {
        const res = await signedPost(ctx().baseUrl, { appKey: junkKey(i, 8 * 1024), appSecret: 'x' }, PATHS.query, envelope('query', {}));
        expectGatewayError(res, 400, 'Invalid AppKey');
      }
      expect(ctx().c.access.cachedEntries()).toBe(before);
    });

    it('keys of the right shape that nobody issued are refused and cached only up to a bound; real apps keep working', async () => {
      const { company } = await newCompany(ctx);
      const app = await hostedApp(ctx, company.companyId);
      const query = envelope('query', { companyId: company.companyId, pageNo: 1, pageSize: 1 });
      expectOk(await signedPost(ctx().baseUrl, app, PATHS.query, query), query.id);
      const before = ctx().c.access.cachedEntries();
      for (let i = 0; i < 300; i++) {
        const appKey = String(randomInt(100_000_000, 1_000_000_000));
        if (appKey === app.appKey) continue;
        expectGatewayError(await signedPost(ctx().baseUrl, { appKey, appSecret: 'x' }, PATHS.query, query), 400, 'Invalid AppKey');
      }
      expect(ctx().c.access.cachedEntries()).toBeLessThanOrEqual(before + 256);
      expectOk(await signedPost(ctx().baseUrl, app, PATHS.query, query), query.id);
    });
  });
}
