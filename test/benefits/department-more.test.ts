/**
 * `/department/getHierarchy`, `/department/transferEmployee` and `/employee/transfer` (notes "more
 * endpoints" §3.7, §4.1, §4.6): the map of `dept_Code` arrays, the JSON boolean, moves between enterprises.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { testDatabases } from '../support/databases.js';
import { useRoster } from '../support/roster.js';
import { docsPost, docsToken } from './support/docs-style.js';
import { newEnterprise, uniqueId, uniqueMobile, withApp, type Enterprise } from './support/world.js';

type Shown = Record<string, unknown>;

for (const db of testDatabases()) {
  describe(`benefits department tree and transfers (${db.name})`, () => {
    const ctx = useRoster(db);
    let ent: Enterprise;
    const call = async (path: string, request: Record<string, unknown>) => (await ent.sdk.call(path, request)).body;

    beforeAll(async () => {
      ent = await newEnterprise(ctx().c, ctx().baseUrl);
      for (const [code, name, parent] of [['H1', '一部', undefined], ['H11', '一部一组', 'H1'], ['H12', '一部二组', 'H1'], ['H2', '二部', undefined]] as const) {
        expect((await call('/department/add', { dept_code: code, name, parent_code: parent })).code).toBe(0);
      }
    });

    it('getHierarchy without dept_code: basic[0] is the base department, then each department maps to its children', async () => {
      // The SDK's own test sends an empty body and reads basic[0].dept_Code.
      const reply = await call('/department/getHierarchy', {});
      expect(reply.code).toBe(0);
      const map = reply.data as Record<string, Shown[]>;
      expect(map.basic).toEqual([{ name: ent.company.companyName, status: 1, dept_Code: 'ROOT', parent_code: null, manager_code: null, manager_userid: null, is_primary: true }]);
      expect(map.ROOT!.map((d) => d.dept_Code)).toEqual(['H1', 'H2']);
      expect(map.H1!.map((d) => [d.dept_Code, d.parent_code, d.name])).toEqual([['H11', 'H1', '一部一组'], ['H12', 'H1', '一部二组']]);
      expect(map.H11).toEqual([]);
      expect(Object.keys(map)[0]).toBe('basic');
    });

    it('getHierarchy with dept_code: that subtree only; an unknown code is 1000220010', async () => {
      const userid = uniqueId();
      await call('/employee/add', { userid, code: 'BOSS1', name: '主管', mobile: uniqueMobile() });
      await call('/department/update', { dept_code: 'H1', manager_userid: userid });
      const map = (await call('/department/getHierarchy', { dept_code: 'H1' })).data as Record<string, Shown[]>;
      expect(Object.keys(map)).toEqual(['basic', 'H1', 'H11', 'H12']);
      expect(map.basic![0]).toMatchObject({ dept_Code: 'H1', manager_code: 'BOSS1', manager_userid: userid, is_primary: false });
      expect(await call('/department/getHierarchy', { dept_code: 'NOPE' })).toEqual({ code: 1000220010, msg: 'dept_code not exists !', data: null });
      expect((await call('/department/getHierarchy', { dept_code: 'x'.repeat(51) })).code).toBe(1000220002);
    });

    it('transferEmployee moves every member (resigned too) and answers a JSON boolean true', async () => {
      const people = [uniqueId(), uniqueId(), uniqueId()];
      for (const userid of people) await call('/employee/add', { userid, name: '成员', mobile: uniqueMobile(), dept_code: 'H11' });
      await call('/employee/resign', { userid: people[2] });
      const token = await docsToken(ctx().baseUrl, ent.app);
      const reply = await docsPost(ctx().baseUrl, '/department/transferEmployee', token, ent.app, { source_dept_code: 'H11', target_dept_code: 'H2' });
      expect(reply.text).toBe('{"code":0,"data":true,"msg":"OK"}');
      expect((await call('/employee/getCountByDepartmentCode', { dept_code: 'H11' })).data).toBe(0);
      expect((await call('/employee/getCountByDepartmentCode', { dept_code: 'H2' })).data).toBe(2);
      // Nobody is left, resigned or not: the department can go.
      expect((await call('/department/delete', { dept_code: 'H11' })).code).toBe(0);
      expect((await call('/department/transferEmployee', { source_dept_code: 'NOPE', target_dept_code: 'H2' })).code).toBe(1000220010);
      expect((await call('/department/transferEmployee', { source_dept_code: 'H2', target_dept_code: 'NOPE' })).code).toBe(1000220010);
      expect((await call('/department/transferEmployee', { source_dept_code: 'H2' })).code).toBe(1000220002);
      expect((await call('/employee/getCountByDepartmentCode', { dept_code: 'H2' })).data).toBe(2);
    });

    it('employee/transfer: a group moves a serving employee between its enterprises; others may not', async () => {
      const { c, baseUrl } = ctx();
      const group = await c.directory.createCompany({ name: `集团${uniqueId()}`, kind: 'group' });
      for (const code of ['T1', 'T2']) await c.directory.createCompany({ name: `成员${code}`, parentCompanyId: group.companyId, enterpriseCode: code });
      const other = await c.directory.createCompany({ name: `别家${uniqueId()}`, kind: 'group' });
      await c.directory.createCompany({ name: '别家成员', parentCompanyId: other.companyId, enterpriseCode: 'X1' });
      const g = await withApp(c, baseUrl, group);
      const gcall = async (path: string, request: Shown) => (await g.sdk.call(path, request)).body;
      const mobile = uniqueMobile();
      expect((await gcall('/employee/add', { userid: 'mover', code: 'MV1', name: '调动', mobile, enterprise_code: 'T1' })).code).toBe(0);

      expect(await gcall('/employee/transfer', { userid: 'mover', enterprise_code: 'T1', new_enterprise_code: 'T2' })).toEqual({ code: 0, data: 'mover', msg: 'OK' });
      expect(await gcall('/employee/get', { userid: 'mover', enterprise_code: 'T2' })).toMatchObject({ code: 0, data: { userid: 'mover', corp_code: 'MV1', mobile } });
      expect((await gcall('/employee/get', { userid: 'mover', enterprise_code: 'T1' })).code).toBe(1000220096);
      // And back: the resigned original in T1 is restored, not duplicated.
      expect((await gcall('/employee/transfer', { userid: 'mover', enterprise_code: 'T2', new_enterprise_code: 'T1' })).code).toBe(0);
      expect((await gcall('/employee/get', { userid: 'mover', enterprise_code: 'T1' })).code).toBe(0);

      // Moved away from T2 already (sent docs style: the same SDK call within a second would be a replay).
      const token = await docsToken(baseUrl, g.app);
      expect((await docsPost(baseUrl, '/employee/transfer', token, g.app, { userid: 'mover', enterprise_code: 'T2', new_enterprise_code: 'T1' })).body.code).toBe(1000220096);
      expect((await gcall('/employee/transfer', { userid: 'mover', enterprise_code: 'T1', new_enterprise_code: 'X1' })).code).toBe(1000240002);
      expect((await gcall('/employee/transfer', { userid: 'mover', enterprise_code: 'NOPE', new_enterprise_code: 'T2' })).code).toBe(1000240002);
      expect((await gcall('/employee/transfer', { userid: 'mover', enterprise_code: 'T1', new_enterprise_code: 'T1' })).code).toBe(1000220002);
      expect((await gcall('/employee/transfer', { userid: 'mover', enterprise_code: 'T1' })).code).toBe(1000220002);
      // A userid serving in the target already: 1000220003, and nothing moves.
      expect((await gcall('/employee/add', { userid: 'twin', name: '甲', mobile: uniqueMobile(), enterprise_code: 'T1' })).code).toBe(0);
      expect((await gcall('/employee/add', { userid: 'twin', name: '乙', mobile: uniqueMobile(), enterprise_code: 'T2' })).code).toBe(0);
      expect((await gcall('/employee/transfer', { userid: 'twin', enterprise_code: 'T1', new_enterprise_code: 'T2' })).code).toBe(1000220003);
      expect((await gcall('/employee/get', { userid: 'twin', enterprise_code: 'T1' })).code).toBe(0);
      // A member enterprise created after a call naming it was refused is found at once (a refusal is not remembered).
      expect((await gcall('/employee/get', { userid: 'mover', enterprise_code: 'T3' })).code).toBe(1000240002);
      await c.directory.createCompany({ name: '成员T3', parentCompanyId: group.companyId, enterpriseCode: 'T3' });
      expect((await gcall('/employee/transfer', { userid: 'mover', enterprise_code: 'T1', new_enterprise_code: 'T3' })).code).toBe(0);
      expect((await gcall('/employee/get', { userid: 'mover', enterprise_code: 'T3' })).code).toBe(0);
      // A plain enterprise account has no other enterprise: no permission.
      expect((await call('/employee/transfer', { userid: 'mover', new_enterprise_code: 'T2' })).code).toBe(1000200051);
    });
  });
}
