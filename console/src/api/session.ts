import type { components } from '@roster/admin-sdk';
import { call, setCsrfToken } from './client';
import type { SignInOptions } from './types';

export type Session = components['schemas']['Session'];

/** Remembers the session's CSRF token for the changes that follow. */
function remember(session: Session): Session {
  setCsrfToken(session.csrfToken);
  return session;
}

/** The console session of the browser's cookie, or null when signed out (or it expired). */
export async function currentSession(): Promise<Session | null> {
  try {
    return remember(await call<Session>('GET', '/session'));
  } catch {
    return null;
  }
}

export async function signInWithPassword(companyId: string, login: string, password: string): Promise<Session> {
  return remember(await call<Session>('POST', '/session', { body: { companyId, login, password } }));
}

export async function signInWithOperatorToken(operatorToken: string): Promise<Session> {
  return remember(await call<Session>('POST', '/session', { body: { operatorToken } }));
}

export async function signOut(): Promise<void> {
  await call<void>('DELETE', '/session');
  setCsrfToken(null);
}

export async function changePassword(currentPassword: string, newPassword: string): Promise<void> {
  await call<void>('POST', '/session/password', { body: { currentPassword, newPassword } });
}

export function signInOptions(companyId: string): Promise<SignInOptions> {
  return call<SignInOptions>('GET', '/companies/{companyId}/sign-in-options', { params: { path: { companyId } } });
}

/** Where the browser goes to sign in through the company's OA (a full-page navigation, not a fetch). */
export function oaSignInUrl(companyId: string, connectorId: string): string {
  const query = new URLSearchParams({ companyId, connectorId });
  return `/admin/v1/session/oa/start?${query}`;
}

