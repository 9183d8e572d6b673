import { describe, expect, it } from 'vitest';
import { uniqueMobile } from '../benefits/support/world.js';
import { testDatabases } from '../support/databases.js';
import { useAdmin } from './support.js';

const STRONG = 'Corr3ct-Horse';

for (const db of testDatabases()) {
  describe(`console sign-in of company admins (${db.name})`, () => {
    const ctx = useAdmin(db);

    /** A company whose main account (its first admin) has a console password. */
    async function companyWithAdmin() {
      const { call } = ctx();
      const phone = uniqueMobile();
      const company = (await call('POST', '/companies', { name: 'Console Co', main: { phone, name: 'Ada', email: `ada${phone}@x.example` } })).body;
      const res = await call('POST', `/companies/${company.companyId}/employees/${company.mainEmployeeId}/admin-password`, { password: STRONG });
      expect(res.status).toBe(204);
      return { cid: company.companyId as string, phone, adminId: company.mainEmployeeId as string };
    }

    const signIn = (body: object) =>
      fetch(`${ctx().baseUrl}/admin/v1/session`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });

    it('refuses weak passwords and non-admins', async () => {
      const { call } = ctx();
      const { cid, adminId } = await companyWithAdmin();
      for (const weak of ['short1A', 'alllowercaseletters', 'Aaaaaaaaaaaa']) {
        const res = await call('POST', `/companies/${cid}/employees/${adminId}/admin-password`, { password: weak });
        expect(res.body).toMatchObject({ code: 'request.invalid_params', details: { param: 'password' } });
      }
      const staff = (await call('POST', `/companies/${cid}/employees`, { name: 'Staff' })).body;
      expect((await call('POST', `/companies/${cid}/employees/${staff.employeeId}/admin-password`, { password: STRONG })).body.details.param).toBe('employeeId');
    });

    it('signs in with an HTTP-only SameSite cookie, needs the CSRF token for changes, sees only its company, signs out', async () => {
      const { cid, phone } = await companyWithAdmin();
      const other = (await ctx().call('POST', '/companies', { name: 'Other' })).body.companyId;
      const res = await signIn({ companyId: cid, login: phone, password: STRONG });
      expect(res.status).toBe(200);
      const session = await res.json();
      expect(session).toMatchObject({ companyId: cid, name: 'Ada' });
      expect(JSON.stringify(session)).not.toMatch(/sessionToken/);
      const setCookie = res.headers.get('set-cookie')!;
      expect(setCookie).toMatch(/^roster_admin_session=[\w-]{43}; Path=\/admin\/v1; HttpOnly; SameSite=Strict; Max-Age=\d+$/);
      const cookie = setCookie.split(';')[0]!;
      const as = (method: string, path: string, body?: unknown, csrf?: string) =>
        fetch(`${ctx().baseUrl}/admin/v1${path}`, {
          method,
          headers: { cookie, ...(body ? { 'content-type': 'application/json' } : {}), ...(csrf ? { 'x-csrf-token': csrf } : {}) },
          body: body ? JSON.stringify(body) : undefined,
        });

      expect((await as('GET', `/companies/${cid}/employees`)).status).toBe(200);
      expect((await as('GET', `/companies/${other}`)).status).toBe(404);
      const noCsrf = await as('POST', `/companies/${cid}/employees`, { name: 'Via console' });
      expect(noCsrf.status).toBe(403);
      expect((await noCsrf.json()).code).toBe('auth.forbidden');
      expect((await as('POST', `/companies/${cid}/employees`, { name: 'Via console' }, 'wrong')).status).toBe(403);
      const made = await as('POST', `/companies/${cid}/employees`, { name: 'Via console' }, session.csrfToken);
      expect(made.status).toBe(201);
      const audit = (await ctx().call('GET', `/audit-events?companyId=${cid}&limit=1`)).body.items[0];
      // The admin is named by id: its personal name is no copy the log keeps (erasure, issue 8 §1).
      expect(audit).toMatchObject({ action: 'createEmployee', actor: { id: `admin:${session.employeeId}`, name: 'console admin' } });
      expect(JSON.stringify(audit)).not.toContain('Ada');

      const out = await fetch(`${ctx().baseUrl}/admin/v1/session`, { method: 'DELETE', headers: { cookie } });
      expect(out.status).toBe(204);
      expect(out.headers.get('set-cookie')).toContain('Max-Age=0');
      const after = await as('GET', `/companies/${cid}/employees`);
      expect(after.status).toBe(401);
    });

    it('says only "failed" for a wrong password, an unknown login or another company, and locks a login after five failures', async () => {
      const { cid, phone } = await companyWithAdmin();
      const { cid: otherCid } = await companyWithAdmin();
      const fail = async (body: object) => {
        const res = await signIn(body);
        return { status: res.status, code: (await res.json()).code };
      };
      expect(await fail({ companyId: otherCid, login: phone, password: STRONG })).toEqual({ status: 401, code: 'auth.sign_in_failed' });
      expect(await fail({ companyId: cid, login: 'nobody@x.example', password: STRONG })).toEqual({ status: 401, code: 'auth.sign_in_failed' });
      for (let i = 0; i < 5; i++) expect(await fail({ companyId: cid, login: phone, password: 'Wrong-pass-1' })).toEqual({ status: 401, code: 'auth.sign_in_failed' });
      // Locked now: even the right password is refused until the window passes.
      expect(await fail({ companyId: cid, login: phone, password: STRONG })).toEqual({ status: 429, code: 'auth.rate_limited' });
    });
  });
}
