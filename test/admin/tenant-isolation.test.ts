import { describe, expect, it } from 'vitest';
import { uniqueMobile } from '../benefits/support/world.js';
import { ADMIN_ROUTES } from '../../src/edge/admin/routes.js';
import { testDatabases } from '../support/databases.js';
import { useAdmin, type AdminFixture } from './support.js';

/** Two companies, everything of B addressed with a token scoped to A: every answer is a refusal and B is untouched. */
async function twoCompanies(x: AdminFixture) {
  const make = async (name: string) => {
    const company = (await x.call('POST', '/companies', { name, main: { phone: uniqueMobile() } })).body;
    const cid = company.companyId as string;
    await x.call('POST', `/companies/${cid}/departments`, { deptCode: `D${name}`, name: `Dept ${name}` });
    const employee = (await x.call('POST', `/companies/${cid}/employees`, { name: `E${name}`, userid: `u${name}` })).body;
    const app = (await x.call('POST', '/apps', { companyId: cid, name })).body.app;
    const connector = (await x.call('POST', `/companies/${cid}/oa-connectors`, { kind: 'dev', name: `OA ${name}` })).body;
    return { cid, employeeId: employee.employeeId as string, dept: `D${name}`, appKey: app.appKey as string, connectorId: connector.connectorId as string };
  };
  return { a: await make('A'), b: await make('B') };
}

