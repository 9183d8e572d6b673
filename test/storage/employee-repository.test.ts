import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { blankEmployee, type Employee } from '../../src/domain/employee.js';
import { newCompanyId, newOpaqueId } from '../../src/domain/ids.js';
import { ConflictError, type Store } from '../../src/domain/ports.js';
import { createDataCipher } from '../../src/storage/crypto/data-cipher.js';
import { openDatabase } from '../../src/storage/sql/dialects.js';
import { migrateToLatest } from '../../src/storage/sql/migrate.js';
import { createSqlStore } from '../../src/storage/sql/store.js';
import { freshPostgresDatabase, testDatabases } from '../support/databases.js';

/** The repository contract, run on every engine: what services rely on the store to guarantee. */
for (const target of testDatabases()) {
  describe(`employee repository contract (${target.name})`, () => {
    let store: Store;
    /** A second process's store on the same database. */
    let other: Store;
    let cleanup = async () => {};
    const companyA = newCompanyId();
    const companyB = newCompanyId();

    beforeAll(async () => {
      const dataDir = mkdtempSync(join(tmpdir(), 'roster-repo-'));
      let databaseUrl: string | undefined;
      let drop = async () => {};
      if (target.databaseUrl) ({ url: databaseUrl, drop } = await freshPostgresDatabase(target.databaseUrl));
      const opened = await openDatabase({ dataDir, databaseUrl, durability: 'process' });
      await migrateToLatest(opened.db);
      store = createSqlStore(opened.db, createDataCipher(Buffer.alloc(32, 7)));
      const second = await openDatabase({ dataDir, databaseUrl, durability: 'process' });
      other = createSqlStore(second.db, createDataCipher(Buffer.alloc(32, 7)));
      for (const id of [companyA, companyB]) {
        await store.repos.tenants.insertCompany({ companyId: id, companyName: id, mainPk: '1', mainIdentityId: null, mainEmployeeId: null, kind: 'enterprise', parentCompanyId: null, enterpriseCode: null, employeeCount: 0, createdAt: 1 });
      }
      cleanup = async () => {
        await other.close();
        await store.close();
        await drop();
        rmSync(dataDir, { recursive: true, force: true });
      };
    });
    afterAll(() => cleanup());

    async function add(companyId: string, fields: Partial<Employee> = {}): Promise<Employee> {
      return store.transaction(async (repos) => {
        const seq = await repos.tenants.nextEmployeeSeq(companyId);
        const e = blankEmployee({ companyId, employeeId: newOpaqueId(), seq, identityId: newOpaqueId(), accountId: newOpaqueId(), name: 'n', createdAt: Date.now(), ...fields });
        await repos.employees(companyId).insert(e, null);
        return e;
      });
    }

    it('names the violated unique rule the same way on every engine', async () => {
      await add(companyA, { phoneE164: '+8613800138000', email: 'Ada@X.example', workNumber: 'AB12', userid: 'u1', oaUserId: 'oa1' });
      const conflict = async (fields: Partial<Employee>) => {
        const error = await add(companyA, fields).catch((e: unknown) => e);
        expect(error).toBeInstanceOf(ConflictError);
        return (error as ConflictError).constraint;
      };
      expect(await conflict({ phoneE164: '+8613800138000' })).toBe('employees_phone_uq');
      expect(await conflict({ email: 'ada@x.EXAMPLE' })).toBe('employees_email_uq');
      expect(await conflict({ workNumber: 'ab12' })).toBe('employees_work_number_uq');
      expect(await conflict({ userid: 'u1' })).toBe('employees_userid_uq');
      expect(await conflict({ oaUserId: 'oa1' })).toBe('employees_oa_user_uq');
    });

    it('gives a failed insert its creation-order position back', async () => {
      const before = (await store.repos.tenants.getCompany(companyA))!.employeeCount;
      await add(companyA, { phoneE164: '+8613800138000' }).catch(() => undefined);
      expect((await store.repos.tenants.getCompany(companyA))!.employeeCount).toBe(before);
    });

    it('keeps companies apart: the same phone in two companies, and no reads across them', async () => {
      const b = await add(companyB, { phoneE164: '+8613800138000', userid: 'u1' });
      expect(await store.repos.employees(companyA).getById(b.employeeId)).toBeUndefined();
      expect((await store.repos.employees(companyB).getByUserid('u1'))!.employeeId).toBe(b.employeeId);
    });

    it('reads an employee with its department name by employeeId or by identityId, never another company\'s', async () => {
      await store.repos.setup(companyA).insertDepartment({ companyId: companyA, deptCode: 'D-ident', name: 'Ident Dept', parentCode: null, status: 1, managerUserid: null, isRoot: false });
      const a = await add(companyA, { deptCode: 'D-ident' });
      const bare = await add(companyA);
      const employees = store.repos.employees(companyA);
      const byIdentity = await employees.getWithDepartmentNameByIdentityId(a.identityId);
      expect(byIdentity?.employee.employeeId).toBe(a.employeeId);
      expect(byIdentity?.departmentName).toBe('Ident Dept');
      expect(await employees.getWithDepartmentName(a.employeeId)).toEqual(byIdentity);
      expect((await employees.getWithDepartmentNameByIdentityId(bare.identityId))?.departmentName).toBeNull();
      // Ids name nothing across kinds or companies.
      expect(await employees.getWithDepartmentNameByIdentityId(a.employeeId)).toBeUndefined();
      expect(await store.repos.employees(companyB).getWithDepartmentNameByIdentityId(a.identityId)).toBeUndefined();
    });

    it('pages in creation order by walking seq', async () => {
      const ids: string[] = [];
      for (let i = 0; i < 5; i++) ids.push((await add(companyB)).employeeId);
      const all = [...(await store.repos.employees(companyB).pageAfter(0, 3)), ...(await store.repos.employees(companyB).pageAfter(3, 3))];
      expect(all.map((e) => e.seq)).toEqual([1, 2, 3, 4, 5, 6]);
      expect(all.slice(1).map((e) => e.employeeId)).toEqual(ids);
    });

    it('reads a listing page with the company name and total in one go, even past the end', async () => {
      const page = (await store.repos.employees(companyB).listingAt(2, 3))!;
      expect(page).toMatchObject({ companyName: companyB, total: 6 });
      expect(page.employees.map((e) => e.seq)).toEqual([3, 4, 5]);
      expect(await store.repos.employees(companyB).listingAt(600, 3)).toEqual({ companyName: companyB, total: 6, employees: [] });
      expect(await store.repos.employees('NO-SUCH-COMPANY').listingAt(0, 3)).toBeUndefined();
    });

    it('pages by rank exactly while another process deletes employees between the pages (remembered deletion counts are checked)', async () => {
      // Three blocks of creation positions (DELETION_BLOCK = 1024): a stale count would start a page in the wrong block.
      const company = newCompanyId();
      await store.repos.tenants.insertCompany({ companyId: company, companyName: 'ranks', mainPk: '1', mainIdentityId: null, mainEmployeeId: null, kind: 'enterprise', parentCompanyId: null, enterpriseCode: null, employeeCount: 0, createdAt: 1 });
      const made = await store.transaction(async (repos) => {
        const out: Employee[] = [];
        for (let i = 0; i < 2100; i++) {
          const seq = await repos.tenants.nextEmployeeSeq(company);
          const e = blankEmployee({ companyId: company, employeeId: newOpaqueId(), seq, identityId: newOpaqueId(), accountId: newOpaqueId(), name: 'n', createdAt: 1 });
          await repos.employees(company).insert(e, null);
          out.push(e);
        }
        return out;
      });
      const seqsAt = async (s: Store, offset: number, limit: number) => (await s.repos.employees(company).listingAt(offset, limit))!.employees.map((e) => e.seq);
      const erase = (s: Store, seq: number) => s.transaction((repos) => repos.employees(company).erase(made[seq - 1]!.employeeId));
      // This process reads (and remembers) the counts; the other process then deletes in the first blocks.
      await erase(store, 10);
      expect(await seqsAt(store, 1500, 3)).toEqual([1502, 1503, 1504]);
      for (const seq of [20, 30, 1100]) await erase(other, seq);
      expect(await seqsAt(store, 1500, 3)).toEqual([1505, 1506, 1507]);
      expect(await seqsAt(store, 1020, 3)).toEqual([1024, 1025, 1026]);
      // A deletion rolled back is never remembered: the next page is cut from the committed state.
      await store
        .transaction(async (repos) => {
          await repos.employees(company).erase(made[4]!.employeeId);
          expect((await repos.employees(company).listingAt(1500, 1))!.employees.map((e) => e.seq)).toEqual([1506]);
          throw new Error('roll back');
        })
        .catch(() => undefined);
      await erase(other, 1200);
      expect(await seqsAt(store, 1500, 3)).toEqual([1506, 1507, 1508]);
      expect(await seqsAt(other, 1500, 3)).toEqual([1506, 1507, 1508]);
      expect((await store.repos.employees(company).listingAt(0, 1))!.total).toBe(2100 - 5);
    });

    it('encrypts identity numbers at rest and reads them back', async () => {
      const e = await add(companyA, { cardType: 1, cardNo: '110101199003070919' });
      expect((await store.repos.employees(companyA).getById(e.employeeId))!.cardNo).toBe('110101199003070919');
    });

    it('lets exactly one of many concurrent consumers use an OA code', async () => {
      await store.repos.credentials.insertOaCode({ codeHash: 'h1', companyId: companyA, codeType: 'AUTH_CODE', profile: '{}', expiresAt: Date.now() + 60_000 });
      const results = await Promise.all(Array.from({ length: 8 }, () => store.repos.credentials.consumeOaCode('h1', Date.now())));
      expect(results.filter(Boolean)).toHaveLength(1);
    });

    it('remembers a nonce once, and again only after it expired', async () => {
      const now = Date.now();
      expect(await store.repos.credentials.rememberNonce('k', 'n1', now + 1000, now)).toBe(true);
      expect(await store.repos.credentials.rememberNonce('k', 'n1', now + 1000, now)).toBe(false);
      expect(await store.repos.credentials.rememberNonce('k2', 'n1', now + 1000, now)).toBe(true);
      expect(await store.repos.credentials.rememberNonce('k', 'n1', now + 5000, now + 2000)).toBe(true);
    });
  });
}
