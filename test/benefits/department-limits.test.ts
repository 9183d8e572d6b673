/**
 * Issue 6 item 4: a company's department tree is capped in depth (64 below the root by default) and
 * in count, with a documented error, and the cycle and depth checks read a bounded number of
 * statements however deep the chain (they used to walk up one query per level in the transaction).
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { createDepartmentService } from '../../src/app/department.service.js';
import type { EnterpriseSetupRepository, Repositories, Store } from '../../src/domain/ports.js';
import { testDatabases } from '../support/databases.js';
import { useRoster } from '../support/roster.js';
import { newEnterprise, type Enterprise } from './support/world.js';

const PARAM_ERROR = 1000220002;
const TOO_DEEP = '参数验证不通过: parent_code the tree may be at most 64 levels deep below the root';

/** The store with every call on a setup repository recorded by method name. */
function countingStore(store: Store, calls: string[]): Store {
  const wrap = (repos: Repositories): Repositories => ({
    ...repos,
    setup(companyId) {
      const inner = repos.setup(companyId);
      return new Proxy(inner, {
        get(target, key) {
          const value = target[key as keyof EnterpriseSetupRepository];
          if (typeof value !== 'function') return value;
          return (...args: unknown[]) => {
            calls.push(String(key));
            return (value as (...a: unknown[]) => unknown).apply(target, args);
          };
        },
      });
    },
  });
  return { repos: wrap(store.repos), transaction: (work) => store.transaction((trx) => work(wrap(trx))), close: () => store.close() };
}

