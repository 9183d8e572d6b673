import type { FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { cookieOf, SESSION_COOKIE } from '../bearer-auth.js';
import { defineRoute } from '../route.js';
import { CompanyId, Timestamp, toIso } from '../schemas/common.js';
import { EmployeePath } from '../schemas/employee.schemas.js';

const SignInSchema = z
  .object({
    companyId: CompanyId,
    login: z.string().min(1).max(100).describe('The admin’s phone or email.'),
    password: z.string().min(1).max(128),
  })
  .meta({ id: 'SignIn' });

const SessionSchema = z
  .object({
    companyId: CompanyId,
    employeeId: z.string(),
    name: z.string(),
    csrfToken: z.string().describe('Send it back as X-CSRF-Token on every change made with the session cookie.'),
    expiresAt: Timestamp,
  })
  .meta({ id: 'Session' });

const PasswordSchema = z.object({ password: z.string().min(1).max(128).describe('At least 10 characters, three kinds of character.') }).meta({ id: 'AdminPassword' });

/** `Secure` when the request came over HTTPS (directly or through a proxy that says so). */
function cookieAttributes(req: FastifyRequest, maxAgeSec: number): string {
  const https = req.protocol === 'https' || String(req.headers['x-forwarded-proto'] ?? '').split(',')[0]?.trim() === 'https';
  return `Path=/admin/v1; HttpOnly; SameSite=Strict; Max-Age=${maxAgeSec}${https ? '; Secure' : ''}`;
}

export const sessionRoutes = [
  defineRoute({
    method: 'POST',
    path: '/session',
    operationId: 'signIn',
    summary: 'Sign a company admin in to the console (sets the session cookie)',
    description: 'Five failed sign-ins of one login within 15 minutes lock it for the rest of them (429).',
    tag: 'session',
    access: 'public',
    body: SignInSchema,
    status: 200,
    response: SessionSchema,
    errors: ['auth.sign_in_failed', 'auth.rate_limited'],
    async handle({ body, services }) {
      const s = await services.sessions.signIn(body);
      return { companyId: s.companyId, employeeId: s.employeeId, name: s.name, csrfToken: s.csrfToken, expiresAt: toIso(s.expiresAt), sessionToken: s.sessionToken };
    },
    respond(reply: FastifyReply, result: unknown, req: FastifyRequest) {
      // The session value goes only into the HTTP-only cookie; the answer's schema strips it.
      const { sessionToken, expiresAt } = result as { sessionToken: string; expiresAt: string };
      const maxAge = Math.max(0, Math.floor((Date.parse(expiresAt) - Date.now()) / 1000));
      reply.header('set-cookie', `${SESSION_COOKIE}=${sessionToken}; ${cookieAttributes(req, maxAge)}`);
    },
  }),
  defineRoute({
    method: 'DELETE',
    path: '/session',
    operationId: 'signOut',
    summary: 'Sign out: ends the session and clears its cookie',
    tag: 'session',
    access: 'public',
    status: 204,
    errors: [],
    withRequest: true,
    async handle({ services, req }) {
      const cookie = req ? cookieOf(req, SESSION_COOKIE) : undefined;
      if (cookie) await services.sessions.signOut(cookie);
    },
    respond(reply: FastifyReply, _result: unknown, req: FastifyRequest) {
      reply.header('set-cookie', `${SESSION_COOKIE}=; ${cookieAttributes(req, 0)}`);
    },
  }),
  defineRoute({
    method: 'POST',
    path: '/companies/{companyId}/employees/{employeeId}/admin-password',
    operationId: 'setAdminPassword',
    summary: 'Set the console password of an admin (the main account is the first admin)',
    tag: 'employees',
    access: 'operator',
    params: EmployeePath,
    body: PasswordSchema,
    status: 204,
    errors: ['tenant.not_found', 'employee.not_found'],
    async handle({ params, body, caller, services }) {
      await services.sessions.setPassword(caller, params.companyId, params.employeeId, body.password);
    },
  }),
];
