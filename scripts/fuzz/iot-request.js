// Builds one signed IoT request the way the platform clients do, with hooks to break it on purpose.
// The signing itself is bench/lib/sign.js (written from the protocol notes, self-tested against their
// worked examples), so the fuzzer, the bench and the notes agree on one signer.
import { caSignature, caStringToSign, md5Base64 } from '../../bench/lib/sign.js';

/**
 * `spec`: { path, body (string|Buffer), appKey, secret, nonce, timestamp, flavour ('node'|'java'),
 *   signed (header names to sign; default every x-ca-* header), listSigned (false: no
 *   X-Ca-Signature-Headers), noMd5, query (object, signed), extraHeaders (sent and, if x-ca-*, signed),
 *   before(headers) (edit before signing), after(headers) (edit after signing), algorithm }.
 * Returns `{ method, path, headers, body }` for transport.send.
 */
export function buildIotRequest(spec) {
  const body = Buffer.isBuffer(spec.body) ? spec.body : Buffer.from(spec.body, 'utf8');
  const java = spec.flavour === 'java';
  const headers = java
    ? {
        'x-ca-timestamp': String(spec.timestamp),
        'x-ca-key': spec.appKey,
        'x-ca-nonce': spec.nonce,
        'x-ca-signature-method': spec.algorithm === 'sha1' ? 'HmacSHA1' : 'HmacSHA256',
        accept: 'application/json; charset=utf-8',
        'content-type': 'application/octet-stream; charset=utf-8',
        'content-md5': md5Base64(body),
        date: new Date(spec.timestamp).toUTCString(),
        'user-agent': 'ALIYUN-ANDROID-DEMO',
      }
    : {
        'x-ca-timestamp': String(spec.timestamp),
        'x-ca-key': spec.appKey,
        'x-ca-nonce': spec.nonce,
        'x-ca-stage': 'RELEASE',
        accept: 'application/json',
        'content-type': 'application/json',
        'content-md5': md5Base64(body),
        'user-agent': 'aliyun-api-gateway/1.1.6 Node.js/v20',
      };
  if (spec.algorithm === 'sha1' && !java) headers['x-ca-signature-method'] = 'HmacSHA1';
  if (spec.noMd5) delete headers['content-md5'];
  Object.assign(headers, spec.extraHeaders ?? {});
  spec.before?.(headers);
  const signed = spec.signed ?? Object.keys(headers).filter((n) => n.startsWith('x-ca-'));
  const query = spec.query ?? {};
  const stringToSign = caStringToSign({ method: 'POST', path: spec.path, headers, signedHeaders: signed, params: query });
  const signature = caSignature(spec.secret, stringToSign, spec.algorithm === 'sha1' ? 'sha1' : 'sha256');
  if (spec.listSigned !== false) headers['x-ca-signature-headers'] = (java ? [...signed].sort().reverse() : [...signed].sort()).join(',');
  headers['x-ca-signature'] = signature;
  spec.after?.(headers);
  const qs = new URLSearchParams(query).toString();
  return { method: 'POST', path: qs ? `${spec.path}?${qs}` : spec.path, headers, body };
}

/** The IoT request envelope `{id, version, request:{apiVer}, params}` as JSON text. */
export function envelopeText(id, apiVer, params, request = {}) {
  return JSON.stringify({ id, version: '1.0', request: { apiVer, ...request }, params });
}
