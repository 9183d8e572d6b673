import { createHash, createHmac } from 'node:crypto';

/** One request as the signature sees it. */
export interface CaSignInput {
  /** HTTP method; upper-cased before signing. */
  method: string;
  /** Path as sent, without the query string. */
  path: string;
  /** Lower-case names, as Node gives them. */
  headers: Record<string, string | string[] | undefined>;
  /** Decoded query parameters. */
  query: Record<string, string | string[] | undefined>;
  /** Decoded body parameters; only signed when the Content-Type is form-urlencoded. */
  form?: Record<string, string | string[] | undefined>;
}

/** The two HMAC flavours the gateway accepts. */
export type CaSignatureMethod = 'HmacSHA256' | 'HmacSHA1';

const FORM_TYPE = 'application/x-www-form-urlencoded';

/**
 * Headers every signature must cover (added to the caller's list): without them a signature could be
 * replayed with fresh nonces and timestamps, and with no list at all it would be a constant per path.
 */
export const ALWAYS_SIGNED_HEADERS = ['x-ca-nonce', 'x-ca-timestamp'] as const;

/** True for a form body, whose parameters the resource line signs; every other body needs Content-MD5. */
export function isFormContentType(contentType: string): boolean {
  // Media types are case-insensitive; the clients only ever send it lower case anyway.
  return contentType.toLowerCase().startsWith(FORM_TYPE);
}

// Node only hands out arrays for a few headers; a repeated parameter keeps its first value.
function first(value: string | string[] | undefined): string | undefined {
  return Array.isArray(value) ? value[0] : value;
}

function resource(input: CaSignInput, contentType: string): string {
  const params = new Map<string, string | undefined>();
  const collect = (source: Record<string, string | string[] | undefined> | undefined): void => {
    for (const [key, value] of Object.entries(source ?? {})) {
      if (!params.has(key)) params.set(key, first(value));
    }
  };
  collect(input.query);
  if (isFormContentType(contentType)) collect(input.form);
  if (params.size === 0) return input.path;
  const pairs = [...params.keys()].sort().map((key) => {
    const value = params.get(key);
    return value ? `${key}=${value}` : key;
  });
  return `${input.path}?${pairs.join('&')}`;
}

/**
 * Builds the API Gateway string-to-sign (notes §1.2). Accept, Content-MD5, Content-Type and Date are
 * used exactly as received because the signature covers their bytes; `signedHeaderNames` must already
 * be lower-case and sorted (see {@link parseSignedHeaderNames}).
 */
export function caStringToSign(input: CaSignInput, signedHeaderNames: readonly string[]): string {
  const header = (name: string): string => first(input.headers[name]) ?? '';
  const contentType = header('content-type');
  const lines = [input.method.toUpperCase(), header('accept'), header('content-md5'), contentType, header('date')];
  for (const name of signedHeaderNames) lines.push(`${name}:${header(name)}`);
  lines.push(resource(input, contentType));
  return lines.join('\n');
}

/**
 * Reads `x-ca-signature-headers` into the list the server signs: lower-case, sorted, deduplicated,
 * without the signature headers themselves. Sorting is ours because the Java SDK sends HashMap order.
 */
export function parseSignedHeaderNames(header: string | undefined): string[] {
  if (!header) return [];
  const names = new Set<string>();
  for (const part of header.split(',')) {
    const name = part.trim().toLowerCase();
    if (name && name !== 'x-ca-signature' && name !== 'x-ca-signature-headers') names.add(name);
  }
  return [...names].sort();
}

/**
 * The names the server signs: the caller's list plus {@link ALWAYS_SIGNED_HEADERS}, sorted. Both
 * platform clients sign every `x-ca-*` header, so for them nothing changes; a signature that leaves
 * the timestamp or nonce out does not verify, and the echoed string-to-sign shows the missing lines.
 */
export function serverSignedHeaderNames(header: string | undefined): readonly string[] {
  const key = header ?? '';
  let names = signedNamesByHeader.get(key);
  if (!names) {
    names = Object.freeze([...new Set([...parseSignedHeaderNames(header), ...ALWAYS_SIGNED_HEADERS])].sort());
    // A client sends the same list on every call: remembered, so a request costs no split/sort. Bounded,
    // because the header is the caller's to choose.
    if (signedNamesByHeader.size >= SIGNED_NAMES_KEPT) signedNamesByHeader.clear();
    signedNamesByHeader.set(key, names);
  }
  return names;
}

const SIGNED_NAMES_KEPT = 256;
const signedNamesByHeader = new Map<string, readonly string[]>();

/**
 * The string-to-sign as the gateway may echo it in `X-Ca-Error-Message`: the fixed lines, the
 * resource and only the `x-ca-*` header lines. Other signed headers (`authorization`, `cookie`, a
 * proxy's secret) are signed but never reflected back to whoever sent the request.
 */
export function caEchoedStringToSign(input: CaSignInput, signedHeaderNames: readonly string[]): string {
  return caStringToSign(input, signedHeaderNames.filter((name) => name.startsWith('x-ca-')));
}

/** Base64 HMAC of the string-to-sign, keyed by the AppSecret (both as UTF-8). */
export function caSign(secret: string, stringToSign: string, method: CaSignatureMethod): string {
  const algorithm = method === 'HmacSHA1' ? 'sha1' : 'sha256';
  return createHmac(algorithm, Buffer.from(secret, 'utf8')).update(stringToSign, 'utf8').digest('base64');
}

/**
 * Maps `x-ca-signature-method` to a flavour. Absent means HmacSHA256 because the Node client never
 * sends it; anything unrecognised is `null` so the caller can reject rather than guess.
 */
export function caSignatureMethod(header: string | undefined): CaSignatureMethod | null {
  if (header === undefined) return 'HmacSHA256';
  return header === 'HmacSHA256' || header === 'HmacSHA1' ? header : null;
}

/** Base64 MD5 of the raw body, as both clients put it in `Content-MD5`. */
export function contentMd5(body: Buffer | string): string {
  return createHash('md5').update(typeof body === 'string' ? Buffer.from(body, 'utf8') : body).digest('base64');
}
