import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { useAdmin } from '../../test/admin/support.js';
import { uniqueMobile } from '../../test/benefits/support/world.js';
import { testDatabases } from '../../test/support/databases.js';
import { createRosterAdmin, RosterAdminError, type Employee } from '../src/index.js';

describe('generated types', () => {
  it('match the committed OpenAPI document (run `npm run generate -w sdk` after `npm run docs`)', async () => {
    const { default: openapiTS, astToString } = await import('openapi-typescript');
    const doc = JSON.parse(readFileSync(new URL('../../docs/openapi.json', import.meta.url), 'utf8'));
    const generated = astToString(await openapiTS(doc, { defaultNonNullable: false }));
    const committed = readFileSync(new URL('../src/schema.d.ts', import.meta.url), 'utf8');
    expect(committed.replace(/^\/\*\*[\s\S]*?\*\/\n\n/, '').trim()).toBe(generated.trim());
  });
});

/** The same promise, expected to fail with this catalogue code and status. */
async function refusal(promise: Promise<unknown>): Promise<{ status: number; code: string }> {
  try {
    await promise;
  } catch (error) {
    expect(error).toBeInstanceOf(RosterAdminError);
    const e = error as RosterAdminError;
    expect(e.message.length).toBeGreaterThan(0);
    return { status: e.status, code: e.code };
  }
  throw new Error('expected a refusal');
}

