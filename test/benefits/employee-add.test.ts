/**
 * `/employee/add` exactly as seed 003: its two examples, every parameter rule (1000220002 naming the
 * parameter), every error code of its table, and uniqueness decided by the database.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { verifyPassword } from '../../src/app/password.js';
import { testDatabases } from '../support/databases.js';
import { useRoster } from '../support/roster.js';
import { docsPost, docsToken } from './support/docs-style.js';
import { newEnterprise, seedExampleSetup, seedSdkExample, uniqueId, uniqueMobile, withApp, type Enterprise } from './support/world.js';

/** Seed 003's HTTP example's business params (its access_token, timestamp and sign are replaced). */
const seedHttpExample = (cardNo: string): Record<string, string> => ({
  birth_day: '1991-02-20',
  card_no: cardNo,
  card_type: '1',
  corp_code: 'SN112',
  cost_center_id: '1234',
  email: '12345678@qq.com',
  entry_day: '2016-10-01',
  dept_code: 'A001',
  level: 'S1',
  send_invite: '1',
  mobile_area: '86',
  mobile: '15588652444',
  gender: '1',
  remark: '添加员工',
  name: 'zhangfei1',
  userid: '1001',
});

/** [what, overrides of a valid request, parameter the message must name] → 1000220002. */
const RULE_CASES: Array<[string, Record<string, unknown>, string]> = [
  ['userid missing', { userid: undefined }, 'userid'],
  ['userid over 100', { userid: 'u'.repeat(101) }, 'userid'],
  ['name missing', { name: undefined }, 'name'],
  ['name over 50', { name: '名'.repeat(51) }, 'name'],
  ['enterprise_code over 20', { enterprise_code: 'E'.repeat(21) }, 'enterprise_code'],
  ['code not letters and digits', { code: 'A-01' }, 'code'],
  ['code over 20', { code: 'A'.repeat(21) }, 'code'],
  ['corp_code alias not letters and digits', { corp_code: 'SN 1' }, 'corp_code'],
  ['gender not 1/2/3', { gender: 4 }, 'gender'],
  ['email malformed', { email: 'not-an-email' }, 'email'],
  ['email over 100', { email: `${'a'.repeat(95)}@x.com` }, 'email'],
  ['mobile_area not an int', { mobile_area: '+86' }, 'mobile_area'],
  ['mobile_area over 10 digits', { mobile_area: '12345678901' }, 'mobile_area'],
  ['mobile under 6', { mobile: '13800' }, 'mobile'],
  ['mobile over 20', { mobile: '1'.repeat(21) }, 'mobile'],
  ['mobile not possible for 86', { mobile: '12345678' }, 'mobile'],
  ['foreign mobile without its area code', { mobile: '2025550123' }, 'mobile'],
  ['send_invite not 1/2', { send_invite: 3 }, 'send_invite'],
  ['remark over 254', { remark: 'r'.repeat(255) }, 'remark'],
  ['dept_code over 50', { dept_code: 'D'.repeat(51) }, 'dept_code'],
  ['level over 50', { level: 'L'.repeat(51) }, 'level'],
  ['birth_day not a real date', { birth_day: '1990-02-30' }, 'birth_day'],
  ['birth_day wrong format', { birth_day: '1990/01/01' }, 'birth_day'],
  ['birth_day MM-dd not real', { birth_day: '13-01' }, 'birth_day'],
  ['entry_day as MM-dd', { entry_day: '01-21' }, 'entry_day'],
  ['entry_day unpadded', { entry_day: '2016-2-3' }, 'entry_day'],
  ['card_type not 1/2', { card_type: 3 }, 'card_type'],
  ['card_no over 30', { card_type: 2, card_no: 'A'.repeat(31) }, 'card_no'],
  ['allow_simple_pwd not 1/2', { allow_simple_pwd: 0 }, 'allow_simple_pwd'],
  ['password under 6', { allow_simple_pwd: 1, password: 'ab12' }, 'password'],
  ['password not letters and digits', { allow_simple_pwd: 1, password: 'abc-123!' }, 'password'],
  ['employee_attribute not JSON', { employee_attribute: 'politicalVisage' }, 'employee_attribute'],
  ['employee_attribute not an array', { employee_attribute: '{"attributeCode":"a","attributeValue":"b"}' }, 'employee_attribute'],
  ['employee_attribute without a value', { employee_attribute: [{ attributeCode: 'politicalVisage' }] }, 'employee_attribute'],
  ['attributeValue over 100', { employee_attribute: [{ attributeCode: 'politicalVisage', attributeValue: 'v'.repeat(101) }] }, 'attributeValue'],
  ['cost_center_id 0', { cost_center_id: 0 }, 'cost_center_id'],
  ['cost_center_id above 2147483647', { cost_center_id: 2147483648 }, 'cost_center_id'],
  ['cost_center_id not an int', { cost_center_id: '12a' }, 'cost_center_id'],
  ['cost_center_id not set up', { cost_center_id: 99 }, 'cost_center_id'],
  ['neither mobile nor email', { mobile: undefined }, 'mobile'],
];

