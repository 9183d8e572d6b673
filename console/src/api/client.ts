/**
 * The console's one way to the server: the admin SDK, authenticated by the HTTP-only session cookie
 * the sign-in set (sent by the browser, invisible to scripts) plus the CSRF token it answered, which
 * every change must echo. The SDK's bearer header is removed: the console holds no token.
 */
import { createRosterAdmin, RosterAdminError, type ErrorBody } from '@roster/admin-sdk';

let csrfToken: string | null = null;

/** Remembers the CSRF token of the current session (null after sign-out). */
export function setCsrfToken(token: string | null): void {
  csrfToken = token;
}

export const admin = createRosterAdmin({ baseUrl: window.location.origin, token: 'cookie-session' });

admin.raw.use({
  onRequest({ request }) {
    request.headers.delete('authorization');
    if (csrfToken && request.method !== 'GET' && request.method !== 'HEAD') request.headers.set('x-csrf-token', csrfToken);
    return request;
  },
});

type Method = 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE';
type RawCall = (path: string, init?: Record<string, unknown>) => Promise<{ data?: unknown; error?: unknown; response: Response }>;

/** An SDK call the console needs whose typed helper is not in the SDK (same transport, same errors). */
export async function call<T>(method: Method, path: string, init: Record<string, unknown> = {}): Promise<T> {
  const raw = admin.raw as unknown as Record<Method, RawCall>;
  const { data, error, response } = await raw[method](path, init);
  if (response.ok) return data as T;
  const body = error as Partial<ErrorBody> | undefined;
  if (body && typeof body.code === 'string' && typeof body.message === 'string') throw new RosterAdminError(response.status, body as ErrorBody);
  throw new RosterAdminError(response.status, { code: 'internal', message: `HTTP ${response.status}` });
}

/** Fetches a file through the SDK and hands it to the browser as a download. */
export async function download(path: string, query: Record<string, unknown>, fallbackName: string, pathParams: Record<string, string>): Promise<void> {
  const raw = admin.raw as unknown as Record<Method, RawCall>;
  const { data, error, response } = await raw.GET(path, { params: { path: pathParams, query }, parseAs: 'blob' });
  if (!response.ok) {
    const body = error as Partial<ErrorBody> | undefined;
    throw new RosterAdminError(response.status, body?.code ? (body as ErrorBody) : { code: 'internal', message: `HTTP ${response.status}` });
  }
  const disposition = response.headers.get('content-disposition') ?? '';
  const name = /filename\*=UTF-8''([^;]+)/i.exec(disposition)?.[1] ?? /filename="?([^";]+)"?/i.exec(disposition)?.[1];
  const url = URL.createObjectURL(data as Blob);
  const link = document.createElement('a');
  link.href = url;
  link.download = name ? decodeURIComponent(name) : fallbackName;
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

export { RosterAdminError };
