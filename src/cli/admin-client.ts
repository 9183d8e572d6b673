import { randomBytes } from 'node:crypto';
import { createRosterAdmin, type RosterAdmin } from '@roster/admin-sdk';
import type { Container } from '#src/container.js';
import { LOCAL_CLI_ID } from '#src/app/audit-trail.js';
import type { OperatorToken } from '#src/domain/admin-ports.js';
import { invalidParam } from '#src/domain/errors.js';
import { buildServer } from '#src/edge/http/server.js';
import { optionalFlag, type Flags } from './args.js';

/** Where the admin commands send their calls: a remote Roster, or one started in this process. */
export interface AdminTarget {
  url?: string | undefined;
  token?: string | undefined;
}

/** `--url`/`--token`, else `ROSTER_URL`/`ROSTER_TOKEN` from the environment the CLI was given. */
export function targetFrom(flags: Flags, env: Record<string, string | undefined>): AdminTarget {
  return {
    url: optionalFlag(flags, 'url') ?? (env['ROSTER_URL'] || undefined),
    token: optionalFlag(flags, 'token') ?? (env['ROSTER_TOKEN'] || undefined),
  };
}

/** An SDK client and how to let it go. */
export interface OpenedAdmin {
  admin: RosterAdmin;
  close(): Promise<void>;
}

/** A client of the remote admin API named by the target; a URL without a token is refused up front. */
export function remoteAdmin(target: AdminTarget & { url: string }): OpenedAdmin {
  if (!target.token) throw invalidParam('--token', 'is required with --url (or set ROSTER_TOKEN)');
  return { admin: createRosterAdmin({ baseUrl: target.url, token: target.token }), close: async () => {} };
}

/**
 * The admin API in this process, on the local store, so a fresh checkout works without a server or a
 * token: the server is built but never listens, and the SDK's requests are injected into it. The
 * credential is a random one that lives only in this process's memory (no row is written).
 */
export async function inProcessAdmin(c: Container): Promise<OpenedAdmin> {
  const localToken = `rst_${randomBytes(32).toString('hex')}`;
  const local: OperatorToken = { tokenId: LOCAL_CLI_ID, name: 'local CLI', companyId: null, createdAt: c.now(), lastUsedAt: null, revokedAt: null };
  const tokens = { ...c.admin.tokens, authenticate: async (token: string) => (token === localToken ? local : c.admin.tokens.authenticate(token)) };
  const server = await buildServer({ ...c, admin: { ...c.admin, tokens } });
  await server.ready();
  const injectFetch = async (request: Request): Promise<Response> => {
    const url = new URL(request.url);
    const body = request.method === 'GET' ? undefined : Buffer.from(await request.arrayBuffer());
    const reply = await server.inject({
      method: request.method as 'GET',
      url: url.pathname + url.search,
      headers: Object.fromEntries(request.headers),
      ...(body && body.length ? { payload: body } : {}),
    });
    const headers = new Headers();
    for (const [name, value] of Object.entries(reply.headers)) if (value !== undefined) headers.set(name, String(value));
    // The raw bytes: a file answer (XLSX) is binary, not text.
    return new Response(reply.statusCode === 204 ? null : new Uint8Array(reply.rawPayload), { status: reply.statusCode, headers });
  };
  return {
    admin: createRosterAdmin({ baseUrl: 'http://roster.local', token: localToken, fetch: injectFetch }),
    close: () => server.close(),
  };
}