for (const db of testDatabases()) {
  describe(`department limits (${db.name})`, () => {
    const ctx = useRoster(db);
    let ent: Enterprise;
    const call = async (path: string, request: Record<string, unknown>) => (await ent.sdk.call(path, request)).body;
    const chain = (level: number) => `L${level}`;

    beforeAll(async () => {
      ent = await newEnterprise(ctx().c, ctx().baseUrl);
      // L1 under the root, L2 under L1 … L64: the deepest chain the default allows.
      for (let level = 1; level <= 64; level++) {
        await ctx().c.departments.add(ent.company.companyId, { deptCode: chain(level), name: `层${level}`, parentCode: level === 1 ? undefined : chain(level - 1) });
      }
    });

    it('refuses a department 65 levels below the root, on add and on move, changing nothing', async () => {
      expect(await call('/department/add', { dept_code: 'L65', name: '太深', parent_code: 'L64' })).toEqual({ code: PARAM_ERROR, msg: TOO_DEEP, data: null });
      expect((await call('/department/get', { dept_code: 'L65' })).code).toBe(1000220010);
      // A department with one child may go under L62 (child at 64), not under L63 (child at 65).
      expect((await call('/department/add', { dept_code: 'P1', name: '父' })).code).toBe(0);
      expect((await call('/department/add', { dept_code: 'P2', name: '子', parent_code: 'P1' })).code).toBe(0);
      expect(await call('/department/update', { dept_code: 'P1', parent_code: 'L63' })).toEqual({ code: PARAM_ERROR, msg: TOO_DEEP, data: null });
      expect((await call('/department/get', { dept_code: 'P1' })).data).toMatchObject({ parent_code: 'ROOT' });
      expect(await call('/department/update', { dept_code: 'P1', parent_code: 'L62' })).toEqual({ code: 0, data: 'P1', msg: 'OK' });
    });

    it('still refuses a cycle, at any depth, and a move under itself', async () => {
      const cycle = { code: PARAM_ERROR, msg: '参数验证不通过: parent_code may not be the department itself or one below it', data: null };
      expect(await call('/department/update', { dept_code: 'L1', parent_code: 'L60' })).toEqual(cycle);
      expect(await call('/department/update', { dept_code: 'L30', parent_code: 'L30' })).toEqual(cycle);
      expect((await call('/department/get', { dept_code: 'L1' })).data).toMatchObject({ parent_code: 'ROOT' });
      expect((await call('/department/update', { dept_code: 'L1', parent_code: 'NOPE' })).code).toBe(1000220010);
    });

    it('checks a move 60 levels deep with a bounded number of statements, not one per level', async () => {
      const calls: string[] = [];
      const departments = createDepartmentService({ store: countingStore(ctx().c.store, calls) });
      const companyId = ent.company.companyId;
      await departments.add(companyId, { deptCode: 'Q1', name: '叶' });
      calls.length = 0;
      await departments.update(companyId, 'Q1', { parentCode: 'L60' });
      expect((await departments.get(companyId, 'Q1')).parentCode).toBe('L60');
      expect(calls.filter((m) => m === 'getDepartment').length).toBeLessThanOrEqual(3);
      expect(calls.length).toBeLessThanOrEqual(6);
      calls.length = 0;
      await expect(departments.update(companyId, 'L2', { parentCode: 'L63' })).rejects.toThrow(/itself or one below it/);
      expect(calls.length).toBeLessThanOrEqual(3);
    });
  });

  describe(`department count limit (${db.name})`, () => {
    const ctx = useRoster(db, { config: { maxDepartments: 4 } });

    it('refuses a department past the company maximum (the root counts), per company', async () => {
      const ent = await newEnterprise(ctx().c, ctx().baseUrl);
      const call = async (request: Record<string, unknown>) => (await ent.sdk.call('/department/add', request)).body;
      for (const code of ['C1', 'C2', 'C3']) expect((await call({ dept_code: code, name: code })).code).toBe(0);
      expect(await call({ dept_code: 'C4', name: 'C4' })).toEqual({ code: PARAM_ERROR, msg: '参数验证不通过: dept_code a company may have at most 4 departments', data: null });
      // Another company has its own budget; a delete gives a place back.
      const other = await newEnterprise(ctx().c, ctx().baseUrl);
      expect((await other.sdk.call('/department/add', { dept_code: 'C1', name: 'C1' })).body.code).toBe(0);
      expect((await ent.sdk.call('/department/delete', { dept_code: 'C3' })).body.code).toBe(0);
      expect((await call({ dept_code: 'C5', name: 'C5' })).code).toBe(0);
      expect((await call({ dept_code: 'C6', name: 'C6' })).code).toBe(PARAM_ERROR);
    });

    it('holds under 12 concurrent adds: exactly 3 get a place', async () => {
      const ent = await newEnterprise(ctx().c, ctx().baseUrl);
      const companyId = ent.company.companyId;
      const results = await Promise.allSettled(
        Array.from({ length: 12 }, (_, i) => ctx().c.departments.add(companyId, { deptCode: `P${i}`, name: `P${i}` })),
      );
      expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(3);
      for (const r of results) if (r.status === 'rejected') expect(r.reason).toMatchObject({ code: 'department.limit_reached' });
    });
  });

  describe(`adding under a department while it is deleted (${db.name})`, () => {
    const ctx = useRoster(db);

    it('never leaves a child without its parent and never fails with a server error', async () => {
      const { c } = ctx();
      const { companyId } = await c.directory.createCompany({ name: 'race' });
      for (let i = 0; i < 12; i++) await c.departments.add(companyId, { deptCode: `P${i}`, name: `P${i}` });
      const results = await Promise.allSettled(
        Array.from({ length: 12 }, (_, i) => [
          c.departments.add(companyId, { deptCode: `C${i}`, name: `C${i}`, parentCode: `P${i}` }),
          c.departments.remove(companyId, `P${i}`),
        ]).flat(),
      );
      for (const r of results) if (r.status === 'rejected') expect(r.reason).toMatchObject({ code: expect.stringMatching(/^department\.(unknown|not_empty)$/) });
      const setup = c.store.repos.setup(companyId);
      for (let i = 0; i < 12; i++) {
        const child = await setup.getDepartment(`C${i}`);
        if (child) expect(await setup.getDepartment(child.parentCode!)).toBeDefined();
      }
    });
  });
}
