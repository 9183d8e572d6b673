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
      for (const id of [companyA, companyB]) {
        await store.repos.tenants.insertCompany({ companyId: id, companyName: id, mainPk: '1', mainIdentityId: null, mainEmployeeId: null, kind: 'enterprise', parentCompanyId: null, enterpriseCode: null, employeeCount: 0, createdAt: 1 });
      }
      cleanup = async () => {
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
