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
      expect(audit).toMatchObject({ action: 'createEmployee', actor: { id: `admin:${session.employeeId}`, name: 'Ada' } });

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

    /** A fetch with the session cookie (and the CSRF token when given). */
    const withCookie = (cookie: string) => (method: string, path: string, body?: unknown, csrf?: string) =>
      fetch(`${ctx().baseUrl}/admin/v1${path}`, {
        method,
        headers: { cookie, ...(body ? { 'content-type': 'application/json' } : {}), ...(csrf ? { 'x-csrf-token': csrf } : {}) },
        body: body ? JSON.stringify(body) : undefined,
      });

    it('tells a reloaded console page who is signed in (GET /session), and 401 without a live session', async () => {
      const { cid, phone, adminId } = await companyWithAdmin();
      const none = await fetch(`${ctx().baseUrl}/admin/v1/session`);
      expect(none.status).toBe(401);
      expect((await none.json()).code).toBe('auth.missing_credentials');
      const res = await signIn({ companyId: cid, login: phone, password: STRONG });
      const session = await res.json();
      expect(session).toMatchObject({ kind: 'admin', companyId: cid, employeeId: adminId, name: 'Ada' });
      const as = withCookie(res.headers.get('set-cookie')!.split(';')[0]!);
      const who = await as('GET', '/session');
      expect(who.status).toBe(200);
      expect(await who.json()).toEqual(session);
      await as('DELETE', '/session');
      expect((await as('GET', '/session')).status).toBe(401);
      const stale = await withCookie('roster_admin_session=made-up')('GET', '/session');
      expect((await stale.json()).code).toBe('auth.invalid_token');
    });

    it('opens operator console sessions from operator tokens, scoped as the token, ended by its revocation', async () => {
      const x = ctx();
      const { cid } = await companyWithAdmin();
      const other = (await x.call('POST', '/companies', { name: 'Elsewhere' })).body.companyId as string;
      const scoped = await x.c.admin.tokens.create({ companyId: cid, name: 'hr desk' });
      const res = await signIn({ operatorToken: scoped.token });
      expect(res.status).toBe(200);
      const session = await res.json();
      expect(session).toMatchObject({ kind: 'operator', companyId: cid, employeeId: null, name: 'hr desk' });
      expect(JSON.stringify(session)).not.toContain(scoped.token);
      const as = withCookie(res.headers.get('set-cookie')!.split(';')[0]!);
      expect((await (await as('GET', '/companies')).json()).items.map((c: { companyId: string }) => c.companyId)).toEqual([cid]);
      expect((await as('GET', `/companies/${other}`)).status).toBe(404);
      expect((await as('POST', `/companies/${cid}/employees`, { name: 'No CSRF' })).status).toBe(403);
      expect((await as('POST', `/companies/${cid}/employees`, { name: 'Op made' }, session.csrfToken)).status).toBe(201);
      // An operator has no console password to change.
      expect((await as('POST', '/session/password', { currentPassword: STRONG, newPassword: 'Other-Pass-99' }, session.csrfToken)).status).toBe(403);
      await x.c.admin.tokens.revoke(scoped.tokenId);
      expect((await as('GET', '/session')).status).toBe(401);
      expect((await as('GET', `/companies/${cid}/employees`)).status).toBe(401);

      const installation = await (await signIn({ operatorToken: x.token })).json();
      expect(installation).toMatchObject({ kind: 'operator', companyId: null });
      for (const bad of [{ operatorToken: 'rst_nope' }, { operatorToken: scoped.token }]) {
        const refused = await signIn(bad);
        expect({ status: refused.status, code: (await refused.json()).code }).toEqual({ status: 401, code: 'auth.sign_in_failed' });
      }
      const malformed = await signIn({ operatorToken: '' });
      expect((await malformed.json()).details.param).toBe('operatorToken');
    });

    it('lets an admin change their own password: the current one must match, the new one be strong; other sessions end', async () => {
      const { cid, phone } = await companyWithAdmin();
      const elsewhere = withCookie((await signIn({ companyId: cid, login: phone, password: STRONG })).headers.get('set-cookie')!.split(';')[0]!);
      const res = await signIn({ companyId: cid, login: phone, password: STRONG });
      const { csrfToken } = await res.json();
      const as = withCookie(res.headers.get('set-cookie')!.split(';')[0]!);
      const change = (body: object, csrf = csrfToken) => as('POST', '/session/password', body, csrf);
      expect((await change({ currentPassword: STRONG, newPassword: 'New-Passw0rd-1' }, 'wrong')).status).toBe(403);
      const wrong = await change({ currentPassword: 'Wrong-pass-1', newPassword: 'New-Passw0rd-1' });
      expect(await wrong.json()).toMatchObject({ code: 'request.invalid_params', details: { param: 'currentPassword' } });
      const weak = await change({ currentPassword: STRONG, newPassword: 'weakweakweak' });
      expect(await weak.json()).toMatchObject({ code: 'request.invalid_params', details: { param: 'password' } });
      expect((await elsewhere('GET', '/session')).status).toBe(200);
      expect((await change({ currentPassword: STRONG, newPassword: 'New-Passw0rd-1' })).status).toBe(204);
      // The session that changed it goes on; the other one is over.
      expect((await as('GET', '/session')).status).toBe(200);
      expect((await elsewhere('GET', '/session')).status).toBe(401);
      expect((await signIn({ companyId: cid, login: phone, password: STRONG })).status).toBe(401);
      expect((await signIn({ companyId: cid, login: phone, password: 'New-Passw0rd-1' })).status).toBe(200);
      // With a bearer token there is no own password.
      expect((await ctx().call('POST', '/session/password', { currentPassword: STRONG, newPassword: 'New-Passw0rd-2' })).status).toBe(403);
    });

    it('makes further admins with the isAdmin flag; the main account stays one', async () => {
      const { call } = ctx();
      const { cid, adminId } = await companyWithAdmin();
      const staff = (await call('POST', `/companies/${cid}/employees`, { name: 'Lead', email: 'lead@x.example' })).body;
      expect((await call('PATCH', `/companies/${cid}/employees/${staff.employeeId}`, { isAdmin: true })).body.isAdmin).toBe(true);
      expect((await call('POST', `/companies/${cid}/employees/${staff.employeeId}/admin-password`, { password: STRONG })).status).toBe(204);
      expect((await signIn({ companyId: cid, login: 'lead@x.example', password: STRONG })).status).toBe(200);
      expect((await call('PATCH', `/companies/${cid}/employees/${staff.employeeId}`, { isAdmin: false })).body.isAdmin).toBe(false);
      expect((await signIn({ companyId: cid, login: 'lead@x.example', password: STRONG })).status).toBe(401);
      expect((await call('PATCH', `/companies/${cid}/employees/${adminId}`, { isAdmin: false })).body).toMatchObject({ code: 'request.invalid_params', details: { param: 'isAdmin' } });
    });
  });
}
