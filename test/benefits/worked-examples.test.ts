/**
 * The notes' worked sign examples A–D (benefits-openapi-protocol.md §2), sent bit for bit to a real
 * server whose clock reads 1700000000 and whose app is appid 30000003 with the notes' secret. The
 * sign algorithm itself is unit-tested in src/edge/benefits/sign.test.ts; here the server accepts them.
 */
import { beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { hashAccessToken } from '../../src/app/token.service.js';
import { testDatabases } from '../support/databases.js';
import { useRoster } from '../support/roster.js';
import { post } from './support/wire.js';

const APPID = '30000003';
const SECRET = '9f8e7d6c5b4a39281706f5e4d3c2b1a0';
const TOKEN = 'cde2c369fab499c0bf0643bb1844e70c';
const T0 = 1_700_000_000_000;

// Example A exactly as the Java SDK puts it on the wire.
const A_QUERY = `access_token=${TOKEN}&grant_type=client_credential&appid=${APPID}&sign=7cec3b0fe06016bd0965c3161ab307b6e9f99dee&version=1.0.0&timestamp=1700000000`;
const A_BODY =
  'gender=1&name=%E5%BC%A0%E4%B8%89&category=A%E7%BB%84%2CB%E7%BB%84&userid=U001' +
  '&employee_attribute=%5B%7B%22attributeCode%22%3A%22politicalVisage%22%2C%22attributeValue%22%3A%22%E7%BE%A4%E4%BC%97%22%7D%5D';

for (const db of testDatabases()) {
  describe(`benefits worked examples A–D (${db.name})`, () => {
    // 40 s after the examples' timestamp: well inside the 300 s window.
    const ctx = useRoster(db, { now: () => T0 + 40_000 });
    let companyId = '';

    beforeAll(async () => {
      const { c } = ctx();
      const company = await c.directory.createCompany({ name: '示例企业', main: { phone: '13800138000' } });
      companyId = company.companyId;
      await c.store.repos.apps.insertApp({
        appKey: APPID,
        appSecret: SECRET,
        name: 'worked examples',
        kind: 'hosted',
        companyId,
        rateLimit: 0,
        signType: 'sha1',
        createdAt: T0,
      });
      // The examples' token, as if /token/create had issued it.
      await c.store.repos.credentials.insertAccessToken(hashAccessToken(TOKEN), APPID, T0 + 3_600_000);
      await c.directory.addSettings(companyId, 'categories', ['A组', 'B组']);
      const app = (await c.access.credentials(APPID))!;
      await c.benefitsEmployees.add(app, undefined, 'U001', { name: 'someone', email: 'u001@example.com' });
    });

    // Each example goes out as if for the first time: the server accepts a data-changing call's sign
    // once (replay.test.ts), and these examples' signs are fixed. A sweep as of just after the signs'
    // window (timestamp + 301 s) forgets them; the token (valid to T0 + 3,600 s) stays.
    beforeEach(async () => {
      await ctx().c.store.repos.credentials.sweepExpired(T0 + 302_000);
    });

    it('C: token/create from the Java SDK (all in the query, empty body)', async () => {
      const reply = await post(`${ctx().baseUrl}/token/create?grant_type=client_credential&appid=${APPID}&sign=d3d2450b1662a478a909f1597ba489cdfc2e630c&version=1.0.0&timestamp=1700000000`, '');
      expect(reply.status).toBe(200);
      expect(reply.body).toEqual({ code: 0, data: { access_token: expect.stringMatching(/^[0-9a-f]{32}$/), expires_in: 3600 }, msg: 'OK' });
    });

    it('D: token/create in the docs style (all in the body) and the Go style (grant_type in the body)', async () => {
      const docs = await post(`${ctx().baseUrl}/token/create`, `appid=${APPID}&grant_type=client_credential&sign=4539cbd43200dc08e2246aaea430cc08410162fb&timestamp=1700000000`);
      expect(docs.body.code).toBe(0);
      const go = await post(`${ctx().baseUrl}/token/create?appid=${APPID}&sign=4539cbd43200dc08e2246aaea430cc08410162fb&timestamp=1700000000`, 'grant_type=client_credential');
      expect(go.body.code).toBe(0);
    });

    it('A: the Java SDK wire of example A is accepted and applied', async () => {
      const reply = await post(`${ctx().baseUrl}/employee/update?${A_QUERY}`, A_BODY);
      expect(reply.body).toEqual({ code: 0, data: 'U001', msg: 'OK' });
      const employee = await ctx().c.store.repos.employees(companyId).getByUserid('U001');
      expect(employee).toMatchObject({
        name: '张三',
        gender: 1,
        categories: ['A组', 'B组'],
        attributes: [{ attributeCode: 'politicalVisage', attributeValue: '群众' }],
      });
    });

    it('A: the same bytes to /employee/add pass the sign and stop at the mobile-or-email rule', async () => {
      const reply = await post(`${ctx().baseUrl}/employee/add?${A_QUERY}`, A_BODY);
      expect(reply.body.code).toBe(1000220002);
      expect(reply.body.msg).toContain('mobile');
    });

    it('A: upper-case hex is accepted; one byte changed anywhere is refused with 1000210002', async () => {
      const upper = A_QUERY.replace('7cec3b0fe06016bd0965c3161ab307b6e9f99dee', '7CEC3B0FE06016BD0965C3161AB307B6E9F99DEE');
      expect((await post(`${ctx().baseUrl}/employee/update?${upper}`, A_BODY)).body.code).toBe(0);
      // 张三 → 张四 in the body.
      const body = A_BODY.replace('%E4%B8%89', '%E5%9B%9B');
      expect((await post(`${ctx().baseUrl}/employee/update?${A_QUERY}`, body)).body).toEqual({ code: 1000210002, msg: 'sign check failed!', data: null });
      const query = A_QUERY.replace('timestamp=1700000000', 'timestamp=1700000001');
      expect((await post(`${ctx().baseUrl}/employee/update?${query}`, A_BODY)).body.code).toBe(1000210002);
    });

    it('B: the minimal docs-style call (everything in the body)', async () => {
      const body = `access_token=${TOKEN}&timestamp=1700000000&userid=U001&name=%E5%BC%A0%E4%B8%89&sign=00a56c2bb10a2b295cd915d5fba93b279410f13a`;
      expect((await post(`${ctx().baseUrl}/employee/update`, body)).body).toEqual({ code: 0, data: 'U001', msg: 'OK' });
    });
  });
}
