/**
 * `/employee/v2/batchSynchronize` + `/getByBatchNumber` (notes "more endpoints" §3.3, §4.3, §5.4, §6):
 * accepted at once with a batch number, each row checked with the rules and codes of /employee/add
 * and /employee/update, one bad row never blocking the others, totals and a per-row failure list.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { testDatabases } from '../support/databases.js';
import { useRoster } from '../support/roster.js';
import { awaitBatch, BATCH_NUMBER } from './support/batches.js';
import { docsToken } from './support/docs-style.js';
import { docsGet, docsJsonPost, sdkJson, sdkJsonObjectCall } from './support/java-sdk-json.js';
import { post } from './support/wire.js';
import { newEnterprise, seedExampleSetup, uniqueId, uniqueMobile, type Enterprise } from './support/world.js';

type Row = Record<string, unknown>;
const PATH = '/employee/v2/batchSynchronize';

for (const db of testDatabases()) {
  describe(`benefits employee batches (${db.name})`, () => {
    const ctx = useRoster(db);
    let ent: Enterprise;
    const call = async (path: string, request: Row) => (await ent.sdk.call(path, request)).body;
    const submit = async (employeeList: unknown, extra: Row = {}) => (await sdkJsonObjectCall(ent.sdk, PATH, { ...extra, employee_list: employeeList })).body;

    beforeAll(async () => {
      ent = await newEnterprise(ctx().c, ctx().baseUrl);
      await seedExampleSetup(ctx().c, ent.company.companyId);
    });

    it('applies the good rows and lists each bad one with its row text, reason and the single call code', async () => {
      const existing = { userid: uniqueId(), code: uniqueId('C'), name: '老员工', mobile: uniqueMobile(), email: `${uniqueId()}@example.com`, category: ['A组'], level: '金丹' };
      expect((await call('/employee/add', existing)).code).toBe(0);
      const fresh = { code: uniqueId('N'), name: '张三', status: 1, gender: 1, mobile_area: '86', mobile: uniqueMobile(), email: `${uniqueId()}@example.com`, dept_code: 'A001', level: '金丹', category: 'A组,B组', birth_day: '1990-07-05', entry_day: '2022-06-29', card_type: 1, card_no: '110101199003070919', remark: 'r', employee_attribute: '[{"attributeCode":"politicalVisage","attributeValue":"群众"}]', userid: uniqueId() };
      const resigned = { name: '李四', status: 2, gender: 3, mobile: uniqueMobile(), userid: uniqueId() };
      const rows: Array<[Row | number, number | null]> = [
        [fresh, null],
        [{ status: 1, mobile: uniqueMobile(), userid: uniqueId() }, 1000220002],
        [{ name: '撞手机', status: 1, mobile: existing.mobile, userid: uniqueId() }, 1002218007],
        [{ name: '无部门', status: 1, mobile: uniqueMobile(), dept_code: 'NOPE', userid: uniqueId() }, 1000220010],
        [resigned, null],
        [{ name: '无状态', mobile: uniqueMobile(), userid: uniqueId() }, 1000220002],
        [5, 1000220002],
        // An update by userid: mobile_area as a JSON number, `""` clears level and category.
        [{ userid: existing.userid, status: 1, name: '老员工改', mobile_area: 86, level: '', category: '' }, null],
        [{ name: '分级', status: 1, mobile: uniqueMobile(), level: '元婴', userid: uniqueId() }, 1000220030],
        [{ name: '分类', status: 1, mobile: uniqueMobile(), category: 'A组,丙组', userid: uniqueId() }, 1000210028],
        [{ name: '扩展', status: 1, mobile: uniqueMobile(), employee_attribute: '[{"attributeCode":"maritalStatus","attributeValue":"x"}]', userid: uniqueId() }, 1000220072],
        [{ name: '撞工号', status: 1, mobile: uniqueMobile(), code: existing.code, userid: uniqueId() }, 1002219003],
        [{ name: '撞邮箱', status: 1, email: existing.email.toUpperCase(), userid: uniqueId() }, 1002218004],
        [{ name: '证件', status: 1, mobile: uniqueMobile(), card_type: 1, card_no: '110101199003070910', userid: uniqueId() }, 1002219046],
        [{ name: '区号', status: 1, mobile: uniqueMobile(), mobile_area: '999', userid: uniqueId() }, 1002219069],
        [{ name: '日期', status: 1, mobile: uniqueMobile(), entry_day: '2016-02-30', userid: uniqueId() }, 1000220002],
        [{ name: '对象', status: 1, mobile: { n: 1 }, userid: uniqueId() }, 1000220002],
        // No userid: found by code, updated.
        [{ code: existing.code.toLowerCase(), status: 1, remark: '按工号' }, null],
        [{ code: 'NOBODY9', name: '无人', status: 1, mobile: uniqueMobile() }, 1000220002],
      ];
      const reply = await submit(rows.map(([row]) => row));
      expect(reply.code).toBe(0);
      expect(reply.data).toMatch(BATCH_NUMBER);
      const result = await awaitBatch(ent.sdk, reply.data as string);
      const bad = rows.filter(([, code]) => code !== null);
      expect(result).toMatchObject({ batch_number: reply.data, total_count: rows.length, success_count: rows.length - bad.length, failure_count: bad.length });
      expect(result.failures!.map((f) => [f.service_data, f.code])).toEqual(bad.map(([row, code]) => [sdkJson(row), code]));
      expect(result.failures!.every((f) => typeof f.service_data === 'string' && f.reason.length > 0)).toBe(true);
      expect(result.failures![0]!.reason).toBe('参数验证不通过: name is required');

      expect((await call('/employee/get', { userid: fresh.userid })).data).toMatchObject({
        corp_code: fresh.code, name: '张三', gender: 1, dept_code: 'A001', level: '金丹', category: ['A组', 'B组'], card_no: fresh.card_no, birth_day: '1990-07-05', status: 1,
      });
      expect((await call('/employee/attribute/get', { userid: fresh.userid })).data).toContainEqual({ code: 'politicalVisage', name: '政治面貌', value: '群众' });
      expect((await call('/employee/get', { userid: resigned.userid })).code).toBe(1000220096);
      expect((await call('/employee/get', { userid: existing.userid })).data).toMatchObject({ name: '老员工改', level: null, category: [], remark: '按工号', mobile: existing.mobile });
    });

    it('a batch of only good rows reports failures null; the docs style (query, GET) reads the same result', async () => {
      const userid = uniqueId();
      const token = await docsToken(ctx().baseUrl, ent.app);
      const body = JSON.stringify({ employee_list: [{ userid, name: '文档', status: '1', mobile: uniqueMobile() }] });
      const reply = await docsJsonPost(ctx().baseUrl, PATH, token, ent.app, body);
      expect(reply.body.code).toBe(0);
      await awaitBatch(ent.sdk, reply.body.data as string);
      const read = await docsGet(ctx().baseUrl, '/getByBatchNumber', token, ent.app, { batch_num: reply.body.data as string });
      expect(read.body).toEqual({ code: 0, msg: 'OK', data: { batch_number: reply.body.data, total_count: 1, success_count: 1, failure_count: 0, failures: null } });
      expect((await call('/employee/get', { userid })).code).toBe(0);
    });

    it('refuses the whole request, and creates no batch, for 51 rows, none, a missing list or a body that is no JSON', async () => {
      const many = Array.from({ length: 51 }, () => ({ userid: uniqueId(), name: '多', status: 1, mobile: uniqueMobile() }));
      const tooMany = await submit(many);
      expect(tooMany).toEqual({ code: 1000220002, msg: '参数验证不通过: employee_list may hold at most 50 rows', data: null });
      expect((await call('/employee/get', { userid: many[0]!.userid })).code).toBe(1000220096);
      expect((await submit([])).code).toBe(1000220002);
      expect((await submit(undefined)).code).toBe(1000220002);
      expect((await submit('rows')).code).toBe(1000220002);
      const token = await docsToken(ctx().baseUrl, ent.app);
      expect((await docsJsonPost(ctx().baseUrl, PATH, token, ent.app, '{"employee_list":[')).body.code).toBe(1000220002);
      expect((await docsJsonPost(ctx().baseUrl, PATH, token, ent.app, '[]')).body.code).toBe(1000220002);
      // A form body carries no JSON to read.
      expect((await ent.sdk.call(PATH, { employee_list: '[]' })).body.code).toBe(1000220002);
      // The sign covers the raw body: a changed body is a sign failure.
      const signed = await docsJsonPost(ctx().baseUrl, PATH, token, ent.app, '{"employee_list":[]}');
      expect(signed.body.code).toBe(1000220002);
      const url = (await ent.sdk.prepare('/employee/add', {})).url.replace('/employee/add', PATH);
      expect((await post(url, '{"employee_list":[{"userid":"x","name":"x","status":1,"mobile":"13800138000"}]}', 'application/json')).body.code).toBe(1000210002);
    });

    it('getByBatchNumber: a missing, unknown or another app\'s batch number is 1000220002', async () => {
      const reply = await submit([{ userid: uniqueId(), name: '甲', status: 1, mobile: uniqueMobile() }]);
      expect((await call('/getByBatchNumber', {})).code).toBe(1000220002);
      expect(await call('/getByBatchNumber', { batch_num: 'USERDOOR_BATCH_SET_PM_5a1ab36bc6b0e99f8726e99461db0429' })).toEqual({
        code: 1000220002, msg: '参数验证不通过: batch_num names no batch of this app', data: null,
      });
      const stranger = await newEnterprise(ctx().c, ctx().baseUrl);
      expect((await stranger.sdk.call('/getByBatchNumber', { batch_num: reply.data as string })).body.code).toBe(1000220002);
      expect((await call('/getByBatchNumber', { batch_num: 'x'.repeat(101) })).code).toBe(1000220002);
    });

    it('a group account names the member enterprise inside the body; a wrong one is 1000240002', async () => {
      const { c, baseUrl } = ctx();
      const group = await c.directory.createCompany({ name: `集团${uniqueId()}`, kind: 'group' });
      await c.directory.createCompany({ name: '成员', parentCompanyId: group.companyId, enterpriseCode: 'B1' });
      const { withApp } = await import('./support/world.js');
      const g = await withApp(c, baseUrl, group);
      const userid = uniqueId();
      const reply = await sdkJsonObjectCall(g.sdk, PATH, { enterprise_code: 'B1', employee_list: [{ userid, name: '成员甲', status: 1, mobile: uniqueMobile() }] });
      expect(reply.body.code).toBe(0);
      expect((await awaitBatch(g.sdk, reply.body.data as string)).success_count).toBe(1);
      expect((await g.sdk.call('/employee/get', { userid, enterprise_code: 'B1' })).body.code).toBe(0);
      expect((await sdkJsonObjectCall(g.sdk, PATH, { enterprise_code: 'B2', employee_list: [{ userid, name: 'x', status: 1 }] })).body.code).toBe(1000240002);
      expect((await sdkJsonObjectCall(g.sdk, PATH, { employee_list: [{ userid, name: 'x', status: 1 }] })).body.code).toBe(1000240002);
    });
  });
}
