/**
 * A real OpenID Provider (`oidc-provider`) on a loopback port, in the test process. Codes are minted
 * the way its authorization endpoint would after a login and consent: a Grant with the scopes, then
 * an AuthorizationCode bound to it (no browser needed); the token endpoint, ID token, JWKS and
 * userinfo are the provider's own.
 */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import Provider from 'oidc-provider';

export interface OidcAccount {
  sub: string;
  name: string;
  email?: string;
  email_verified?: boolean;
  phone_number?: string;
  phone_number_verified?: boolean;
  picture?: string;
  employee_no?: string;
}

export interface OidcFake {
  issuer: string;
  redirectUri: string;
  /** client_secret_basic client and client_secret_post client. */
  basic: { clientId: string; clientSecret: string };
  post: { clientId: string; clientSecret: string };
  addAccount(account: OidcAccount): void;
  /** An authorization code for the account, as after a login at the provider. */
  code(sub: string, clientId?: string): Promise<string>;
  /**
   * A code the way a browser gets one: GET /auth, the login form posted, the consent posted, and the
   * code read from the final redirect to redirect_uri (oidc-provider's devInteractions, cookies kept by hand).
   */
  browserCode(sub: string, clientId?: string): Promise<string>;
  /**
   * A browser at an authorization URL someone else built (the console's sign-in): logs `sub` in,
   * consents, and answers where the provider finally redirects (the redirect_uri with code and state).
   */
  browserLogin(authorizeUrl: string, sub: string): Promise<string>;
  /** The client registered with the console's callback (when started with `consoleRedirectUri`). */
  console: { clientId: string; clientSecret: string };
  /** Requests seen, `METHOD /path`. */
  calls: string[];
  close(): Promise<void>;
}

export async function startOidcProvider(options: { consoleRedirectUri?: string } = {}): Promise<OidcFake> {
  const accounts = new Map<string, OidcAccount>();
  const calls: string[] = [];
  let handler: (req: IncomingMessage, res: ServerResponse) => void = (_req, res) => res.end();
  const server = createServer((req, res) => {
    calls.push(`${req.method} ${new URL(req.url ?? '/', 'http://x').pathname}`);
    handler(req, res);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const issuer = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const redirectUri = 'https://app.example.com/oidc/callback';
  const basic = { clientId: 'roster-basic', clientSecret: 'basic-secret-0123456789abcdef' };
  const post = { clientId: 'roster-post', clientSecret: 'post-secret-0123456789abcdef' };
  const consoleClient = { clientId: 'roster-console', clientSecret: 'console-secret-0123456789abcdef' };

  const provider = new Provider(issuer, {
    clients: [
      { client_id: basic.clientId, client_secret: basic.clientSecret, redirect_uris: [redirectUri], token_endpoint_auth_method: 'client_secret_basic' },
      { client_id: post.clientId, client_secret: post.clientSecret, redirect_uris: [redirectUri], token_endpoint_auth_method: 'client_secret_post' },
      ...(options.consoleRedirectUri
        ? [{ client_id: consoleClient.clientId, client_secret: consoleClient.clientSecret, redirect_uris: [options.consoleRedirectUri], token_endpoint_auth_method: 'client_secret_basic' as const }]
        : []),
    ],
    claims: {
      openid: ['sub'],
      profile: ['name', 'picture'],
      email: ['email', 'email_verified'],
      phone: ['phone_number', 'phone_number_verified'],
      employee: ['employee_no'],
    },
    scopes: ['openid', 'profile', 'email', 'phone', 'employee'],
    features: { devInteractions: { enabled: true } },
    async findAccount(_ctx, sub) {
      const account = accounts.get(sub);
      if (!account) return undefined;
      return { accountId: sub, claims: async () => ({ ...account }) };
    },
  });
  provider.on('server_error', () => {});
  handler = provider.callback();

  /** GET the authorization URL, post the login form and the consent (devInteractions), cookies kept by hand. */
  async function login(authorizeUrl: string, sub: string): Promise<string> {
    const jar = new Map<string, string>();
    const go = async (url: string, form?: Record<string, string>): Promise<string> => {
      const res = await fetch(new URL(url, issuer), {
        method: form ? 'POST' : 'GET',
        redirect: 'manual',
        headers: { cookie: [...jar].map(([k, v]) => `${k}=${v}`).join('; '), ...(form ? { 'content-type': 'application/x-www-form-urlencoded' } : {}) },
        body: form ? new URLSearchParams(form).toString() : undefined,
      });
      for (const c of res.headers.getSetCookie()) {
        const [pair] = c.split(';');
        const [k, v] = pair!.split('=');
        jar.set(k!, v ?? '');
      }
      await res.text();
      const location = res.headers.get('location');
      if (!location) throw new Error(`no redirect from ${url} (HTTP ${res.status})`);
      return location;
    };
    let at = await go(authorizeUrl);
    at = await go(await go(at.replace(/\/?$/, ''), { prompt: 'login', login: sub, password: 'x' }));
    return go(await go(at, { prompt: 'consent' }));
  }

  return {
    issuer,
    redirectUri,
    basic,
    post,
    calls,
    addAccount: (a) => void accounts.set(a.sub, a),
    async code(sub, clientId = basic.clientId) {
      const scope = 'openid profile email phone employee';
      const grant = new provider.Grant({ accountId: sub, clientId });
      grant.addOIDCScope(scope);
      const grantId = await grant.save();
      const client = await provider.Client.find(clientId);
      const code = new provider.AuthorizationCode({ accountId: sub, grantId, scope, redirectUri, authTime: Math.floor(Date.now() / 1000), client: client! });
      return code.save();
    },
    async browserCode(sub, clientId = basic.clientId) {
      const query = new URLSearchParams({ client_id: clientId, response_type: 'code', scope: 'openid profile email phone employee', redirect_uri: redirectUri, state: 's1', nonce: 'n1' });
      const at = await login(`${issuer}/auth?${query}`, sub);
      const code = new URL(at).searchParams.get('code');
      if (!code) throw new Error(`no code in ${at}`);
      return code;
    },
    browserLogin: (authorizeUrl, sub) => login(authorizeUrl, sub),
    console: consoleClient,
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
