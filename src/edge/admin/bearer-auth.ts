import type { FastifyRequest } from 'fastify';
import type { LiveSession } from '#src/app/admin/admin-session.service.js';
import type { AdminServices } from '#src/app/admin/admin.services.js';
import type { OperatorToken } from '#src/domain/admin-ports.js';
import { DomainError } from '#src/domain/errors.js';
import { constantEquals } from '../http/constant-equals.js';

/** The console's session cookie (HTTP-only, SameSite=Strict, path /admin/v1). */
export const SESSION_COOKIE = 'roster_admin_session';
/** The header a console change must carry: the CSRF token the sign-in answered with. */
export const CSRF_HEADER = 'x-csrf-token';

/** One cookie's value from the Cookie header. */
export function cookieOf(req: FastifyRequest, name: string): string | undefined {
  for (const part of String(req.headers.cookie ?? '').split(';')) {
    const at = part.indexOf('=');
    if (at > 0 && part.slice(0, at).trim() === name) return part.slice(at + 1).trim();
  }
  return undefined;
}

/**
 * Who calls: `Authorization: Bearer <operator token>`, else a company admin's session cookie. A
 * cookie-borne change (anything but GET) must also echo the session's CSRF token in `X-CSRF-Token`:
 * another site can make the browser send the cookie, not read the token. 401 auth.missing_credentials
 * / auth.invalid_token; 403 auth.forbidden without the CSRF token.
 */
export async function authenticateCaller(req: FastifyRequest, services: AdminServices): Promise<OperatorToken> {
  const header = req.headers.authorization;
  if (header) {
    const match = /^Bearer\s+(\S+)\s*$/i.exec(header);
    if (!match) throw new DomainError('auth.missing_credentials');
    const token = await services.tokens.authenticate(match[1]!);
    if (!token) throw new DomainError('auth.invalid_token');
    return token;
  }
  const session = await liveSessionOf(req, services);
  if (req.method !== 'GET') {
    const sent = req.headers[CSRF_HEADER];
    if (typeof sent !== 'string' || !constantEquals(sent, session.csrfToken)) {
      throw new DomainError('auth.forbidden', { rule: `a change made with the session cookie needs the ${CSRF_HEADER} header` });
    }
  }
  return session.caller;
}

/** The live console session of the request's cookie; 401 auth.missing_credentials / auth.invalid_token otherwise. */
export async function liveSessionOf(req: FastifyRequest, services: AdminServices): Promise<LiveSession> {
  const cookie = cookieOf(req, SESSION_COOKIE);
  if (!cookie) throw new DomainError('auth.missing_credentials');
  const session = await services.sessions.authenticate(cookie);
  if (!session) throw new DomainError('auth.invalid_token');
  return session;
}
