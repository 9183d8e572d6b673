/**
 * The department batch calls (notes "more endpoints" §4.2, §4.4, §4.5, §1.3): bare JSON arrays, the
 * `_body` sign, per-row results, and the SDK's `enterprise_code` that is signed but never sent.
 */
import { createHash } from 'node:crypto';
import { beforeAll, describe, expect, it } from 'vitest';
import { benefitsSign, benefitsStringToSign } from '../../src/edge/benefits/sign.js';
import { testDatabases } from '../support/databases.js';
import { useRoster } from '../support/roster.js';
import { awaitBatch, BATCH_NUMBER } from './support/batches.js';
import { docsToken } from './support/docs-style.js';
import { docsJsonPost, prepareJsonArrayCall, sdkJson, sdkJsonArrayCall, sendJson } from './support/java-sdk-json.js';
import { newEnterprise, uniqueId, uniqueMobile, withApp, type Enterprise } from './support/world.js';

type Row = Record<string, unknown>;

describe('the notes\' worked signs for the JSON calls', () => {
  const common: Array<[string, string]> = [
    ['access_token', 'cde2c369fab499c0bf0643bb1844e70c'],
    ['appid', '30000003'],
    ['grant_type', 'client_credential'],
    ['timestamp', '1700000000'],
    ['version', '1.0.0'],
  ];
  const secret = '9f8e7d6c5b4a39281706f5e4d3c2b1a0';

  it('§3.3 object body, §1.3 array body with and without the unsent enterprise_code, §4.3 batch_num', () => {
    const object = '{"version":"1.0.0","grant_type":"client_credential","no_snake":false,"employee_list":[{"name":"张三","status":1,"gender":3,"userid":"U001"}]}';
    expect(benefitsSign([...common, ['_body', object]], secret, 'sha1')).toBe('097b17399d467ac653435d431975c6e091e2cbc0');
    const array = '[{"dept_code":"D2","manager_code":"C001"}]';
    expect(benefitsSign([...common, ['_body', array]], secret, 'sha1')).toBe('3b36125efafc9d2e2720715dfb8b8e136b103ea5');
    const sdkSigned = benefitsStringToSign([...common, ['_body', array], ['enterprise_code', 'E001']], secret);
    expect(createHash('sha1').update(sdkSigned).digest('hex')).toBe('5e937b01ddd081d522df58396843ee857e6bcef1');
    expect(benefitsSign([...common, ['batch_num', 'USERDOOR_BATCH_SET_PM_5a1ab36bc6b0e99f8726e99461db0429']], secret, 'sha1')).toBe('a94d9bb4e835985e0a2c981cd7adc4b2d1ee6bdc');
  });
});

