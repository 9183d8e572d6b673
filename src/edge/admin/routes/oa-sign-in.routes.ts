import type { FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import type { IssuedSession } from '#src/app/admin/admin-session.service.js';
import { DomainError } from '#src/domain/errors.js';
import { OA_CONNECTOR_KINDS } from '#src/domain/oa-connector.js';
import { cookieOf } from '../bearer-auth.js';
import { defineRoute } from '../route.js';
import { CompanyId } from '../schemas/common.js';
import { CompanyPath } from '../schemas/company.schemas.js';
import { setSessionCookie } from './session.routes.js';

/** Binds a sign-in's `state` to the browser that started it (login CSRF): the callback must bring both. */
const STATE_COOKIE = 'roster_oa_state';
const STATE_PATH = '/admin/v1/session/oa';
/** Where the console lives; a refused sign-in lands there with `?error=<code>`. */
const CONSOLE = '/console/';

const SignInOptionsSchema = z
  .object({
    password: z.boolean().describe('Admins can always sign in with a password.'),
    connectors: z.array(z.object({ connectorId: z.string(), kind: z.enum(OA_CONNECTOR_KINDS), name: z.string() })).describe('The company’s OA connectors that can sign an admin in.'),
  })
  .meta({ id: 'SignInOptions' });

const StartQuery = z.object({ companyId: CompanyId, connectorId: z.string().min(1).max(64) });
const CallbackQuery = z.object({
  code: z.string().max(2048).optional(),
  authCode: z.string().max(2048).optional().describe('DingTalk names the code authCode.'),
  state: z.string().max(256).optional(),
});

const isHttps = (req: FastifyRequest) => req.protocol === 'https' || String(req.headers['x-forwarded-proto'] ?? '').split(',')[0]?.trim() === 'https';

/** The callback URL the OA sends the browser back to: this server as the browser reached it. */
function callbackUrl(req: FastifyRequest): string {
  const host = String(req.headers['x-forwarded-host'] ?? req.headers.host ?? 'localhost').split(',')[0]!.trim();
  return `${isHttps(req) ? 'https' : 'http'}://${host}${STATE_PATH}/callback`;
}

/** `SameSite=Lax`: the cookie must come along on the OA's top-level redirect back to us. */
const stateCookie = (req: FastifyRequest, value: string, maxAge: number) =>
  `${STATE_COOKIE}=${value}; Path=${STATE_PATH}; HttpOnly; SameSite=Lax; Max-Age=${maxAge}${isHttps(req) ? '; Secure' : ''}`;

const refused = (error: unknown) => {
  if (!(error instanceof DomainError)) throw error;
  return { location: `${CONSOLE}?error=${encodeURIComponent(error.code)}` };
};

export const oaSignInRoutes = [
  defineRoute({
    method: 'GET',
    path: '/companies/{companyId}/sign-in-options',
    operationId: 'getSignInOptions',
    summary: 'How an admin of the company can sign in to the console (for the sign-in page’s buttons)',
    tag: 'session',
    access: 'public',
    params: CompanyPath,
    status: 200,
    response: SignInOptionsSchema,
    errors: ['tenant.not_found'],
    async handle({ params, services }) {
      return services.oaSignIn.options(params.companyId);
    },
  }),
  defineRoute({
    method: 'GET',
    path: '/session/oa/start',
    operationId: 'startOaSignIn',
    summary: 'Start a console sign-in through the company’s OA: redirects the browser to the OA’s login page',
    description:
      'OIDC: authorization code with PKCE (S256), state and nonce; DingTalk, WeCom, Feishu/Lark: their documented web-login pages. The state is bound to the browser by an HTTP-only cookie; the verifier and nonce stay on the server for 10 minutes. The OA must allow `<this server>/admin/v1/session/oa/callback` as redirect URI. A refusal redirects to `/console/?error=<code>`.',
    tag: 'session',
    access: 'public',
    query: StartQuery,
    status: 302,
    errors: [],
    withRequest: true,
    async handle({ query, services, req }) {
      try {
        const { url, state } = await services.oaSignIn.start(query.companyId, query.connectorId, callbackUrl(req!));
        return { location: url, state };
      } catch (error) {
        return refused(error);
      }
    },
    respond(reply: FastifyReply, result: unknown, req: FastifyRequest) {
      const { state } = result as { state?: string };
      if (state) reply.header('set-cookie', stateCookie(req, state, 600));
    },
  }),
  defineRoute({
    method: 'GET',
    path: '/session/oa/callback',
    operationId: 'finishOaSignIn',
    summary: 'Where the OA sends the browser back: signs the admin in (session cookie) and redirects to /console/',
    description:
      'The OA user must be an employee of the company (linked by an earlier OA sign-in, or matched by userid, phone or email) and a serving admin. Otherwise: `/console/?error=oa.not_member` (not an employee), `auth.forbidden` (not an admin), `auth.sign_in_failed` (state missing, expired, used or of another browser), `oa.code_invalid`, `oa.upstream_error`.',
    tag: 'session',
    access: 'public',
    query: CallbackQuery,
    status: 302,
    errors: [],
    withRequest: true,
    async handle({ query, services, req }) {
      try {
        const issued = await services.oaSignIn.finish({ code: query.code ?? query.authCode, state: query.state, browserState: cookieOf(req!, STATE_COOKIE), redirectUri: callbackUrl(req!) });
        return { location: CONSOLE, issued };
      } catch (error) {
        return refused(error);
      }
    },
    respond(reply: FastifyReply, result: unknown, req: FastifyRequest) {
      const { issued } = result as { issued?: IssuedSession };
      const cookies = [stateCookie(req, '', 0)];
      reply.header('set-cookie', cookies);
      if (issued) setSessionCookie(reply, issued, req);
    },
  }),
];
