import { describe, expect, it } from 'vitest';
import { JavaSdkClient } from '../benefits/support/java-sdk-client.js';
import { uniqueMobile } from '../benefits/support/world.js';
import { hashAccessToken as hashOf } from '../../src/app/token.service.js';
import { testDatabases } from '../support/databases.js';
import { useAdmin } from './support.js';

for (const db of testDatabases()) {
  describe(`admin API resources (${db.name})`, () => {
    const ctx = useAdmin(db);
    const newCompany = async (name = 'Acme') => {
      const res = await ctx().call('POST', '/companies', { name, main: { phone: uniqueMobile(), name: 'Ada' } });
      expect(res.status).toBe(201);
      return res.body as { companyId: string };
    };

    it('creates, gets, renames and lists companies', async () => {
      const created = await ctx().call('POST', '/companies', { name: 'Initech' });
      expect(created.status).toBe(201);
      expect(created.body).toMatchObject({ name: 'Initech', kind: 'enterprise', initialized: false, employeeCount: 0 });
      const id = created.body.companyId;
      expect((await ctx().call('GET', `/companies/${id}`)).body.name).toBe('Initech');
      expect((await ctx().call('PATCH', `/companies/${id}`, { name: 'Initrode' })).body.name).toBe('Initrode');
      const ids: string[] = [];
      let cursor: string | null = null;
      do {
        const page: any = (await ctx().call('GET', `/companies?limit=1${cursor ? `&cursor=${cursor}` : ''}`)).body;
        ids.push(...page.items.map((c: { companyId: string }) => c.companyId));
        cursor = page.nextCursor;
      } while (cursor);
      expect(ids).toContain(id);
      expect(new Set(ids).size).toBe(ids.length);
    });

    it('validates bodies against the schema and changes nothing on a bad one', async () => {
      const bad = await ctx().call('POST', '/companies', { name: '' });
      expect(bad.status).toBe(400);
      expect(bad.body).toMatchObject({ code: 'request.invalid_params', details: { param: 'name' } });
      const unknown = await ctx().call('GET', `/companies/${'A'.repeat(32)}`);
      expect(unknown.status).toBe(404);
      expect(unknown.body.code).toBe('tenant.not_found');
      const notId = await ctx().call('GET', '/companies/nope');
      expect(notId.status).toBe(404);
      const tooLong = await ctx().call('GET', `/companies/${'A'.repeat(33)}`);
      expect(tooLong.body).toMatchObject({ code: 'request.invalid_params', details: { param: 'companyId' } });
    });

    it('adds, updates, resigns and restores employees with the directory’s rules', async () => {
      const { companyId } = await newCompany();
      const mobile = uniqueMobile();
      const add = await ctx().call('POST', `/companies/${companyId}/employees`, { name: 'Bo', mobile, email: 'Bo@x.example', userid: 'u1', workNumber: 'W1', cardType: 1, cardNo: '11010519491231002X' });
      expect(add.status).toBe(201);
      expect(add.body).toMatchObject({ name: 'Bo', mobile, mobileArea: '86', email: 'Bo@x.example', userid: 'u1', deptCode: 'ROOT', status: 'active', hasCardNo: true });
      // The identity number is write-only: no answer carries it.
      expect(JSON.stringify(add.body)).not.toContain('11010519491231002X');
      const id = add.body.employeeId;

      const dup = await ctx().call('POST', `/companies/${companyId}/employees`, { name: 'Cy', mobile });
      expect(dup.status).toBe(409);
      expect(dup.body.code).toBe('employee.phone_taken');
      const badDept = await ctx().call('POST', `/companies/${companyId}/employees`, { name: 'Cy', deptCode: 'NOPE' });
      expect(badDept.body.code).toBe('department.unknown');
      const badLevel = await ctx().call('POST', `/companies/${companyId}/employees`, { name: 'Cy', level: 'S9' });
      expect(badLevel.body.code).toBe('level.unknown');
      const badDate = await ctx().call('POST', `/companies/${companyId}/employees`, { name: 'Cy', entryDay: '2024-02-30' });
      expect(badDate.body).toMatchObject({ code: 'request.invalid_params', details: { param: 'entryDay' } });

      const upd = await ctx().call('PATCH', `/companies/${companyId}/employees/${id}`, { name: 'Bob', remark: 'hi' });
      expect(upd.body).toMatchObject({ name: 'Bob', remark: 'hi', mobile });
      const resigned = await ctx().call('POST', `/companies/${companyId}/employees/${id}/resign`);
      expect(resigned.body.status).toBe('resigned');
      expect((await ctx().call('GET', `/companies/${companyId}/employees/${id}`)).body.status).toBe('resigned');
      const restored = await ctx().call('POST', `/companies/${companyId}/employees/${id}/restore`);
      expect(restored.body).toMatchObject({ status: 'active', resignAt: null });
      const missing = await ctx().call('GET', `/companies/${companyId}/employees/nobody`);
      expect(missing.status).toBe(404);
      expect(missing.body.code).toBe('employee.not_found');
    });

    it('lists employees by status, department subtree and keyword, with cursors and an exact total', async () => {
      const { companyId } = await newCompany();
      const call = ctx().call;
      await call('POST', `/companies/${companyId}/departments`, { deptCode: 'RD', name: 'R&D' });
      await call('POST', `/companies/${companyId}/departments`, { deptCode: 'FE', name: 'Frontend', parentCode: 'RD' });
      const add = async (body: object) => (await call('POST', `/companies/${companyId}/employees`, body)).body.employeeId as string;
      await add({ name: 'Zed Alpha', deptCode: 'RD' });
      await add({ name: 'Yan Beta', deptCode: 'FE', email: 'yan@corp.example' });
      const gone = await add({ name: 'Xu Gamma', deptCode: 'FE', workNumber: 'K77' });
      await call('POST', `/companies/${companyId}/employees/${gone}/resign`);
      await add({ name: '100% real', remark: 'percent' });

      const names = async (query: string) => (await call('GET', `/companies/${companyId}/employees?${query}`)).body.items.map((e: { name: string }) => e.name);
      expect(await names('deptCode=RD')).toEqual(['Zed Alpha', 'Yan Beta', 'Xu Gamma']);
      expect(await names('deptCode=FE&status=active')).toEqual(['Yan Beta']);
      expect(await names('status=resigned')).toEqual(['Xu Gamma']);
      expect(await names('keyword=beta')).toEqual(['Yan Beta']);
      // Email, work number and phone match whole (without case), as the IoT account search does.
      expect(await names('keyword=YAN%40corp.example')).toEqual(['Yan Beta']);
      expect(await names('keyword=yan%40corp')).toEqual([]);
      expect(await names('keyword=k77')).toEqual(['Xu Gamma']);
      expect(await names('keyword=Gamm')).toEqual(['Xu Gamma']);
      expect(await names('keyword=ta&deptCode=FE')).toEqual(['Yan Beta']);
      // `%` is a literal character, not a wildcard.
      expect(await names('keyword=%25')).toEqual(['100% real']);

      const seen: string[] = [];
      let cursor: string | null = null;
      let total: number | undefined;
      do {
        const page: any = (await call('GET', `/companies/${companyId}/employees?limit=2&total=true${cursor ? `&cursor=${cursor}` : ''}`)).body;
        seen.push(...page.items.map((e: { name: string }) => e.name));
        total = page.total;
        cursor = page.nextCursor;
      } while (cursor);
      expect(seen).toEqual(['Ada', 'Zed Alpha', 'Yan Beta', 'Xu Gamma', '100% real']);
      expect(total).toBe(5);
      expect((await call('GET', `/companies/${companyId}/employees?limit=2`)).body.total).toBeUndefined();
      expect((await call('GET', `/companies/${companyId}/employees?deptCode=NOPE`)).body.code).toBe('department.unknown');
      expect((await call('GET', `/companies/${companyId}/employees?cursor=garbage`)).body).toMatchObject({ code: 'request.invalid_params', details: { param: 'cursor' } });
      expect((await call('GET', `/companies/${companyId}/employees?limit=0`)).status).toBe(400);
    });

    it('keeps the department tree a tree: create, rename, move with a cycle check, delete rules', async () => {
      const { companyId } = await newCompany();
      const call = ctx().call;
      const base = `/companies/${companyId}/departments`;
      expect((await call('POST', base, { deptCode: 'A', name: 'A' })).status).toBe(201);
      await call('POST', base, { deptCode: 'B', name: 'B', parentCode: 'A' });
      expect((await call('POST', base, { deptCode: 'A', name: 'A2' })).body.code).toBe('department.code_taken');
      expect((await call('POST', base, { deptCode: 'A3', name: 'A' })).body.code).toBe('department.name_taken');
      expect((await call('PATCH', `${base}/A`, { parentCode: 'B' })).body).toMatchObject({ code: 'request.invalid_params', details: { param: 'parent_code' } });
      expect((await call('PATCH', `${base}/ROOT`, { parentCode: 'A' })).body.code).toBe('department.is_root');
      expect((await call('PATCH', `${base}/B`, { name: 'Bee', parentCode: 'ROOT' })).body).toMatchObject({ name: 'Bee', parentCode: 'ROOT' });
      const tree = (await call('GET', base)).body;
      expect(tree).toMatchObject({ deptCode: 'ROOT', parentCode: null });
      expect(tree.children.map((d: { deptCode: string }) => d.deptCode).sort()).toEqual(['A', 'B']);
      await call('POST', `/companies/${companyId}/employees`, { name: 'M', deptCode: 'A' });
      expect((await call('DELETE', `${base}/A`)).body.code).toBe('department.not_empty');
      expect((await call('DELETE', `${base}/ROOT`)).body.code).toBe('department.is_root');
      expect((await call('DELETE', `${base}/B`)).status).toBe(204);
      expect((await call('GET', `${base}/B`)).status).toBe(404);
    });

    it('creates apps (secret once), lists them without secrets, rotates with an overlap, disables and enables', async () => {
      const { companyId } = await newCompany();
      const { baseUrl, call } = ctx();
      const created = await call('POST', '/apps', { companyId, name: 'hr', rateLimit: 5 });
      expect(created.status).toBe(201);
      const { appKey } = created.body.app;
      const firstSecret = created.body.appSecret;
      expect(firstSecret).toMatch(/^[0-9a-f]{32}$/);
      const list = await call('GET', `/apps?companyId=${companyId}`);
      expect(list.body.items.map((a: { appKey: string }) => a.appKey)).toEqual([appKey]);
      expect(JSON.stringify(list.body)).not.toContain(firstSecret);
      expect((await call('GET', `/apps/${appKey}`)).body).toMatchObject({ rateLimit: 5, disabled: false, previousSecretValidUntil: null });
      expect((await call('PATCH', `/apps/${appKey}`, { rateLimit: 0, signType: 'sha256' })).body).toMatchObject({ rateLimit: 0, signType: 'sha256' });

      const tokenWith = async (secret: string) => (await new JavaSdkClient(baseUrl, appKey, secret, { signType: 'sha256' }).createToken()).body.code;
      expect(await tokenWith(firstSecret)).toBe(0);
      const rotated = await call('POST', `/apps/${appKey}/rotate-secret`, { overlapSeconds: 3600 });
      const secondSecret = rotated.body.appSecret;
      expect(secondSecret).not.toBe(firstSecret);
      expect(rotated.body.app.previousSecretValidUntil).not.toBeNull();
      // Both work during the overlap window …
      expect(await tokenWith(secondSecret)).toBe(0);
      expect(await tokenWith(firstSecret)).toBe(0);
      // … and an overlap of 0 ends the previous secret at once.
      const third = (await call('POST', `/apps/${appKey}/rotate-secret`, { overlapSeconds: 0 })).body.appSecret;
      expect(await tokenWith(third)).toBe(0);
      expect(await tokenWith(secondSecret)).toBe(1000210002);

      expect((await call('POST', `/apps/${appKey}/disable`)).body.disabled).toBe(true);
      expect(await tokenWith(third)).toBe(1000210003);
      expect((await call('POST', `/apps/${appKey}/enable`)).body.disabled).toBe(false);
      expect(await tokenWith(third)).toBe(0);
      expect((await call('GET', '/apps/999999999999')).body.code).toBe('auth.invalid_app');
    });

    it('revokes an app’s access tokens: the next call with one asks for a new token', async () => {
      const { companyId } = await newCompany();
      const { baseUrl, call } = ctx();
      const { app, appSecret } = (await call('POST', '/apps', { companyId, rateLimit: 0 })).body;
      const client = new JavaSdkClient(baseUrl, app.appKey, appSecret);
      const token = (await client.createToken()).body.data as { access_token: string };
      expect((await call('POST', `/apps/${app.appKey}/revoke-tokens`)).body).toEqual({ revoked: 1, revokedSessions: 0 });
      expect((await call('POST', `/apps/${app.appKey}/revoke-tokens`)).body).toEqual({ revoked: 0, revokedSessions: 0 });
      // A process that never saw the token (nothing cached) refuses it: 1000210004.
      const { c } = ctx();
      expect(await c.store.repos.credentials.findAccessToken(hashOf(token.access_token), Date.now())).toBeUndefined();
    });
  });
}
