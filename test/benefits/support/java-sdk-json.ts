/**
 * The Java SDK's two JSON request shapes (open-sdk-java 2025.08.07, notes "more endpoints" §1.2–1.3),
 * written from the notes and independent of the server's code:
 * - common params in the URL query as for form calls; the body compact JSON, snake_case keys, null
 *   fields left out, empty strings kept; `Content-Type: application/json`;
 * - the sign covers the raw body as the parameter `_body`, plus the query params;
 * - `JsonRequest` (object body) leaks `"version":"1.0.0","grant_type":"client_credential","no_snake":false`
 *   ahead of the business fields, `enterprise_code` among them;
 * - `JsonArrayRequest` (bare array) signs `enterprise_code=<value>` when one is set but sends it nowhere.
 */
import { javaUrlEncode, type JavaSdkClient } from './java-sdk-client.js';
import { post, type WireReply } from './wire.js';
import { docsSign, type DocsApp } from './docs-style.js';
import { epochSeconds } from './wire.js';

const JSON_TYPE = 'application/json';

/** Jackson with NON_NULL inclusion: compact, nulls dropped (in rows too), empty strings kept. */
export function sdkJson(value: unknown): string {
  return JSON.stringify(value, (_key, v: unknown) => (v === null ? undefined : v));
}

async function commonParams(sdk: JavaSdkClient): Promise<Map<string, string>> {
  return new Map([
    ['access_token', await sdk.accessToken()],
    ['grant_type', 'client_credential'],
    ['appid', sdk.appid],
    ['version', '1.0.0'],
    ['timestamp', epochSeconds()],
  ]);
}

/** A signed JSON call before sending: the URL with its query, and the body. */
export async function prepareJsonArrayCall(sdk: JavaSdkClient, path: string, rows: unknown[]): Promise<{ url: string; body: string }> {
  return prepare(sdk, path, sdkJson(rows), []);
}

/** POSTs a prepared JSON call (again, for a replay). */
export function sendJson(call: { url: string; body: string }): Promise<WireReply> {
  return post(call.url, call.body, JSON_TYPE);
}

async function prepare(sdk: JavaSdkClient, path: string, body: string, signedExtra: Array<[string, string]>): Promise<{ url: string; body: string }> {
  const common = await commonParams(sdk);
  const sign = sdk.sign(new Map([...common, ['_body', body], ...signedExtra]));
  const withSign = new Map(common).set('sign', sign);
  const order = ['access_token', 'grant_type', 'appid', 'sign', 'version', 'timestamp'];
  const query = order.map((k) => `${k}=${javaUrlEncode(withSign.get(k)!)}`).join('&');
  return { url: `${sdk.baseUrl}${path}?${query}`, body };
}

async function send(sdk: JavaSdkClient, path: string, body: string, signedExtra: Array<[string, string]>): Promise<WireReply> {
  return sendJson(await prepare(sdk, path, body, signedExtra));
}

/** A `JsonRequest` call (`/employee/v2/batchSynchronize`): the leaked fields first, then the request's. */
export function sdkJsonObjectCall(sdk: JavaSdkClient, path: string, fields: Record<string, unknown>): Promise<WireReply> {
  const body = sdkJson({ version: '1.0.0', grant_type: 'client_credential', no_snake: false, ...fields });
  return send(sdk, path, body, []);
}

/** A `JsonArrayRequest` call: the rows as the body; `enterpriseCode` is signed, never sent (the SDK's bug). */
export function sdkJsonArrayCall(sdk: JavaSdkClient, path: string, rows: unknown[], enterpriseCode?: string): Promise<WireReply> {
  return send(sdk, path, sdkJson(rows), enterpriseCode === undefined ? [] : [['enterprise_code', enterpriseCode]]);
}

/**
 * The docs' way for a JSON call: access_token, timestamp (and `enterprise_code`, "Query私有参数")
 * in the URL query, the raw body signed as `_body`, Go-style sign over sorted `k=v` strings.
 */
export function docsJsonPost(baseUrl: string, path: string, token: string, app: DocsApp, body: string, query: Record<string, string> = {}): Promise<WireReply> {
  const params = { access_token: token, timestamp: epochSeconds(), ...query };
  const sign = docsSign({ ...params, _body: body }, app.appSecret, app.signType);
  const qs = new URLSearchParams({ ...params, sign }).toString();
  return post(`${baseUrl}${path}?${qs}`, body, JSON_TYPE);
}

/** A docs-style read with every param, sign included, in the URL query of a GET (pages that allow GET). */
export async function docsGet(baseUrl: string, path: string, token: string, app: DocsApp, params: Record<string, string>): Promise<WireReply> {
  const all = { access_token: token, timestamp: epochSeconds(), ...params };
  const qs = new URLSearchParams({ ...all, sign: docsSign(all, app.appSecret, app.signType) }).toString();
  const res = await fetch(`${baseUrl}${path}?${qs}`);
  const text = await res.text();
  return { status: res.status, contentType: res.headers.get('content-type'), traceId: res.headers.get('x-trace-id'), text, body: JSON.parse(text) };
}
