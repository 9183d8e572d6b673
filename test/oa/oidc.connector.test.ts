/**
 * The OIDC connector against a real `oidc-provider` in the test process: discovery, the code
 * exchange with client_secret_basic and client_secret_post, the ID token checked against the JWKS,
 * claims from userinfo, the employee-number claim; replayed and unknown codes are invalid_grant.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { oidcConfigSchema } from '../../src/app/oa/oidc/oidc.config.js';
import { createOidcConnector } from '../../src/app/oa/oidc/oidc.connector.js';
import { startOidcProvider, type OidcFake } from './fakes/oidc-provider.js';
import { failureOf } from './support.js';

describe('OIDC connector against oidc-provider', () => {
  let op: OidcFake;
  const connector = (over: Record<string, unknown> = {}) =>
    createOidcConnector(
      oidcConfigSchema.parse({ issuer: op.issuer, clientId: op.basic.clientId, clientSecret: op.basic.clientSecret, redirectUri: op.redirectUri, employeeNoClaim: 'employee_no', ...over }),
      { budgetMs: 2500, now: Date.now },
    );

  beforeAll(async () => {
    op = await startOidcProvider();
    op.addAccount({ sub: 'alice', name: 'Alice 王', email: 'alice@corp.example', email_verified: true, phone_number: '+8613600004444', phone_number_verified: true, picture: 'https://idp.example/alice.png', employee_no: 'E1001' });
    op.addAccount({ sub: 'bob', name: 'Bob', email: 'bob@corp.example', email_verified: false });
  });
  afterAll(() => op.close());

  it('client_secret_basic (what discovery offers first): code → tokens → verified ID token → userinfo claims', async () => {
    const identity = await connector().exchange(await op.code('alice'), 'AUTH_CODE');
    expect(identity).toEqual({
      subject: 'alice',
      userId: 'alice',
      tenantHint: op.issuer,
      name: 'Alice 王',
      mobile: '+8613600004444',
      email: 'alice@corp.example',
      avatarUrl: 'https://idp.example/alice.png',
      employeeNo: 'E1001',
    });
    expect(op.calls).toEqual(expect.arrayContaining(['GET /.well-known/openid-configuration', 'POST /token', 'GET /jwks', 'GET /me']));
  });

  it('a code from the browser flow (authorization endpoint, login, consent, redirect) signs in the same way', async () => {
    expect(await connector().exchange(await op.browserCode('alice'), 'AUTH_CODE')).toMatchObject({ subject: 'alice', employeeNo: 'E1001', mobile: '+8613600004444' });
  });

  it('client_secret_post when configured; an unverified email is not taken', async () => {
    const c = connector({ clientId: op.post.clientId, clientSecret: op.post.clientSecret, tokenEndpointAuthMethod: 'client_secret_post' });
    const identity = await c.exchange(await op.code('bob', op.post.clientId), 'SESSION_ID');
    expect(identity).toMatchObject({ subject: 'bob', name: 'Bob', email: null, mobile: null, employeeNo: null });
  });

  it('a replayed, unknown or foreign-client code is invalid_grant → code_invalid', async () => {
    const c = connector();
    const code = await op.code('alice');
    await c.exchange(code, 'AUTH_CODE');
    expect(await failureOf(c.exchange(code, 'AUTH_CODE'))).toBe('code_invalid');
    expect(await failureOf(c.exchange('not-a-code', 'AUTH_CODE'))).toBe('code_invalid');
    expect(await failureOf(c.exchange(await op.code('alice', op.post.clientId), 'AUTH_CODE'))).toBe('code_invalid');
  });

  it('a wrong client secret is an upstream failure (the provider refuses the client, not the code)', async () => {
    expect(await failureOf(connector({ clientSecret: 'wrong-secret' }).exchange(await op.code('alice'), 'AUTH_CODE'))).toBe('upstream');
  });

  it('test() reads discovery and names the token endpoint; an unreachable issuer says why', async () => {
    expect(await connector().test()).toEqual({ ok: true, detail: expect.stringContaining(`${op.issuer}/token`) });
    const dead = createOidcConnector(oidcConfigSchema.parse({ issuer: 'http://127.0.0.1:9', clientId: 'a', clientSecret: 'b', redirectUri: op.redirectUri }), { budgetMs: 1000, now: Date.now });
    expect(await dead.test()).toMatchObject({ ok: false });
  });
});
