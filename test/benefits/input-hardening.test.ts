/**
 * Issue 6 items 17, 18 and 10 (ambiguous pairs) over the benefits dialect, on both engines alike:
 * control characters are the parameter error 1000220002 (never PostgreSQL's 1000310010), an email
 * whose lower-case form outgrows its key is refused before any write, and an email may not hold
 * `&` or `=` (a value that would re-split the string-to-sign).
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { testDatabases } from '../support/databases.js';
import { useRoster } from '../support/roster.js';
import { docsBody, docsPost, docsToken } from './support/docs-style.js';
import { epochSeconds, post } from './support/wire.js';
import { newEnterprise, seedExampleSetup, uniqueId, uniqueMobile, type Enterprise } from './support/world.js';

const PARAM_ERROR = 1000220002;

for (const db of testDatabases()) {
  describe(`benefits input hardening (${db.name})`, () => {
    const ctx = useRoster(db);
    let ent: Enterprise;
    let token = '';
    const send = (path: string, params: Record<string, string>) => docsPost(ctx().baseUrl, path, token, ent.app, params);
    const employees = () => ctx().c.store.repos.employees(ent.company.companyId);

    async function hire(extra: Record<string, string> = {}) {
      const person = { userid: uniqueId(), name: '员工', mobile: uniqueMobile(), email: `${uniqueId()}@example.com`, ...extra };
      expect((await send('/employee/add', person)).body.code).toBe(0);
      return person;
    }

    beforeAll(async () => {
      ent = await newEnterprise(ctx().c, ctx().baseUrl);
      await seedExampleSetup(ctx().c, ent.company.companyId);
      token = await docsToken(ctx().baseUrl, ent.app);
    });

    describe('item 17: control characters', () => {
      it('/employee/update with dept_code=a%00b is the parameter error, not a system error', async () => {
        const p = await hire();
        const reply = await send('/employee/update', { userid: p.userid, dept_code: 'a\u0000b' });
        expect(reply.body).toEqual({ code: PARAM_ERROR, msg: '参数验证不通过: dept_code must not contain control characters', data: null });
      });

      it('refuses NUL and other control characters in every text parameter of every endpoint', async () => {
        const p = await hire();
        const calls: Array<[string, Record<string, string>]> = [
          ['/employee/get', { userid: `${p.userid}\u0000` }],
          ['/employee/get', { email: `x\u0000@example.com` }],
          ['/employee/get', { mobile: `1380013\u00008000` }],
          ['/employee/add', { userid: uniqueId(), name: 'a\u0000b', mobile: uniqueMobile() }],
          ['/employee/add', { userid: `${uniqueId()}\u001f`, name: 'ab', mobile: uniqueMobile() }],
          ['/employee/add', { userid: uniqueId(), name: 'ab', mobile: uniqueMobile(), remark: 'x\u0000y' }],
          ['/employee/add', { userid: uniqueId(), name: 'ab', mobile: uniqueMobile(), employee_attribute: '[{"attributeCode":"politicalVisage","attributeValue":"a\\u0000b"}]' }],
          ['/employee/update', { userid: p.userid, name: 'tab\there' }],
          ['/employee/update', { userid: p.userid, level: 'S1\u007f' }],
          ['/employee/resign', { userid: `${p.userid}\u0000` }],
          ['/employee/restore', { userid: `${p.userid}\u0000` }],
          ['/department/add', { dept_code: 'D\u0000', name: 'n' }],
          ['/department/add', { dept_code: uniqueId('D'), name: 'line\nbreak' }],
          ['/department/update', { dept_code: 'A001', name: 'n\u0000' }],
          ['/department/update', { dept_code: 'A001', parent_code: 'ROOT\u0000' }],
          ['/department/delete', { dept_code: 'A001\u0000' }],
          ['/department/get', { dept_code: 'A001\u0000' }],
          ['/employee/batchGet', { enterprise_code: 'E\u0000' }],
        ];
        for (const [path, params] of calls) {
          const reply = await send(path, params);
          expect({ path, params, code: reply.body.code }).toEqual({ path, params, code: PARAM_ERROR });
        }
        // Nothing changed: the employee is still there, serving, under its own name.
        expect(await employees().getByUserid(p.userid)).toMatchObject({ name: '员工', resignAt: null });
        expect(await ctx().c.store.repos.setup(ent.company.companyId).getDepartment('A001')).toMatchObject({ name: '研发部' });
      });

      it('refuses a NUL in /token/create appid with the parameter error', async () => {
        const params = { appid: `${ent.app.appKey}\u0000`, grant_type: 'client_credential', timestamp: epochSeconds() };
        const reply = await post(`${ctx().baseUrl}/token/create`, docsBody(params, ent.app.appSecret));
        expect(reply.body.code).toBe(PARAM_ERROR);
      });

      it('lets a remark break lines (free text), and keeps it as sent', async () => {
        const p = await hire({ remark: 'line one\r\nline\ttwo' });
        expect((await employees().getByUserid(p.userid))?.remark).toBe('line one\r\nline\ttwo');
      });
    });

    describe('item 18: the lower-cased email must fit its key', () => {
      const dotted = `${'İ'.repeat(90)}@x.example`;

      it('refuses "İ"×90 + "@x.example" (100 characters, 190 in lower case) on add and update, storing nothing', async () => {
        expect(dotted).toHaveLength(100);
        const userid = uniqueId();
        const add = await send('/employee/add', { userid, name: 'i', email: dotted });
        expect(add.body).toEqual({ code: PARAM_ERROR, msg: '参数验证不通过: email must be at most 100 characters long in lower case', data: null });
        expect(await employees().getByUserid(userid)).toBeUndefined();
        const p = await hire();
        expect((await send('/employee/update', { userid: p.userid, email: dotted })).body.code).toBe(PARAM_ERROR);
        expect((await employees().getByUserid(p.userid))?.email).toBe(p.email);
      });

      it('still accepts a 100-character email whose lower case is as long', async () => {
        const email = `${uniqueId('A').padEnd(90, 'B')}@x.example`;
        const p = await hire({ email });
        expect((await employees().getByUserid(p.userid))?.email).toBe(email);
        expect(email).toHaveLength(100);
      });
    });

    describe('item 10: an email may not hold & or =', () => {
      it('refuses an email carrying "&mobile=…" with the parameter error, changing nothing', async () => {
        const p = await hire();
        const smuggled = `x@example.com&mobile=${uniqueMobile()}`;
        const reply = await send('/employee/update', { userid: p.userid, email: smuggled });
        expect(reply.body).toEqual({ code: PARAM_ERROR, msg: '参数验证不通过: email is not an email address (and may not hold & or =)', data: null });
        expect((await send('/employee/add', { userid: uniqueId(), name: 'n', email: 'a=b@example.com' })).body.code).toBe(PARAM_ERROR);
        expect(await employees().getByUserid(p.userid)).toMatchObject({ email: p.email, phoneRaw: p.mobile });
      });
    });
  });
}