for (const db of testDatabases()) {
  describe(`benefits /employee/add (${db.name})`, () => {
    const ctx = useRoster(db);
    let ent: Enterprise;
    const valid = (overrides: Record<string, unknown> = {}) => ({ userid: uniqueId(), name: '员工', mobile: uniqueMobile(), ...overrides });
    const add = (request: Record<string, unknown>) => ent.sdk.call('/employee/add', request);
    const codeOf = async (request: Record<string, unknown>) => (await add(request)).body.code;

    beforeAll(async () => {
      const { c } = ctx();
      ent = await newEnterprise(c, ctx().baseUrl);
      await seedExampleSetup(c, ent.company.companyId);
      await c.store.repos.setup(ent.company.companyId).insertCostCenter(1234, '财务中心');
    });

    it("seed 003's Java SDK example succeeds and stores what it sent", async () => {
      expect((await add(seedSdkExample())).body).toEqual({ code: 0, data: 'tom082401', msg: 'OK' });
      const got = await ent.sdk.call('/employee/get', { userid: 'tom082401' });
      expect(got.body.data).toMatchObject({
        userid: 'tom082401',
        corp_code: 'tom082401',
        name: 'tom082401',
        gender: 1,
        dept_code: 'TOM071201',
        dept_name: '汤姆组',
        mobile: '16898989110',
        mobile_area: 86,
        email: '168989890901@tom.com',
        birth_day: '1990-07-05',
        entry_day: '2022-06-29',
        card_type: 1,
        card_no: '110101199003070919',
        category: ['帅哥组'],
        level: '金丹',
        remark: 'test',
        send_invite: 2,
      });
    });

    it("seed 003's HTTP example: its card_no fails its check digit (1002219046); corrected, it succeeds", async () => {
      const token = await docsToken(ctx().baseUrl, ent.app);
      const refused = await docsPost(ctx().baseUrl, '/employee/add', token, ent.app, seedHttpExample('371322199105204626'));
      expect(refused.body).toEqual({ code: 1002219046, msg: expect.stringContaining('员工身份证号码错误'), data: null });
      const added = await docsPost(ctx().baseUrl, '/employee/add', token, ent.app, seedHttpExample('371322199105204625'));
      expect(added.body).toEqual({ code: 0, data: '1001', msg: 'OK' });
      const employee = (await ctx().c.store.repos.employees(ent.company.companyId).getByUserid('1001'))!;
      // corp_code is the deprecated spelling of code.
      expect(employee).toMatchObject({ workNumber: 'SN112', costCenterId: 1234, level: 'S1', deptCode: 'A001', sendInvite: true });
      // send_invite=1 leaves an invitation for the delivery side.
      const pending = await ctx().c.store.repos.employees(ent.company.companyId).pendingInvitations(100);
      expect(pending.map((p) => p.employeeId)).toContain(employee.employeeId);
    });

    it.each(RULE_CASES)('1000220002: %s', async (_what, overrides, param) => {
      const reply = await add(valid(overrides));
      expect(reply.body.code).toBe(1000220002);
      expect(reply.body.msg).toMatch(/^参数验证不通过: /);
      expect(reply.body.msg).toContain(param);
      expect(reply.body.data).toBeNull();
    });

    it('accepts every optional field at its limits', async () => {
      const reply = await add(valid({
        code: 'A'.repeat(20), gender: 3, email: `${uniqueId()}@example.com`, mobile_area: 86, send_invite: 2, remark: 'r'.repeat(254),
        dept_code: 'A001', level: 'S1', category: ['A组', 'B组'], birth_day: '02-29', entry_day: '2024-02-29', card_type: 2,
        card_no: 'E1234567', allow_simple_pwd: 2, employee_attribute: [{ attributeCode: 'contractNature', attributeValue: '正式员工' }],
        cost_center_id: 1234,
      }));
      expect(reply.body.code).toBe(0);
    });

    it('1002219003: a taken work number, compared without case', async () => {
      expect(await codeOf(valid({ code: 'Emp01' }))).toBe(0);
      expect((await add(valid({ code: 'emp01' }))).body).toEqual({ code: 1002219003, msg: '员工工号已存在', data: null });
    });

    it('1002218004: a taken email, compared without case', async () => {
      expect(await codeOf(valid({ email: 'Taken@Example.com' }))).toBe(0);
      expect((await add(valid({ email: 'taken@example.com' }))).body).toEqual({ code: 1002218004, msg: '会员:邮箱已存在', data: null });
    });

    it('1002218007: a taken mobile, however it is spelled', async () => {
      const mobile = uniqueMobile();
      expect(await codeOf(valid({ mobile }))).toBe(0);
      expect((await add(valid({ mobile }))).body).toEqual({ code: 1002218007, msg: '会员:手机已存在', data: null });
      expect(await codeOf(valid({ mobile: `+86 ${mobile}` }))).toBe(1002218007);
    });

    it('1000220003: a taken userid', async () => {
      const userid = uniqueId();
      expect(await codeOf(valid({ userid }))).toBe(0);
      expect(await codeOf(valid({ userid }))).toBe(1000220003);
    });

    it('1000220010 / 1000220030 / 1000210028: department, level and category must be set up', async () => {
      expect((await add(valid({ dept_code: 'NOPE' }))).body).toEqual({ code: 1000220010, msg: 'dept_code not exists !', data: null });
      expect((await add(valid({ level: '元婴' }))).body).toEqual({ code: 1000220030, msg: '该员工分级未设置', data: null });
      expect((await add(valid({ category: ['帅哥组', '美女组'] }))).body).toEqual({ code: 1000210028, msg: '该员工分类未设置', data: null });
    });

    it('an empty category or level clears (the docs style sends empty strings)', async () => {
      const token = await docsToken(ctx().baseUrl, ent.app);
      const reply = await docsPost(ctx().baseUrl, '/employee/add', token, ent.app, { userid: uniqueId(), name: 'x', mobile: uniqueMobile(), category: '', level: '' });
      expect(reply.body.code).toBe(0);
      const employee = await ctx().c.store.repos.employees(ent.company.companyId).getByUserid(reply.body.data as string);
      expect(employee).toMatchObject({ categories: [], level: null });
    });

    it('1000220072: an attribute that is not enabled, named in the message', async () => {
      const reply = await add(valid({ employee_attribute: [{ attributeCode: 'politicalVisage1', attributeValue: '群众' }] }));
      expect(reply.body).toEqual({ code: 1000220072, msg: 'politicalVisage1未启用,扩展信息字段attributeCode错误或未启用', data: null });
      await ctx().c.directory.addSettings(ent.company.companyId, 'enabled_attributes', ['politicalVisage1']);
      expect(await codeOf(valid({ employee_attribute: [{ attributeCode: 'politicalVisage1', attributeValue: '群众' }] }))).toBe(0);
    });

    it('1002219069: a mobile_area that is no calling code; a foreign mobile with its own passes', async () => {
      expect((await add(valid({ mobile_area: 999 }))).body).toEqual({ code: 1002219069, msg: '员工国际区号不存在', data: null });
      expect(await codeOf(valid({ mobile_area: 1, mobile: '2025550123' }))).toBe(0);
      expect(await codeOf(valid({ mobile_area: 852, mobile: '51234567' }))).toBe(0);
    });

    it('1002219046: resident IDs need a check digit and a real birth date; passports 1-20 letters and digits', async () => {
      const bad = ['110101199003070918', '110101199002300917', '11010119900307091', 'E1234567'];
      for (const cardNo of bad) expect(await codeOf(valid({ card_type: 1, card_no: cardNo }))).toBe(1002219046);
      // card_type defaults to the resident ID card.
      expect(await codeOf(valid({ card_no: 'E1234567' }))).toBe(1002219046);
      expect(await codeOf(valid({ card_type: 2, card_no: 'E-1234567' }))).toBe(1002219046);
      expect(await codeOf(valid({ card_type: 2, card_no: 'A'.repeat(21) }))).toBe(1002219046);
      expect(await codeOf(valid({ card_type: 2, card_no: 'E1234567' }))).toBe(0);
      expect(await codeOf(valid({ card_type: 1, card_no: '11010519491231002x' }))).toBe(0);
    });

    it('stores a password only with allow_simple_pwd=1, and only as an scrypt hash', async () => {
      const repo = ctx().c.store.repos.employees(ent.company.companyId);
      const withPwd = await add(valid({ allow_simple_pwd: 1, password: 'abc123' }));
      const hashed = await repo.getPasswordHash((await repo.getByUserid(withPwd.body.data as string))!.employeeId);
      expect(hashed).toMatch(/^scrypt\$/);
      expect(hashed).not.toContain('abc123');
      expect(await verifyPassword('abc123', hashed!)).toBe(true);
      const ignored = await add(valid({ allow_simple_pwd: 2, password: 'abc123' }));
      expect(await repo.getPasswordHash((await repo.getByUserid(ignored.body.data as string))!.employeeId)).toBeNull();
    });

    it('parallel adds of one mobile: exactly one succeeds', async () => {
      const mobile = uniqueMobile();
      const replies = await Promise.all(Array.from({ length: 8 }, () => add(valid({ mobile }))));
      const codes = replies.map((r) => r.body.code).sort();
      expect(codes).toEqual([0, ...Array(7).fill(1002218007)]);
    });

    it('1000240002: a group account must name a member enterprise; a plain enterprise needs none', async () => {
      const { c, baseUrl } = ctx();
      const group = await c.directory.createCompany({ name: '集团', kind: 'group' });
      const member = await c.directory.createCompany({ name: '子公司', parentCompanyId: group.companyId, enterpriseCode: 'SUB01' });
      const other = await c.directory.createCompany({ name: '别家', kind: 'group' });
      await c.directory.createCompany({ name: '别家子公司', parentCompanyId: other.companyId, enterpriseCode: 'SUB02' });
      const groupApp = await withApp(c, baseUrl, group);
      const groupAdd = (request: Record<string, unknown>) => groupApp.sdk.call('/employee/add', request);
      expect((await groupAdd(valid())).body).toEqual({ code: 1000240002, msg: 'enterprise_code校验失败', data: null });
      expect((await groupAdd(valid({ enterprise_code: 'SUB02' }))).body.code).toBe(1000240002);
      const added = await groupAdd(valid({ enterprise_code: 'SUB01' }));
      expect(added.body.code).toBe(0);
      expect(await c.store.repos.employees(member.companyId).getByUserid(added.body.data as string)).toBeDefined();
      expect(await codeOf(valid({ enterprise_code: 'ANY' }))).toBe(0);
    });
  });
}
