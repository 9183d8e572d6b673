/**
 * A real OpenID Provider (`oidc-provider`, the one test/oa uses) for console sign-in: its client's
 * redirect URI is Roster's console callback, and the browser signs in on the provider's own login
 * and consent pages (its development interactions).
 */
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import Provider from 'oidc-provider';

export interface ConsoleOidc {
  issuer: string;
  clientId: string;
  clientSecret: string;
  redirectUri: string;
  close(): Promise<void>;
}

export interface OidcPerson {
  sub: string;
  name: string;
  email?: string;
  phone_number?: string;
}

/** Starts the provider; `people` are the accounts its login page accepts (any password). */
export async function startConsoleOidc(rosterBaseUrl: string, people: OidcPerson[]): Promise<ConsoleOidc> {
  const redirectUri = `${rosterBaseUrl}/admin/v1/session/oa/callback`;
  const clientId = 'roster-console';
  const clientSecret = 'console-secret-0123456789abcdef';
  let handler: Parameters<typeof createServer>[1] = (_req, res) => res.end();
  const server = createServer((req, res) => handler!(req, res));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const issuer = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const accounts = new Map(people.map((p) => [p.sub, { ...p, email_verified: true, phone_number_verified: true }]));
  const provider = new Provider(issuer, {
    clients: [{ client_id: clientId, client_secret: clientSecret, redirect_uris: [redirectUri], token_endpoint_auth_method: 'client_secret_basic' }],
    claims: { openid: ['sub'], profile: ['name'], email: ['email', 'email_verified'], phone: ['phone_number', 'phone_number_verified'] },
    scopes: ['openid', 'profile', 'email', 'phone'],
    features: { devInteractions: { enabled: true } },
    async findAccount(_ctx, sub) {
      const account = accounts.get(sub);
      return account ? { accountId: sub, claims: async () => ({ ...account }) } : undefined;
    },
  });
  provider.on('server_error', () => {});
  handler = provider.callback();
  return {
    issuer,
    clientId,
    clientSecret,
    redirectUri,
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
