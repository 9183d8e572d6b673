import { describe, expect, it } from 'vitest';
import { testDatabases } from '../support/databases.js';
import { useRoster } from '../support/roster.js';
import { iotCaller, newCompany } from '../iot/support.js';

const body = (text: string) => JSON.parse(text) as { code: number; message: string; localizedMsg: string };

for (const db of testDatabases()) {
  describe(`IoT errors tell the client what to fix (${db.name})`, () => {
    const ctx = useRoster(db);
    const iot = iotCaller(ctx);
    const app = async () => {
      const { company } = await newCompany(ctx);
      return ctx().c.directory.createApp({ companyId: company.companyId, rateLimit: 0 });
    };

    it('a 460 names the parameter and the rule, after the seed text, in English and Chinese', async () => {
      const a = await app();
      const zh = body((await iot.call(a, 'get', { employeeId: 42 })).res.text);
      expect(zh).toMatchObject({ code: 460, message: 'request parameter error. (employeeId: must be a string)', localizedMsg: '请求参数错误（employeeId：必须是字符串）' });
      const en = body((await iot.call(a, 'query', { pageNo: 1 }, { language: 'en-US' })).res.text);
      expect(en).toMatchObject({ code: 460, message: 'request parameter error. (companyId: is required)', localizedMsg: 'request parameter error. (companyId: is required)' });
      const unknown = body((await iot.call(a, 'create', { authCode: 'x', codeType: 'AUTH_CODE', companyid: 'x' })).res.text);
      expect(unknown).toMatchObject({ code: 460, message: 'request parameter error. (companyid: unknown parameter)', localizedMsg: '请求参数错误（companyid：不是此接口的参数）' });
    });

    it('an apiVer the endpoint does not serve names the one it serves', async () => {
      const a = await app();
      const wrong = body((await iot.call(a, 'get', {}, { apiVer: '1.0.0' })).res.text);
      expect(wrong).toMatchObject({ code: 20003, message: 'Find Backend Error (this endpoint serves apiVer 1.0.4)', localizedMsg: 'Find Backend Error（此接口只支持 apiVer 1.0.4）' });
    });
  });
}