for (const db of testDatabases()) {
  describe(`benefits department batches (${db.name})`, () => {
    const ctx = useRoster(db);
    let ent: Enterprise;
    const call = async (path: string, request: Row) => (await ent.sdk.call(path, request)).body;
    const batch = async (path: string, rows: unknown[]) => {
      const reply = await sdkJsonArrayCall(ent.sdk, path, rows);
      expect(reply.body.code, reply.text).toBe(0);
      expect(reply.body.data).toMatch(BATCH_NUMBER);
      return awaitBatch(ent.sdk, reply.body.data as string);
    };
    const failureCodes = (result: Awaited<ReturnType<typeof batch>>) => (result.failures ?? []).map((f) => [JSON.parse(f.service_data) as unknown, f.code]);

    beforeAll(async () => {
      ent = await newEnterprise(ctx().c, ctx().baseUrl);
    });

    it('batchSynchronize creates (under the root) or renames by dept_code; bad rows fail alone', async () => {
      expect((await call('/department/add', { dept_code: 'S0', name: '旧名' })).code).toBe(0);
      // The SDK's verified body, plus the docs' "1" as a string, an update and bad rows.
      const rows = [
        { dept_code: 'D2', name: '测试 部', status: 1 },
        { dept_code: 'D3', name: 'D3' },
        { dept_code: 'D4', name: '四部', status: '1' },
        { dept_code: 'S0', name: '新名', status: 2 },
        { dept_code: 'D5' },
        { dept_code: 'D6', name: '六部', status: 3 },
        { dept_code: 'D7', name: '测试 部' },
        { name: '无编号' },
      ];
      const result = await batch('/department/batchSynchronize', rows);
      expect(result).toMatchObject({ total_count: 8, success_count: 4, failure_count: 4 });
      expect(failureCodes(result)).toEqual([
        [{ dept_code: 'D5' }, 1000220002],
        [{ dept_code: 'D6', name: '六部', status: 3 }, 1000220002],
        [{ dept_code: 'D7', name: '测试 部' }, 1002212003],
        [{ name: '无编号' }, 1000220002],
      ]);
      expect((await call('/department/get', { dept_code: 'D2' })).data).toMatchObject({ dept_Code: 'D2', name: '测试 部', parent_code: 'ROOT', status: 1 });
      expect((await call('/department/get', { dept_code: 'S0' })).data).toMatchObject({ name: '新名', status: 2 });
      expect((await call('/department/get', { dept_code: 'D6' })).code).toBe(1000220010);
    });

    it('batchSetParent moves departments; unknown, cyclic or root moves fail per row', async () => {
      await batch('/department/batchSynchronize', [{ dept_code: 'P1', name: '父' }, { dept_code: 'P2', name: '子' }, { dept_code: 'P3', name: '孙' }]);
      const rows = [
        { dept_code: 'P2', parent_code: 'P1' },
        { dept_code: 'P3', parent_code: 'P2' },
        { dept_code: 'P1', parent_code: 'P3' },
        { dept_code: 'P9', parent_code: 'P1' },
        { dept_code: 'P3', parent_code: 'P9' },
        { dept_code: 'ROOT', parent_code: 'P1' },
        { dept_code: 'P3' },
      ];
      const result = await batch('/department/batchSetParent', rows);
      expect(failureCodes(result)).toEqual([
        [rows[2], 1000220002],
        [rows[3], 1000220010],
        [rows[4], 1000220010],
        [rows[5], 1002212002],
        [rows[6], 1000220002],
      ]);
      expect(result).toMatchObject({ total_count: 7, success_count: 2, failure_count: 5 });
      expect((await call('/department/get', { dept_code: 'P3' })).data).toMatchObject({ parent_code: 'P2' });
      expect(Object.keys((await call('/department/getHierarchy', { dept_code: 'P1' })).data as Row)).toEqual(['basic', 'P1', 'P2', 'P3']);
    });

    it('batchSetManager names the manager by work number (工号)', async () => {
      const userid = uniqueId();
      expect((await call('/employee/add', { userid, code: 'C001', name: '主管', mobile: uniqueMobile() })).code).toBe(0);
      await batch('/department/batchSynchronize', [{ dept_code: 'M2', name: '有主管' }]);
      const rows = [{ dept_code: 'M2', manager_code: 'C001' }, { dept_code: 'M2', manager_code: 'C404' }, { dept_code: 'M9', manager_code: 'C001' }, { dept_code: 'M2', manager_code: 'C-1' }];
      const result = await batch('/department/batchSetManager', rows);
      expect(failureCodes(result)).toEqual([[rows[1], 1000220096], [rows[2], 1000220010], [rows[3], 1000220002]]);
      expect((await call('/department/get', { dept_code: 'M2' })).data).toMatchObject({ manager_code: 'C001', manager_userid: userid });
    });

    it('refuses a body that is not an array of at most 100 rows, and a row list in a form body', async () => {
      const over = Array.from({ length: 101 }, (_, i) => ({ dept_code: `X${i}`, name: `X${i}` }));
      expect((await sdkJsonArrayCall(ent.sdk, '/department/batchSynchronize', over)).body).toEqual({ code: 1000220002, msg: '参数验证不通过: body may hold at most 100 rows', data: null });
      expect((await call('/department/get', { dept_code: 'X0' })).code).toBe(1000220010);
      expect((await sdkJsonArrayCall(ent.sdk, '/department/batchSetParent', [])).body.code).toBe(1000220002);
      const token = await docsToken(ctx().baseUrl, ent.app);
      expect((await docsJsonPost(ctx().baseUrl, '/department/batchSetManager', token, ent.app, '{"dept_code":"D2"}')).body.code).toBe(1000220002);
      expect((await ent.sdk.call('/department/batchSetParent', { dept_code: 'D2', parent_code: 'D1' })).body.code).toBe(1000220002);
    });

    it('a replayed batch submission is refused (1000210002) and creates no second batch', async () => {
      const prepared = await prepareJsonArrayCall(ent.sdk, '/department/batchSynchronize', [{ dept_code: 'R1', name: '重放' }]);
      const first = await sendJson(prepared);
      expect(first.body.code).toBe(0);
      expect((await sendJson(prepared)).body.code).toBe(1000210002);
      expect((await awaitBatch(ent.sdk, first.body.data as string)).success_count).toBe(1);
      // A replay of a form call that changes data is refused the same way.
      const move = await ent.sdk.prepare('/department/transferEmployee', { source_dept_code: 'R1', target_dept_code: 'ROOT' });
      expect((await ent.sdk.send(move)).body).toEqual({ code: 0, data: true, msg: 'OK' });
      expect((await ent.sdk.send(move)).body.code).toBe(1000210002);
    });

    it('group accounts: enterprise_code from the query (docs), or recovered from the SDK\'s sign (lenient path)', async () => {
      const { c, baseUrl } = ctx();
      const group = await c.directory.createCompany({ name: `集团${uniqueId()}`, kind: 'group' });
      for (const code of ['E001', 'E002']) await c.directory.createCompany({ name: `成员${code}`, parentCompanyId: group.companyId, enterpriseCode: code });
      const g = await withApp(c, baseUrl, group);
      const gget = async (deptCode: string, enterpriseCode: string) => (await g.sdk.call('/department/get', { dept_code: deptCode, enterprise_code: enterpriseCode })).body;

      // The SDK signs enterprise_code=E002 and sends it nowhere: the code that makes the sign match is used.
      const bySdk = await sdkJsonArrayCall(g.sdk, '/department/batchSynchronize', [{ dept_code: 'G1', name: '集团部' }], 'E002');
      expect(bySdk.body.code, bySdk.text).toBe(0);
      expect((await awaitBatch(g.sdk, bySdk.body.data as string)).success_count).toBe(1);
      expect((await gget('G1', 'E002')).code).toBe(0);
      expect((await gget('G1', 'E001')).code).toBe(1000220010);

      // The docs' way: enterprise_code in the query, signed like every query param.
      const token = await docsToken(baseUrl, g.app);
      const byDocs = await docsJsonPost(baseUrl, '/department/batchSynchronize', token, g.app, sdkJson([{ dept_code: 'G2', name: '文档部' }]), { enterprise_code: 'E001' });
      expect(byDocs.body.code).toBe(0);
      await awaitBatch(g.sdk, byDocs.body.data as string);
      expect((await gget('G2', 'E001')).code).toBe(0);

      // A code the group does not have matches no sign: 1000210002; no code at all: 1000240002.
      expect((await sdkJsonArrayCall(g.sdk, '/department/batchSetParent', [{ dept_code: 'G1', parent_code: 'ROOT' }], 'E999')).body.code).toBe(1000210002);
      expect((await sdkJsonArrayCall(g.sdk, '/department/batchSetParent', [{ dept_code: 'G1', parent_code: 'ROOT' }])).body.code).toBe(1000240002);
      expect((await docsJsonPost(baseUrl, '/department/batchSetParent', token, g.app, '[{"dept_code":"G1","parent_code":"ROOT"}]', { enterprise_code: 'E999' })).body.code).toBe(1000240002);
      // A plain enterprise's SDK call with a stray enterprise_code is not rescued: its sign stays wrong.
      expect((await sdkJsonArrayCall(ent.sdk, '/department/batchSetParent', [{ dept_code: 'D2', parent_code: 'ROOT' }], 'E001')).body.code).toBe(1000210002);
    });
  });
}
