import type { FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import type { IssuedSession, SessionView } from '#src/app/admin/admin-session.service.js';
import { DomainError } from '#src/domain/errors.js';
import { cookieOf, liveSessionOf, SESSION_COOKIE } from '../bearer-auth.js';
import { defineRoute } from '../route.js';
import { CompanyId, Timestamp, toIso } from '../schemas/common.js';
import { EmployeePath } from '../schemas/employee.schemas.js';

const PasswordSignInSchema = z
  .object({
    companyId: CompanyId,
    login: z.string().min(1).max(100).describe('The admin’s phone or email.'),
    password: z.string().min(1).max(128),
  })
  .meta({ id: 'SignIn' });

const OperatorSignInSchema = z
  .object({ operatorToken: z.string().min(1).max(100).describe('An operator token: the session acts as it (and ends when it is revoked).') })
  .meta({ id: 'OperatorSignIn' });

const SignInBody = z.union([PasswordSignInSchema, OperatorSignInSchema]);

export const SessionSchema = z
  .object({
    kind: z.enum(['admin', 'operator']).describe('A company admin, or an operator signed in with an operator token.'),
    companyId: CompanyId.nullable().describe('The company the session reaches; null for an installation-wide operator.'),
    employeeId: z.string().nullable().describe('The admin employee; null for an operator.'),
    name: z.string(),
    csrfToken: z.string().describe('Send it back as X-CSRF-Token on every change made with the session cookie.'),
    expiresAt: Timestamp,
  })
  .meta({ id: 'Session' });

const PasswordSchema = z.object({ password: z.string().min(1).max(128).describe('At least 10 characters, three kinds of character.') }).meta({ id: 'AdminPassword' });

const PasswordChangeSchema = z
  .object({
    currentPassword: z.string().min(1).max(128),
    newPassword: z.string().min(1).max(128).describe('At least 10 characters, three kinds of character, not the phone or email name.'),
  })
  .meta({ id: 'PasswordChange' });

/** A session as the console is told (never the cookie value). */
export const sessionView = (s: SessionView) => ({
  kind: s.kind,
  companyId: s.companyId,
  employeeId: s.employeeId,
  name: s.name,
  csrfToken: s.csrfToken,
  expiresAt: toIso(s.expiresAt),
});

/** Sets the session cookie of a sign-in's answer (the value goes only into the HTTP-only cookie). */
export function setSessionCookie(reply: FastifyReply, issued: Pick<IssuedSession, 'sessionToken' | 'expiresAt'>, req: FastifyRequest): void {
  const maxAge = Math.max(0, Math.floor((issued.expiresAt - Date.now()) / 1000));
  reply.header('set-cookie', `${SESSION_COOKIE}=${issued.sessionToken}; ${cookieAttributes(req, maxAge)}`);
}

/** `Secure` when the request came over HTTPS (directly or through a proxy that says so). */
export function cookieAttributes(req: FastifyRequest, maxAgeSec: number): string {
  const https = req.protocol === 'https' || String(req.headers['x-forwarded-proto'] ?? '').split(',')[0]?.trim() === 'https';
  return `Path=/admin/v1; HttpOnly; SameSite=Strict; Max-Age=${maxAgeSec}${https ? '; Secure' : ''}`;
}

export const sessionRoutes = [
  defineRoute({
    method: 'POST',
    path: '/session',
    operationId: 'signIn',
    summary: 'Sign in to the console (sets the session cookie): a company admin with a password, or an operator with an operator token',
    description:
      'A company admin: `{companyId, login, password}`; five failed sign-ins of one login within 15 minutes lock it for the rest of them (429). An operator: `{operatorToken}`; the session acts as the token (company-scoped or installation-wide) and ends when the token is revoked.',
    tag: 'session',
    access: 'public',
    body: SignInBody,
    status: 200,
    response: SessionSchema,
    errors: ['auth.sign_in_failed', 'auth.rate_limited'],
    async handle({ body, services }) {
      const s = 'operatorToken' in body ? await services.sessions.signInOperator(body.operatorToken) : await services.sessions.signIn(body);
      return { ...sessionView(s), sessionToken: s.sessionToken };
    },
    respond(reply: FastifyReply, result: unknown, req: FastifyRequest) {
      // The session value goes only into the HTTP-only cookie; the answer's schema strips it.
      const { sessionToken, expiresAt } = result as { sessionToken: string; expiresAt: string };
      setSessionCookie(reply, { sessionToken, expiresAt: Date.parse(expiresAt) }, req);
    },
  }),
  defineRoute({
    method: 'GET',
    path: '/session',
    operationId: 'getSession',
    summary: 'Who the session cookie signs in (401 without a live session)',
    description: 'For a reloaded console page: the kind of session, its company and admin, and the CSRF token to send with changes.',
    tag: 'session',
    access: 'public',
    status: 200,
    response: SessionSchema,
    errors: ['auth.missing_credentials', 'auth.invalid_token'],
    withRequest: true,
    async handle({ services, req }) {
      return sessionView((await liveSessionOf(req!, services)).view);
    },
  }),
  defineRoute({
    method: 'POST',
    path: '/session/password',
    operationId: 'changePassword',
    summary: 'Change the signed-in admin’s own console password',
    description:
      'Needs a company admin’s session cookie (and X-CSRF-Token); a wrong current password is 400 and counts toward the sign-in lockout. Operator sessions and tokens have no password (403).',
    tag: 'session',
    access: 'operator',
    body: PasswordChangeSchema,
    status: 204,
    errors: ['auth.forbidden', 'auth.rate_limited'],
    withRequest: true,
    async handle({ body, services, req }) {
      if (req!.headers.authorization) throw new DomainError('auth.forbidden', { rule: 'needs a company admin’s console session' });
      const live = await liveSessionOf(req!, services);
      await services.sessions.changePassword(live, body.currentPassword, body.newPassword);
      // Not sent (204): tells the audit log whose password it was.
      return { companyId: live.view.companyId, employeeId: live.view.employeeId };
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
