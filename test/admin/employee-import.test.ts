/**
 * Bulk import and export through the admin API (issue 10): the template, a dry run that reports every
 * row with exactly the code and message `/employee/add` answers and changes nothing, the real import
 * (created / updated / unchanged / failed), idempotence, the result file, the export that imports back
 * as `unchanged` (CSV and XLSX), tenant isolation and the upload bound.
 */
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { newEnterprise, seedExampleSetup, uniqueMobile, type Enterprise } from '../benefits/support/world.js';
import { testDatabases } from '../support/databases.js';
import { allRows, awaitImport, csvFile, CSV_TYPE, rawCall, readFileRows, xlsxFile, XLSX_TYPE } from './import-support.js';
import { useAdmin } from './support.js';

const ZH_HEADER = ['用户ID', '姓名', '手机号', '邮箱', '部门编号', '员工分级', '工号'];
const PARAMS = ['userid', 'name', 'mobile', 'email', 'dept_code', 'level', 'code'];

/** A row's non-empty cells as the parameters /employee/add would get. */
const asParams = (row: string[]) => Object.fromEntries(PARAMS.map((p, i) => [p, row[i]!]).filter(([, v]) => v !== ''));

for (const db of testDatabases()) {
  describe(`employee import and export (${db.name})`, () => {
    const ctx = useAdmin(db, { config: { importMaxBytes: 16384 } });
    const call = (method: string, path: string, body?: Buffer, type?: string) => rawCall(ctx().baseUrl, ctx().token, method, path, body, type);
    const upload = async (companyId: string, file: Buffer, type: string, dryRun = false) => {
      const res = await call('POST', `/companies/${companyId}/employee-imports?dryRun=${dryRun}&fileName=people.csv`, file, type);
      expect(res.status, JSON.stringify(res.json)).toBe(202);
      return awaitImport(ctx().baseUrl, ctx().token, companyId, res.json.importId);
    };
    const employeeCount = async (companyId: string) => (await ctx().call('GET', `/companies/${companyId}/employees?total=true&limit=1`)).body.total as number;
    const enterprise = async (): Promise<Enterprise> => {
      const ent = await newEnterprise(ctx().c, ctx().baseUrl);
      await seedExampleSetup(ctx().c, ent.company.companyId);
      return ent;
    };

    it('serves the template with Chinese or English column names, as CSV (BOM) or XLSX', async () => {
      const { company } = await enterprise();
      const zh = await call('GET', `/companies/${company.companyId}/employee-import-template?format=csv&lang=zh`);
      expect(zh.status).toBe(200);
      expect(zh.headers.get('content-disposition')).toMatch(/^attachment; filename="employee-import-template-zh\.csv"/);
      const [header] = await readFileRows(zh.body, zh.headers.get('content-type')!);
      expect(header!.slice(0, 6)).toEqual(['用户ID', '姓名', '工号', '手机区号', '手机号', '邮箱']);
      expect(header).toContain('部门编号');
      const en = await call('GET', `/companies/${company.companyId}/employee-import-template?format=xlsx&lang=en`);
      expect(en.headers.get('content-type')).toBe(XLSX_TYPE);
      const [enHeader] = await readFileRows(en.body, XLSX_TYPE);
      expect(enHeader!.slice(0, 6)).toEqual(['userid', 'name', 'code', 'mobile_area', 'mobile', 'email']);
      expect(enHeader).toContain('dept_code');
    });

    it('a dry run reports each row with /employee/add’s exact code and message and changes nothing; the import then applies it', async () => {
      const ent = await enterprise();
      const { companyId } = ent.company;
      const taken = uniqueMobile();
      expect((await ctx().call('POST', `/companies/${companyId}/employees`, { name: 'Holder', mobile: taken, userid: 'holder' })).status).toBe(201);
      const m1 = uniqueMobile();
      const rows = [
        ['u-a', '张三', m1, '', 'A001', 'S1', 'W1'],
        ['u-b', '李四', '', 'li@x.example', '', '', ''],
        ['', '王五', uniqueMobile(), '', '', '', ''],
        ['u-d', '', uniqueMobile(), '', '', '', ''],
        ['u-e', '赵六', uniqueMobile(), '', 'NOPE', '', ''],
        ['u-f', '钱七', uniqueMobile(), '', '', 'ZZ', ''],
        ['u-g', '孙八', 'abc', '', '', '', ''],
        ['u-h', '周九', '', '', '', '', ''],
        ['u-i', '吴十', taken, '', '', '', ''],
        ['u-j', '郑一', m1, '', '', '', ''],
      ];
      const file = csvFile([ZH_HEADER, ...rows]);
      // What /employee/add itself answers for each bad row (it refuses them all, so nothing changes).
      const expected = new Map<number, { code: number; msg: string }>();
      for (const [i, row] of rows.entries()) {
        if (i < 2 || i === 9) continue;
        const reply = await ent.sdk.call('/employee/add', asParams(row));
        expect(reply.body.code).not.toBe(0);
        expected.set(i + 1, { code: reply.body.code as number, msg: reply.body.msg as string });
      }
      expected.set(10, { code: 1002218007, msg: '会员:手机已存在' });
      const before = await employeeCount(companyId);

      const dry = await upload(companyId, file, CSV_TYPE, true);
      expect(dry).toMatchObject({ status: 'done', dryRun: true, total: 10, processed: 10, created: 2, updated: 0, unchanged: 0, failed: 8, fileName: 'people.csv' });
      const dryRows = await allRows(ctx().baseUrl, ctx().token, companyId, dry.importId);
      expect(dryRows.map((r) => r.outcome)).toEqual(['valid', 'valid', ...Array(8).fill('failed')]);
      for (const r of dryRows.filter((x) => x.outcome === 'failed')) expect({ row: r.row, code: r.code, msg: r.message }).toEqual({ row: r.row, ...expected.get(r.row) });
      expect(await employeeCount(companyId)).toBe(before);

      const real = await upload(companyId, file, CSV_TYPE);
      expect(real).toMatchObject({ status: 'done', dryRun: false, total: 10, processed: 10, created: 2, updated: 0, unchanged: 0, failed: 8 });
      const errors = await allRows(ctx().baseUrl, ctx().token, companyId, real.importId, true);
      expect(errors.map((r) => [r.row, r.code, r.message])).toEqual([...expected].map(([row, e]) => [row, e.code, e.msg]));
      expect(await employeeCount(companyId)).toBe(before + 2);
      const added = (await ctx().call('GET', `/companies/${companyId}/employees?userid=u-a`)).body.items[0];
      expect(added).toMatchObject({ name: '张三', mobile: m1, deptCode: 'A001', level: 'S1', workNumber: 'W1' });

      // The same file again creates nobody: the good rows are unchanged, the bad ones fail again.
      const again = await upload(companyId, file, CSV_TYPE);
      expect(again).toMatchObject({ created: 0, updated: 0, unchanged: 2, failed: 8 });
      expect(await employeeCount(companyId)).toBe(before + 2);

      // The result file: each uploaded row with its outcome, code and message, in the file's language.
      const results = await call('GET', `/companies/${companyId}/employee-imports/${real.importId}/results?format=csv`);
      const [header, ...resultRows] = await readFileRows(results.body, results.headers.get('content-type')!);
      expect(header!.slice(-5)).toEqual(['行号', '结果', '员工ID', '错误码', '错误信息']);
      expect(resultRows).toHaveLength(10);
      expect(resultRows[0]!.slice(-5)).toEqual(['1', '新增', added.employeeId, '', '']);
      expect(resultRows[4]!.slice(-3)).toEqual(['', String(expected.get(5)!.code), expected.get(5)!.msg]);
    });

    it('a row naming an existing employee (by userid, else by mobile) updates it; a differing value is `updated`', async () => {
      const { company } = await enterprise();
      const { companyId } = company;
      const mobile = uniqueMobile();
      const created = (await ctx().call('POST', `/companies/${companyId}/employees`, { name: 'Old', mobile, userid: 'keep' })).body;
      const noUserid = (await ctx().call('POST', `/companies/${companyId}/employees`, { name: 'Anon', email: 'anon@x.example' })).body;
      const file = csvFile([
        ['userid', 'name', 'mobile', 'email'],
        ['keep', 'New', mobile, ''],
        ['', 'Anon', '', 'anon@x.example'],
      ]);
      const job = await upload(companyId, file, CSV_TYPE);
      expect(job).toMatchObject({ created: 0, updated: 1, unchanged: 1, failed: 0 });
      const rows = await allRows(ctx().baseUrl, ctx().token, companyId, job.importId);
      expect(rows.map((r) => [r.outcome, r.employeeId])).toEqual([['updated', created.employeeId], ['unchanged', noUserid.employeeId]]);
      expect((await ctx().call('GET', `/companies/${companyId}/employees/${created.employeeId}`)).body.name).toBe('New');
    });

    it('an exported filtered list imports back as unchanged, as CSV and as XLSX', async () => {
      const { company } = await enterprise();
      const { companyId } = company;
      for (const [i, dept] of ['A001', 'A001', 'TOM071201'].entries()) {
        const res = await ctx().call('POST', `/companies/${companyId}/employees`, {
          name: `导出${i}`,
          mobile: uniqueMobile(),
          userid: `ex${i}`,
          deptCode: dept,
          level: 'S1',
          categories: ['A组', 'B组'],
          birthDay: '01-21',
          cardType: 1,
          cardNo: '11010519491231002X',
          attributes: [{ attributeCode: 'politicalVisage', attributeValue: '群众' }],
          remark: 'two\nlines',
        });
        expect(res.status).toBe(201);
      }
      for (const format of ['csv', 'xlsx'] as const) {
        const exported = await call('GET', `/companies/${companyId}/employees/export?format=${format}&lang=zh&deptCode=A001`);
        expect(exported.status).toBe(200);
        expect(exported.headers.get('content-disposition')).toContain(`.${format}`);
        const rows = await readFileRows(exported.body, exported.headers.get('content-type')!);
        expect(rows).toHaveLength(3);
        expect(rows[0]![0]).toBe('用户ID');
        expect(rows.slice(1).map((r) => r[0])).toEqual(['ex0', 'ex1']);
        // Identity numbers never leave.
        expect(exported.body.includes(Buffer.from('11010519491231002X'))).toBe(false);
        const job = await upload(companyId, exported.body, format === 'csv' ? CSV_TYPE : XLSX_TYPE);
        expect(job).toMatchObject({ total: 2, unchanged: 2, created: 0, updated: 0, failed: 0 });
      }
    });

    it('reads an XLSX upload with English headers', async () => {
      const { company } = await enterprise();
      const file = await xlsxFile([['userid', 'name', 'mobile', 'birth_day'], ['x1', 'Xia', uniqueMobile(), '1990-07-05'], ['x2', 'Xu', 'bad', '']]);
      const job = await upload(company.companyId, file, XLSX_TYPE);
      expect(job, JSON.stringify(job)).toMatchObject({ total: 2, created: 1, failed: 1 });
      const [failed] = await allRows(ctx().baseUrl, ctx().token, company.companyId, job.importId, true);
      expect(failed).toMatchObject({ row: 2, outcome: 'failed', code: 1000220002 });
      expect((await ctx().call('GET', `/companies/${company.companyId}/employees?userid=x1`)).body.items[0].birthDay).toBe('1990-07-05');
    });

    it('keeps imports per company: another company’s import id is import.not_found, a scoped token cannot reach it', async () => {
      const a = await enterprise();
      const b = await enterprise();
      const job = await upload(a.company.companyId, csvFile([['userid', 'name', 'mobile'], ['t1', 'T', uniqueMobile()]]), CSV_TYPE, true);
      const other = await call('GET', `/companies/${b.company.companyId}/employee-imports/${job.importId}`);
      expect(other.status).toBe(404);
      expect(other.json.code).toBe('import.not_found');
      expect((await call('GET', `/companies/${b.company.companyId}/employee-imports/${job.importId}/rows`)).json.code).toBe('import.not_found');
      expect((await call('GET', `/companies/${b.company.companyId}/employee-imports`)).json.items).toEqual([]);
      const scoped = (await ctx().c.admin.tokens.create({ name: 'b-only', companyId: b.company.companyId })).token;
      const denied = await rawCall(ctx().baseUrl, scoped, 'GET', `/companies/${a.company.companyId}/employee-imports/${job.importId}`);
      expect(denied.json.code).toBe('tenant.not_found');
    });

    it('refuses an upload over the size bound, an unknown type or a file without a header, storing nothing', async () => {
      const { company } = await enterprise();
      const big = csvFile([['userid', 'name', 'mobile'], ...Array.from({ length: 800 }, (_, i) => [`big${i}`, 'Big', uniqueMobile()])]);
      const tooLarge = await call('POST', `/companies/${company.companyId}/employee-imports`, big, CSV_TYPE);
      expect(tooLarge.status).toBe(413);
      expect(tooLarge.json).toMatchObject({ code: 'request.too_large', details: { param: 'body' } });
      expect(tooLarge.json.message).toContain('16384 bytes');
      const json = await call('POST', `/companies/${company.companyId}/employee-imports`, Buffer.from('{}'), 'application/json');
      expect(json.json).toMatchObject({ code: 'request.invalid_params', details: { param: 'Content-Type' } });
      const headless = await call('POST', `/companies/${company.companyId}/employee-imports`, csvFile([['a', 'b'], ['1', '2']]), CSV_TYPE);
      expect(headless.json).toMatchObject({ code: 'request.invalid_params', details: { param: 'file' } });
      expect((await call('GET', `/companies/${company.companyId}/employee-imports`)).json.items).toEqual([]);
      // Not even the spool file is left behind.
      expect(readdirSync(join(ctx().dataDir, 'tmp'))).toEqual([]);
    });

    it('records the start and one summarising event per import in the audit log', async () => {
      const { company } = await enterprise();
      const job = await upload(company.companyId, csvFile([['userid', 'name', 'mobile'], ['au1', 'A', uniqueMobile()]]), CSV_TYPE);
      const events = (await ctx().call('GET', `/audit-events?companyId=${company.companyId}&objectId=${job.importId}`)).body.items;
      expect(events.map((e: any) => e.action).sort()).toEqual(['finishEmployeeImport', 'startEmployeeImport']);
      expect(events.find((e: any) => e.action === 'finishEmployeeImport').changedFields).toContain('created:1');
    });
  });
}
