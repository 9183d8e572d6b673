/**
 * A second, independent request builder in the style of the platform's docs (and the Go SDK's sign):
 * every parameter, access_token/appid, timestamp and sign included, travels in the form body,
 * encoded by URLSearchParams; the sign sorts the `k=v` strings themselves (Go's way) rather than keys.
 */
import { createHash } from 'node:crypto';
import { epochSeconds, post, type WireReply } from './wire.js';

export type DocsSignType = 'sha1' | 'sha256' | 'sha512';

/** hex(SHA-x(sorted "k=v" strings, appsecret among them, joined by "&")). */
export function docsSign(params: Record<string, string>, appsecret: string, type: DocsSignType = 'sha1'): string {
  const items = Object.entries({ ...params, appsecret }).map(([k, v]) => `${k}=${v}`);
  return createHash(type).update(items.sort().join('&')).digest('hex');
}

/** The form body with its sign appended. */
export function docsBody(params: Record<string, string>, appsecret: string, type?: DocsSignType): string {
  return new URLSearchParams({ ...params, sign: docsSign(params, appsecret, type) }).toString();
}

export interface DocsApp {
  appKey: string;
  appSecret: string;
  signType?: DocsSignType;
}

/** `appid=…&grant_type=client_credential&sign=…&timestamp=…` in the body; returns the token. */
export async function docsToken(baseUrl: string, app: DocsApp, nowMs: number = Date.now()): Promise<string> {
  const params = { appid: app.appKey, grant_type: 'client_credential', timestamp: epochSeconds(nowMs) };
  const reply = await post(`${baseUrl}/token/create`, docsBody(params, app.appSecret, app.signType));
  if (reply.body.code !== 0) throw new Error(`token/create failed: ${reply.text}`);
  return (reply.body.data as { access_token: string }).access_token;
}

/** A business call with `access_token`, `timestamp` and the business params all in the body. */
export async function docsPost(baseUrl: string, path: string, token: string, app: DocsApp, params: Record<string, string>, nowMs: number = Date.now()): Promise<WireReply> {
  const all = { access_token: token, timestamp: epochSeconds(nowMs), ...params };
  return post(`${baseUrl}${path}`, docsBody(all, app.appSecret, app.signType));
}
