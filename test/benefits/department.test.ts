/** `/department/add|update|delete|get` (notes §5): the tree, its guards and the SDK's spelling. */
import { beforeAll, describe, expect, it } from 'vitest';
import { testDatabases } from '../support/databases.js';
import { useRoster } from '../support/roster.js';
import { newEnterprise, secondAheadSdk, uniqueId, uniqueMobile, type Enterprise } from './support/world.js';

for (const db of testDatabases()) {
  describe(`benefits departments (${db.name})`, () => {
    const ctx = useRoster(db);
    let ent: Enterprise;
    const call = async (path: string, request: Record<string, unknown>) => (await ent.sdk.call(path, request)).body;

    beforeAll(async () => {
      ent = await newEnterprise(ctx().c, ctx().baseUrl);
    });

    it('add answers the dept_code; get answers dept_Code (sic) and the rest', async () => {
      expect(await call('/department/add', { dept_code: 'S100', name: '销售部' })).toEqual({ code: 0, data: 'S100', msg: 'OK' });
      expect(await call('/department/add', { dept_code: 'S110', name: '华东', parent_code: 'S100', status: 1 })).toEqual({ code: 0, data: 'S110', msg: 'OK' });
      expect((await call('/department/get', { dept_code: 'S110' })).data).toEqual({
        name: '华东', status: 1, dept_Code: 'S110', parent_code: 'S100', manager_code: null, manager_userid: null, is_primary: false,
      });
      expect((await call('/department/get', { dept_code: 'S100' })).data).toMatchObject({ parent_code: 'ROOT' });
    });

    it('add refuses a taken code (1000220003), a sibling name clash (1002212003), an unknown parent (1000220010)', async () => {
      await call('/department/add', { dept_code: 'K1', name: '客服部' });
      expect((await call('/department/add', { dept_code: 'K1', name: '别的' })).code).toBe(1000220003);
      expect(await call('/department/add', { dept_code: 'K2', name: '客服部' })).toEqual({ code: 1002212003, msg: '部门添加或更新:名称已存在', data: null });
      expect(await call('/department/add', { dept_code: 'K3', name: '新', parent_code: 'NOPE' })).toEqual({ code: 1000220010, msg: 'dept_code not exists !', data: null });
      expect((await call('/department/add', { name: '无编号' })).code).toBe(1000220002);
      expect((await call('/department/add', { dept_code: 'K4', name: '部'.repeat(101) })).code).toBe(1000220002);
    });

    it('update renames, moves (never into its own subtree) and sets a manager', async () => {
      await call('/department/add', { dept_code: 'M1', name: '总部' });
      await call('/department/add', { dept_code: 'M2', name: '分部', parent_code: 'M1' });
      expect(await call('/department/update', { dept_code: 'M2', name: '分部二' })).toEqual({ code: 0, data: 'M2', msg: 'OK' });
      expect((await call('/department/update', { dept_code: 'M1', parent_code: 'M2' })).code).toBe(1000220002);
      expect((await call('/department/update', { dept_code: 'ROOT', parent_code: 'M1' })).code).toBe(1002212002);
      const userid = uniqueId();
      await ent.sdk.call('/employee/add', { userid, code: 'MGR01', name: '经理', mobile: uniqueMobile(), dept_code: 'M2' });
      expect((await call('/department/update', { dept_code: 'M2', manager_userid: userid })).code).toBe(0);
      expect((await call('/department/get', { dept_code: 'M2' })).data).toMatchObject({ name: '分部二', manager_userid: userid, manager_code: 'MGR01' });
      expect((await call('/department/update', { dept_code: 'M2', manager_userid: 'nobody' })).code).toBe(1000220096);
      expect((await call('/department/update', { dept_code: 'NOPE', name: 'x' })).code).toBe(1000220010);
    });

    it('delete: not the root (1002212002), not with children or members, yes when empty', async () => {
      await call('/department/add', { dept_code: 'D1', name: '待删' });
      await call('/department/add', { dept_code: 'D2', name: '子', parent_code: 'D1' });
      expect(await call('/department/delete', { dept_code: 'ROOT' })).toEqual({ code: 1002212002, msg: '基础部门不能被删除', data: null });
      expect((await call('/department/delete', { dept_code: 'D1' })).code).toBe(1000220002);
      const userid = uniqueId();
      await ent.sdk.call('/employee/add', { userid, name: '成员', mobile: uniqueMobile(), dept_code: 'D2' });
      expect((await call('/department/delete', { dept_code: 'D2' })).code).toBe(1000220002);
      await ent.sdk.call('/employee/update', { userid, dept_code: 'ROOT' });
      // The refused delete's sign stays spent (issue 6 item 10): the same call again carries another second.
      expect((await secondAheadSdk(ent).call('/department/delete', { dept_code: 'D2' })).body).toEqual({ code: 0, data: 'D2', msg: 'OK' });
      expect((await call('/department/get', { dept_code: 'D2' })).code).toBe(1000220010);
    });
  });
}
