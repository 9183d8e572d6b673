// Builds one signed benefits request, in the Java SDK's shape (common params in the query, business
// params in the form body) or the docs' (everything in the body), with hooks to break it on purpose.
// The sign is bench/lib/sign.js's benefitsSign (self-tested against the notes' worked examples).
import { benefitsSign } from '../../bench/lib/sign.js';

const UNRESERVED = /[A-Za-z0-9\-_.~*]/;

/** Percent-encodes the UTF-8 bytes of `text` (a lone surrogate becomes U+FFFD, as the hash sees it). */
export function formEncode(text) {
  const bytes = Buffer.from(String(text), 'utf8');
  let out = '';
  for (const b of bytes) {
    const c = String.fromCharCode(b);
    out += b < 0x80 && UNRESERVED.test(c) ? c : `%${b.toString(16).toUpperCase().padStart(2, '0')}`;
  }
  return out;
}

/**
 * `spec`: { path, app: {appKey, appSecret, signType}, token (undefined for /token/create), business
 * (object), timestamp (s), style ('java'|'docs'), before(entries), after(entries), contentType }.
 * Entries are `{ name, value, where: 'query'|'body' }`; the sign covers the first of each name as
 * the server reads them (query, then body). Returns `{ method, path, headers, body }` and the entries as sent.
 */
export function buildBenefitsRequest(spec) {
  const java = spec.style === 'java';
  const where = java ? 'query' : 'body';
  const entries = [];
  const common = spec.token === undefined
    ? [['grant_type', 'client_credential'], ['appid', spec.app.appKey], ['version', '1.0.0'], ['timestamp', String(spec.timestamp)]]
    : java
      ? [['access_token', spec.token], ['grant_type', 'client_credential'], ['appid', spec.app.appKey], ['version', '1.0.0'], ['timestamp', String(spec.timestamp)]]
      : [['access_token', spec.token], ['timestamp', String(spec.timestamp)]];
  for (const [name, value] of common) entries.push({ name, value, where });
  for (const [name, value] of Object.entries(spec.business ?? {})) entries.push({ name, value: String(value), where: 'body' });
  spec.before?.(entries);
  const firsts = new Map();
  for (const side of ['query', 'body']) for (const e of entries) if (e.where === side && !firsts.has(e.name)) firsts.set(e.name, e.value);
  const sign = benefitsSign(Object.fromEntries(firsts), spec.secret ?? spec.app.appSecret, spec.app.signType ?? 'sha1');
  entries.push({ name: 'sign', value: sign, where });
  spec.after?.(entries);
  const encode = (side) => entries.filter((e) => e.where === side).map((e) => `${formEncode(e.name)}=${formEncode(e.value)}`).join('&');
  const query = encode('query');
  return {
    method: 'POST',
    path: query ? `${spec.path}?${query}` : spec.path,
    headers: { 'content-type': spec.contentType ?? 'application/x-www-form-urlencoded', accept: '*/*' },
    body: encode('body'),
  };
}

/** Seconds since the epoch, as `timestamp` carries it. */
export const epochSeconds = (ms = Date.now()) => Math.floor(ms / 1000);
