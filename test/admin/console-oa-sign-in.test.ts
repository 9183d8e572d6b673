import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { uniqueMobile } from '../benefits/support/world.js';
import { startOidcProvider, type OidcFake } from '../oa/fakes/oidc-provider.js';
import { startWecomFake, type WecomFake } from '../oa/fakes/wecom.fake.js';
import { testDatabases } from '../support/databases.js';
import { useAdmin } from './support.js';

/**
 * Console sign-in through a company's OA (issue 8 §2): OIDC against a real OpenID Provider
 * (oidc-provider: authorization code + PKCE + state + nonce, ID token checked against its JWKS) and
 * WeCom's web login against the loopback fake. Only an admin of THAT company gets a session.
 */
for (const db of testDatabases()) {
  describe(`console sign-in through the company's OA (${db.name})`, () => {
    const ctx = useAdmin(db);
    let op: OidcFake;
    let wecom: WecomFake;
    beforeAll(async () => {
      op = await startOidcProvider({ consoleRedirectUri: `${ctx().baseUrl}/admin/v1/session/oa/callback` });
      wecom = await startWecomFake();
    });
    afterAll(async () => {
      await op?.close();
      await wecom?.close();
    });

    /** A company whose main account (an admin) is Ada, with an OIDC connector for the console's client. */
    async function oidcCompany() {
      const { call } = ctx();
      const tag = uniqueMobile();
      const company = (await call('POST', '/companies', { name: 'OIDC Co', main: { phone: uniqueMobile(), name: 'Ada', email: `ada${tag}@corp.example` } })).body;
      const cid = company.companyId as string;
      const staff = (await call('POST', `/companies/${cid}/employees`, { name: 'Bo', email: `bo${tag}@corp.example` })).body;
      const config = { issuer: op.issuer, clientId: op.console.clientId, clientSecret: op.console.clientSecret, redirectUri: `${ctx().baseUrl}/admin/v1/session/oa/callback` };
      const connector = (await call('POST', `/companies/${cid}/oa-connectors`, { kind: 'oidc', name: 'Company SSO', config })).body;
      op.addAccount({ sub: `ada-${tag}`, name: 'Ada OA', email: `ada${tag}@corp.example`, email_verified: true });
      op.addAccount({ sub: `bo-${tag}`, name: 'Bo OA', email: `bo${tag}@corp.example`, email_verified: true });
      op.addAccount({ sub: `zed-${tag}`, name: 'Zed', email: `zed${tag}@elsewhere.example`, email_verified: true });
      return { cid, tag, mainId: company.mainEmployeeId as string, staffId: staff.employeeId as string, connectorId: connector.connectorId as string };
    }

    /** GET …/session/oa/start as a browser: where it is sent, and the state cookie it is given. */
    async function start(cid: string, connectorId: string) {
      const res = await fetch(`${ctx().baseUrl}/admin/v1/session/oa/start?companyId=${cid}&connectorId=${connectorId}`, { redirect: 'manual' });
      expect(res.status).toBe(302);
      const cookie = res.headers.getSetCookie().find((c) => c.startsWith('roster_oa_state='));
      return { location: res.headers.get('location')!, cookie: cookie?.split(';')[0], setCookie: cookie };
    }

    /** The browser back at the callback: where it lands and the session cookie it got. */
    async function back(url: string, cookie: string | undefined) {
      const res = await fetch(url, { redirect: 'manual', headers: cookie ? { cookie } : {} });
      expect(res.status).toBe(302);
      const session = res.headers.getSetCookie().find((c) => c.startsWith('roster_admin_session='));
      return { location: res.headers.get('location')!, session: session?.split(';')[0] };
    }

    const whoIs = async (sessionCookie: string) => (await fetch(`${ctx().baseUrl}/admin/v1/session`, { headers: { cookie: sessionCookie } })).json();

    it('offers the company’s OA connectors on the sign-in page', async () => {
      const { cid, connectorId } = await oidcCompany();
      const res = await fetch(`${ctx().baseUrl}/admin/v1/companies/${cid}/sign-in-options`);
      expect(await res.json()).toEqual({ password: true, connectors: [{ connectorId, kind: 'oidc', name: 'Company SSO' }] });
      expect((await fetch(`${ctx().baseUrl}/admin/v1/companies/${'F'.repeat(32)}/sign-in-options`)).status).toBe(404);
    });

    it('signs an admin in with OIDC: code + PKCE (S256) + state + nonce, the ID token checked against the JWKS', async () => {
      const { cid, tag, mainId, connectorId } = await oidcCompany();
      const started = await start(cid, connectorId);
      expect(started.setCookie).toMatch(/^roster_oa_state=[\w-]{43}; Path=\/admin\/v1\/session\/oa; HttpOnly; SameSite=Lax; Max-Age=600$/);
      const authorize = new URL(started.location);
      expect(authorize.origin).toBe(op.issuer);
      expect(Object.fromEntries(authorize.searchParams)).toMatchObject({
        response_type: 'code',
        client_id: op.console.clientId,
        redirect_uri: `${ctx().baseUrl}/admin/v1/session/oa/callback`,
        code_challenge_method: 'S256',
        state: started.cookie!.split('=')[1],
        code_challenge: expect.stringMatching(/^[\w-]{43}$/),
        nonce: expect.stringMatching(/^[\w-]{43}$/),
      });
      const callback = await op.browserLogin(started.location, `ada-${tag}`);
      expect(callback.startsWith(`${ctx().baseUrl}/admin/v1/session/oa/callback?`)).toBe(true);
      const landed = await back(callback, started.cookie);
      expect(landed.location).toBe('/console/');
      expect(await whoIs(landed.session!)).toMatchObject({ kind: 'admin', companyId: cid, employeeId: mainId, name: 'Ada' });

      // The state is good once, and only in the browser that started the sign-in.
      expect((await back(callback, started.cookie)).location).toBe('/console/?error=auth.sign_in_failed');
      const other = await start(cid, connectorId);
      const stolen = await op.browserLogin(other.location, `ada-${tag}`);
      const csrf = await back(stolen, undefined);
      expect(csrf).toEqual({ location: '/console/?error=auth.sign_in_failed', session: undefined });
    });

    it('refuses an OA user who is not an admin, or not an employee of that company, with a clear error', async () => {
      const { cid, tag, staffId, connectorId } = await oidcCompany();
      const staff = await start(cid, connectorId);
      expect(await back(await op.browserLogin(staff.location, `bo-${tag}`), staff.cookie)).toEqual({ location: '/console/?error=auth.forbidden', session: undefined });
      const stranger = await start(cid, connectorId);
      expect(await back(await op.browserLogin(stranger.location, `zed-${tag}`), stranger.cookie)).toEqual({ location: '/console/?error=oa.not_member', session: undefined });
      // Made an admin, Bo gets in (through the link the first attempt made).
      await ctx().call('PATCH', `/companies/${cid}/employees/${staffId}`, { isAdmin: true });
      const again = await start(cid, connectorId);
      const landed = await back(await op.browserLogin(again.location, `bo-${tag}`), again.cookie);
      expect(await whoIs(landed.session!)).toMatchObject({ kind: 'admin', employeeId: staffId });
      // Another company's connector id is no connector of this company.
      const elsewhere = await oidcCompany();
      expect((await start(cid, elsewhere.connectorId)).location).toBe('/console/?error=oa.connector_unknown');
    });

    it('signs an admin in through WeCom’s web login (the loopback fake), matched by userid', async () => {
      const { call } = ctx();
      const company = (await call('POST', '/companies', { name: 'WeCom Co', main: { phone: uniqueMobile() } })).body;
      const cid = company.companyId as string;
      const userid = `wx${uniqueMobile()}`;
      const lead = (await call('POST', `/companies/${cid}/employees`, { name: 'IT Lead', userid })).body;
      await call('PATCH', `/companies/${cid}/employees/${lead.employeeId}`, { isAdmin: true });
      const config = { corpId: wecom.corpId, agentId: 1000002, secret: wecom.secret, apiBaseUrl: wecom.url };
      const { connectorId } = (await call('POST', `/companies/${cid}/oa-connectors`, { kind: 'wecom', config })).body;
      const user = { userid, name: 'IT Lead' };
      wecom.addUser(user);

      const started = await start(cid, connectorId);
      const login = new URL(started.location);
      expect(login.origin + login.pathname).toBe('https://login.work.weixin.qq.com/wwlogin/sso/login');
      expect(Object.fromEntries(login.searchParams)).toEqual({
        login_type: 'CorpApp',
        appid: wecom.corpId,
        agentid: '1000002',
        redirect_uri: `${ctx().baseUrl}/admin/v1/session/oa/callback`,
        state: started.cookie!.split('=')[1],
      });
      // WeCom sends the browser back with ?code=…&state=….
      const code = wecom.code(user, 'AUTH_CODE');
      const landed = await back(`${ctx().baseUrl}/admin/v1/session/oa/callback?code=${code}&state=${login.searchParams.get('state')}`, started.cookie);
      expect(landed.location).toBe('/console/');
      expect(await whoIs(landed.session!)).toMatchObject({ kind: 'admin', companyId: cid, employeeId: lead.employeeId });
      const outsider = await start(cid, connectorId);
      const refused = await back(`${ctx().baseUrl}/admin/v1/session/oa/callback?code=${wecom.outsiderCode()}&state=${outsider.cookie!.split('=')[1]}`, outsider.cookie);
      expect(refused.location).toMatch(/^\/console\/\?error=oa\./);
    });
  });
}