for (const db of testDatabases()) {
  describe(`admin SDK through a real server (${db.name})`, () => {
    const ctx = useAdmin(db);
    const sdk = () => createRosterAdmin({ baseUrl: ctx().baseUrl, token: ctx().token });

    it('manages companies', async () => {
      const admin = sdk();
      const company = await admin.companies.create({ name: 'SDK Co', main: { phone: uniqueMobile(), name: 'Ada' } });
      expect(company).toMatchObject({ name: 'SDK Co', initialized: true, employeeCount: 1 });
      expect((await admin.companies.get(company.companyId)).companyId).toBe(company.companyId);
      expect((await admin.companies.update(company.companyId, { name: 'SDK Co 2' })).name).toBe('SDK Co 2');
      expect((await admin.companies.list({ limit: 200 })).items.some((c) => c.companyId === company.companyId)).toBe(true);
      expect(await refusal(admin.companies.get('F'.repeat(32)))).toEqual({ status: 404, code: 'tenant.not_found' });
      expect(await refusal(admin.companies.create({ name: '' }))).toEqual({ status: 400, code: 'request.invalid_params' });
      const group = await admin.companies.create({ name: 'Group', kind: 'group' });
      const member = await admin.companies.create({ name: 'Member', parentCompanyId: group.companyId, enterpriseCode: 'E1' });
      expect(member).toMatchObject({ kind: 'enterprise', parentCompanyId: group.companyId, enterpriseCode: 'E1' });
      expect((await admin.companies.list({ parentCompanyId: group.companyId })).items.map((c) => c.companyId)).toEqual([member.companyId]);
      const bare = await admin.companies.create({ name: 'Later' });
      expect(bare.mainIdentityId).toBeNull();
      const initialized = await admin.companies.initialize(bare.companyId, { phone: uniqueMobile(), name: 'Main' });
      expect(initialized).toMatchObject({ initialized: true, employeeCount: 1 });
      expect(initialized.mainIdentityId).toMatch(/^[0-9a-z]{40}$/);
      expect(await refusal(admin.companies.initialize(bare.companyId, { phone: uniqueMobile() }))).toEqual({ status: 400, code: 'request.invalid_params' });
    });

    it('manages employees and walks every page', async () => {
      const admin = sdk();
      const { companyId } = await admin.companies.create({ name: 'People' });
      const made: Employee[] = [];
      for (let i = 0; i < 5; i++) made.push(await admin.employees.create(companyId, { name: `P${i}`, mobile: uniqueMobile(), userid: `p${i}` }));
      const bo = made[0]!;
      expect((await admin.employees.get(companyId, bo.employeeId)).userid).toBe('p0');
      expect((await admin.employees.update(companyId, bo.employeeId, { name: 'Bo', gender: 2 })).gender).toBe(2);
      expect((await admin.employees.resign(companyId, bo.employeeId)).status).toBe('resigned');
      expect((await admin.employees.restore(companyId, bo.employeeId)).status).toBe('active');
      const page = await admin.employees.list(companyId, { limit: 2, total: true, keyword: 'P' });
      expect(page.items).toHaveLength(2);
      expect(page.total).toBe(4);
      const all: string[] = [];
      for await (const e of admin.employees.all(companyId, { limit: 2 })) all.push(e.name);
      expect(all).toEqual(['Bo', 'P1', 'P2', 'P3', 'P4']);
      expect(await refusal(admin.employees.create(companyId, { name: 'Dup', mobile: bo.mobile! }))).toEqual({ status: 409, code: 'employee.phone_taken' });
      expect(await refusal(admin.employees.create(companyId, { name: 'Dup', userid: 'p1' }))).toEqual({ status: 409, code: 'employee.userid_taken' });
      expect(await refusal(admin.employees.get(companyId, 'missing'))).toEqual({ status: 404, code: 'employee.not_found' });
      expect(await refusal(admin.employees.setAdminPassword(companyId, bo.employeeId, 'Corr3ct-Horse'))).toEqual({ status: 400, code: 'request.invalid_params' });
    });

    it('deletes employees with erasure: counts follow, their keys are free again, the main account stays', async () => {
      const admin = sdk();
      const { companyId } = await admin.companies.create({ name: 'Erase' });
      const made: Employee[] = [];
      for (let i = 0; i < 3; i++) made.push(await admin.employees.create(companyId, { name: `D${i}`, mobile: uniqueMobile(), email: `d${i}@erase.example`, userid: `d${i}` }));
      expect((await admin.companies.get(companyId)).employeeCount).toBe(3);
      const gone = made[1]!;
      await admin.employees.delete(companyId, gone.employeeId);
      expect((await admin.companies.get(companyId)).employeeCount).toBe(2);
      expect((await admin.companies.list({ limit: 200 })).items.find((c) => c.companyId === companyId)?.employeeCount).toBe(2);
      expect(await refusal(admin.employees.get(companyId, gone.employeeId))).toEqual({ status: 404, code: 'employee.not_found' });
      expect(await refusal(admin.employees.delete(companyId, gone.employeeId))).toEqual({ status: 404, code: 'employee.not_found' });
      const page = await admin.employees.list(companyId, { total: true });
      expect(page.total).toBe(2);
      expect(page.items.map((e) => e.userid)).toEqual(['d0', 'd2']);
      // The IoT dialect's paging by rank sees the deletion too (the unregister's counters moved).
      const ranked = await ctx().c.store.repos.employees(companyId).listingAt(0, 10);
      expect({ total: ranked!.total, names: ranked!.employees.map((e) => e.name) }).toEqual({ total: 2, names: ['D0', 'D2'] });
      // Its phone, email and userid can be given to someone new.
      const again = await admin.employees.create(companyId, { name: 'New', mobile: gone.mobile!, email: 'd1@erase.example', userid: 'd1' });
      expect(again.employeeId).not.toBe(gone.employeeId);
      expect((await admin.companies.get(companyId)).employeeCount).toBe(3);
      const main = await admin.companies.initialize(companyId, { phone: uniqueMobile() });
      expect(await refusal(admin.employees.delete(companyId, main.mainEmployeeId!))).toEqual({ status: 403, code: 'auth.forbidden' });
      expect((await admin.employees.get(companyId, main.mainEmployeeId!)).isMain).toBe(true);
    });

    it('manages departments', async () => {
      const admin = sdk();
      const { companyId } = await admin.companies.create({ name: 'Tree' });
      await admin.departments.create(companyId, { deptCode: 'A', name: 'A' });
      await admin.departments.create(companyId, { deptCode: 'B', name: 'B', parentCode: 'A' });
      expect((await admin.departments.update(companyId, 'B', { name: 'Bee' })).name).toBe('Bee');
      expect((await admin.departments.tree(companyId)).children[0]!.children[0]!.deptCode).toBe('B');
      expect(await refusal(admin.departments.update(companyId, 'A', { parentCode: 'B' }))).toEqual({ status: 400, code: 'request.invalid_params' });
      expect(await refusal(admin.departments.delete(companyId, 'A'))).toEqual({ status: 409, code: 'department.not_empty' });
      await admin.departments.delete(companyId, 'B');
      expect(await refusal(admin.departments.get(companyId, 'B'))).toEqual({ status: 404, code: 'department.unknown' });
    });

    it('manages apps', async () => {
      const admin = sdk();
      const { companyId } = await admin.companies.create({ name: 'Apps' });
      const { app, appSecret } = await admin.apps.create({ companyId, name: 'hr' });
      expect(appSecret).toMatch(/^[0-9a-f]{32}$/);
      expect((await admin.apps.list({ companyId })).items).toEqual([app]);
      expect((await admin.apps.update(app.appKey, { rateLimit: 9 })).rateLimit).toBe(9);
      const rotated = await admin.apps.rotateSecret(app.appKey);
      expect(rotated.appSecret).not.toBe(appSecret);
      expect((await admin.apps.disable(app.appKey)).disabled).toBe(true);
      expect((await admin.apps.enable(app.appKey)).disabled).toBe(false);
      expect((await admin.apps.get(app.appKey)).previousSecretValidUntil).not.toBeNull();
      expect(await refusal(admin.apps.get('123'))).toEqual({ status: 404, code: 'auth.invalid_app' });
    });

    it('manages levels, categories, attributes, cost centers and shared-app installations', async () => {
      const admin = sdk();
      const { companyId } = await admin.companies.create({ name: 'Setup' });
      expect(await admin.setup.levels.add(companyId, ['S2', 'S1', 'S1'])).toEqual(['S1', 'S2']);
      expect(await admin.setup.levels.list(companyId)).toEqual(['S1', 'S2']);
      expect(await admin.setup.categories.add(companyId, ['帅哥组'])).toEqual(['帅哥组']);
      expect(await admin.setup.attributes.enable(companyId, ['englishName'])).toContain('englishName');
      const cc = await admin.setup.costCenters.create(companyId, 'R&D');
      expect(await admin.setup.costCenters.list(companyId)).toEqual([cc]);
      // What was set up is what employees may now carry.
      const e = await admin.employees.create(companyId, { name: 'Lv', level: 'S1', categories: ['帅哥组'], costCenterId: cc.costCenterId });
      expect(e).toMatchObject({ level: 'S1', categories: ['帅哥组'], costCenterId: cc.costCenterId });
      const shared = await admin.apps.create({ name: 'saas' });
      const installation = await admin.apps.install(shared.app.appKey, companyId);
      expect(installation.appId).toMatch(/^[0-9a-z]{40}$/);
      expect((await admin.apps.list({ companyId })).items.map((a) => a.appKey)).toContain(shared.app.appKey);
      expect(await refusal(admin.apps.install(shared.app.appKey, companyId))).toEqual({ status: 400, code: 'request.invalid_params' });
    });

    it('reports a bad token as a typed 401', async () => {
      const bad = createRosterAdmin({ baseUrl: ctx().baseUrl, token: 'rst_nope' });
      expect(await refusal(bad.companies.list())).toEqual({ status: 401, code: 'auth.invalid_token' });
    });
  });
}