for (const db of testDatabases()) {
  describe(`admin API tenant isolation (${db.name})`, () => {
    const ctx = useAdmin(db);

    it('a company-scoped token reaches nothing of another company, by any route or id kind', async () => {
      const x = ctx();
      const { a, b } = await twoCompanies(x);
      const scoped = (await x.c.admin.tokens.create({ companyId: a.cid, name: 'A only' })).token;
      const as = (method: string, path: string, body?: unknown) => x.call(method, path, body, scoped);

      // Its own company works.
      expect((await as('GET', `/companies/${a.cid}/employees/${a.employeeId}`)).status).toBe(200);
      expect((await as('GET', '/companies')).body.items.map((c: { companyId: string }) => c.companyId)).toEqual([a.cid]);
      expect((await as('GET', '/apps')).body.items.map((app: { appKey: string }) => app.appKey)).toEqual([a.appKey]);

      const refusals: Array<[string, string, unknown, number, string]> = [
        ['POST', '/companies', { name: 'New' }, 403, 'auth.forbidden'],
        ['GET', `/companies/${b.cid}`, undefined, 404, 'tenant.not_found'],
        ['PATCH', `/companies/${b.cid}`, { name: 'pwned' }, 404, 'tenant.not_found'],
        ['POST', `/companies/${b.cid}/main-account`, { phone: '13900000000' }, 404, 'tenant.not_found'],
        ['GET', `/companies/${b.cid}/employees`, undefined, 404, 'tenant.not_found'],
        ['POST', `/companies/${b.cid}/employees`, { name: 'intruder' }, 404, 'tenant.not_found'],
        ['GET', `/companies/${b.cid}/employees/${b.employeeId}`, undefined, 404, 'tenant.not_found'],
        ['PATCH', `/companies/${b.cid}/employees/${b.employeeId}`, { name: 'pwned' }, 404, 'tenant.not_found'],
        ['POST', `/companies/${b.cid}/employees/${b.employeeId}/resign`, undefined, 404, 'tenant.not_found'],
        ['POST', `/companies/${b.cid}/employees/${b.employeeId}/restore`, undefined, 404, 'tenant.not_found'],
        ['POST', `/companies/${b.cid}/employees/${b.employeeId}/admin-password`, { password: 'Corr3ct-Horse' }, 404, 'tenant.not_found'],
        // B's employee id under A's company id: not A's employee.
        ['GET', `/companies/${a.cid}/employees/${b.employeeId}`, undefined, 404, 'employee.not_found'],
        ['PATCH', `/companies/${a.cid}/employees/${b.employeeId}`, { name: 'pwned' }, 404, 'employee.not_found'],
        ['POST', `/companies/${a.cid}/employees/${b.employeeId}/resign`, undefined, 404, 'employee.not_found'],
        ['DELETE', `/companies/${b.cid}/employees/${b.employeeId}`, undefined, 404, 'tenant.not_found'],
        ['DELETE', `/companies/${a.cid}/employees/${b.employeeId}`, undefined, 404, 'employee.not_found'],
        ['GET', `/companies/${b.cid}/departments`, undefined, 404, 'tenant.not_found'],
        ['POST', `/companies/${b.cid}/departments`, { deptCode: 'X', name: 'X' }, 404, 'tenant.not_found'],
        ['GET', `/companies/${b.cid}/departments/${b.dept}`, undefined, 404, 'tenant.not_found'],
        ['PATCH', `/companies/${b.cid}/departments/${b.dept}`, { name: 'pwned' }, 404, 'tenant.not_found'],
        ['DELETE', `/companies/${b.cid}/departments/${b.dept}`, undefined, 404, 'tenant.not_found'],
        // B's department code under A's company id: A has no such department.
        ['GET', `/companies/${a.cid}/departments/${b.dept}`, undefined, 404, 'department.unknown'],
        ['GET', `/companies/${a.cid}/employees?deptCode=${b.dept}`, undefined, 404, 'department.unknown'],
        ['GET', `/companies/${b.cid}/levels`, undefined, 404, 'tenant.not_found'],
        ['POST', `/companies/${b.cid}/levels`, { names: ['X'] }, 404, 'tenant.not_found'],
        ['GET', `/companies/${b.cid}/categories`, undefined, 404, 'tenant.not_found'],
        ['POST', `/companies/${b.cid}/categories`, { names: ['X'] }, 404, 'tenant.not_found'],
        ['GET', `/companies/${b.cid}/attributes`, undefined, 404, 'tenant.not_found'],
        ['POST', `/companies/${b.cid}/attributes`, { names: ['X'] }, 404, 'tenant.not_found'],
        ['GET', `/companies/${b.cid}/cost-centers`, undefined, 404, 'tenant.not_found'],
        ['POST', `/companies/${b.cid}/cost-centers`, { name: 'X' }, 404, 'tenant.not_found'],
        ['GET', `/apps?companyId=${b.cid}`, undefined, 404, 'tenant.not_found'],
        ['GET', `/audit-events?companyId=${b.cid}`, undefined, 404, 'tenant.not_found'],
        ['POST', '/apps', { companyId: b.cid }, 404, 'tenant.not_found'],
        ['POST', '/apps', {}, 403, 'auth.forbidden'],
        ['GET', `/apps/${b.appKey}`, undefined, 404, 'auth.invalid_app'],
        ['PATCH', `/apps/${b.appKey}`, { rateLimit: 1 }, 404, 'auth.invalid_app'],
        ['POST', `/apps/${b.appKey}/rotate-secret`, {}, 404, 'auth.invalid_app'],
        ['POST', `/apps/${b.appKey}/disable`, undefined, 404, 'auth.invalid_app'],
        ['POST', `/apps/${b.appKey}/enable`, undefined, 404, 'auth.invalid_app'],
        ['POST', `/apps/${b.appKey}/installations`, { companyId: a.cid }, 403, 'auth.forbidden'],
        ['POST', `/apps/${b.appKey}/revoke-tokens`, undefined, 404, 'auth.invalid_app'],
        ['GET', `/companies/${b.cid}/oa-connectors`, undefined, 404, 'tenant.not_found'],
        ['POST', `/companies/${b.cid}/oa-connectors`, { kind: 'dev' }, 404, 'tenant.not_found'],
        ['GET', `/companies/${b.cid}/oa-connectors/${b.connectorId}`, undefined, 404, 'tenant.not_found'],
        ['PATCH', `/companies/${b.cid}/oa-connectors/${b.connectorId}`, { name: 'pwned' }, 404, 'tenant.not_found'],
        ['DELETE', `/companies/${b.cid}/oa-connectors/${b.connectorId}`, undefined, 404, 'tenant.not_found'],
        ['POST', `/companies/${b.cid}/oa-connectors/${b.connectorId}/test`, undefined, 404, 'tenant.not_found'],
        // B's connector id under A's company id, or alone: not A's connector.
        ['GET', `/companies/${a.cid}/oa-connectors/${b.connectorId}`, undefined, 404, 'oa.connector_unknown'],
        ['PATCH', `/companies/${a.cid}/oa-connectors/${b.connectorId}`, { name: 'pwned' }, 404, 'oa.connector_unknown'],
        ['DELETE', `/companies/${a.cid}/oa-connectors/${b.connectorId}`, undefined, 404, 'oa.connector_unknown'],
        ['POST', `/companies/${a.cid}/oa-connectors/${b.connectorId}/test`, undefined, 404, 'oa.connector_unknown'],
        ['GET', `/oa-connectors/${b.connectorId}`, undefined, 404, 'oa.connector_unknown'],
        // A's own app cannot be pointed at B's connector.
        ['POST', '/apps', { companyId: a.cid, oaConnectorId: b.connectorId }, 400, 'request.invalid_params'],
        ['PATCH', `/apps/${a.appKey}`, { oaConnectorId: b.connectorId }, 400, 'request.invalid_params'],
        // Bulk import and export (issue 10); another company's import id: employee-import.test.ts.
        ['GET', `/companies/${b.cid}/employee-import-template`, undefined, 404, 'tenant.not_found'],
        ['POST', `/companies/${b.cid}/employee-imports`, undefined, 404, 'tenant.not_found'],
        ['GET', `/companies/${b.cid}/employee-imports`, undefined, 404, 'tenant.not_found'],
        ['GET', `/companies/${b.cid}/employee-imports/${'F'.repeat(32)}`, undefined, 404, 'tenant.not_found'],
        ['GET', `/companies/${b.cid}/employee-imports/${'F'.repeat(32)}/rows`, undefined, 404, 'tenant.not_found'],
        ['GET', `/companies/${b.cid}/employee-imports/${'F'.repeat(32)}/results`, undefined, 404, 'tenant.not_found'],
        ['GET', `/companies/${b.cid}/employees/export`, undefined, 404, 'tenant.not_found'],
        ['GET', `/companies/${a.cid}/employee-imports/${'F'.repeat(32)}`, undefined, 404, 'import.not_found'],
      ];
      // Every route of the API is among the refusals or the scoped lists above (a new route must be added here).
      const covered = [...refusals.map(([m, p]) => [m, p]), ['GET', '/companies'], ['GET', '/apps'], ['GET', '/audit-events'], ['GET', '/oa-connector-kinds'],
        // Sign-in and sign-out are public (console-session.test.ts: a session is scoped like a company token).
        ['POST', '/session'], ['DELETE', '/session'], ['GET', '/session'],
        // The signed-in admin's own password: no id in it to point elsewhere (console-session.test.ts).
        ['POST', '/session/password'],
        // The console's OA sign-in is public too; who may get a session is console-oa-sign-in.test.ts.
        ['GET', `/companies/${b.cid}/sign-in-options`], ['GET', '/session/oa/start'], ['GET', '/session/oa/callback']];
      const audit = (await as('GET', '/audit-events?limit=200')).body.items;
      expect(audit.length).toBeGreaterThan(0);
      expect(audit.every((e: { companyId: string }) => e.companyId === a.cid)).toBe(true);
      for (const route of ADMIN_ROUTES) {
        const pattern = new RegExp(`^${route.path.replace(/\{\w+\}/g, '[^/?]+')}(\\?.*)?$`);
        expect(covered.some(([m, p]) => m === route.method && pattern.test(p!)), `${route.method} ${route.path}`).toBe(true);
      }
      for (const [method, path, body, status, code] of refusals) {
        const res = await as(method, path, body);
        expect({ method, path, status: res.status, code: res.body?.code }).toEqual({ method, path, status, code });
        // A refusal never carries B's data.
        expect(JSON.stringify(res.body)).not.toMatch(/EB|Dept B/);
      }

      // B is exactly as it was.
      const bEmployee = (await x.call('GET', `/companies/${b.cid}/employees/${b.employeeId}`)).body;
      expect(bEmployee).toMatchObject({ name: 'EB', status: 'active' });
      expect((await x.call('GET', `/companies/${b.cid}`)).body.name).toBe('B');
      expect((await x.call('GET', `/companies/${b.cid}/departments/${b.dept}`)).body.name).toBe('Dept B');
      expect((await x.call('GET', `/apps/${b.appKey}`)).body).toMatchObject({ disabled: false, previousSecretValidUntil: null, name: 'B' });
      expect((await x.call('GET', `/companies/${b.cid}/employees?total=true`)).body.total).toBe(2);
      expect((await x.call('GET', `/companies/${b.cid}/levels`)).body.items).toEqual([]);
      expect((await x.call('GET', `/companies/${b.cid}/cost-centers`)).body.items).toEqual([]);
      expect((await x.call('GET', `/companies/${b.cid}/oa-connectors/${b.connectorId}`)).body.name).toBe('OA B');
      expect((await x.call('GET', `/apps/${a.appKey}`)).body.oaConnectorId).toBeNull();
    });

    it('a shared app installed in a company is visible to its token but only an installation token changes it', async () => {
      const x = ctx();
      const { a } = await twoCompanies(x);
      const shared = (await x.call('POST', '/apps', { name: 'saas' })).body.app.appKey as string;
      await x.c.directory.installApp(shared, a.cid);
      const scoped = (await x.c.admin.tokens.create({ companyId: a.cid })).token;
      expect((await x.call('GET', `/apps/${shared}`, undefined, scoped)).status).toBe(200);
      const res = await x.call('POST', `/apps/${shared}/disable`, undefined, scoped);
      expect(res.status).toBe(403);
      expect(res.body.code).toBe('auth.forbidden');
      expect((await x.call('POST', `/apps/${shared}/disable`)).body.disabled).toBe(true);
    });
  });
}
