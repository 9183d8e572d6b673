import { createHash } from 'node:crypto';

/** Hash the app is configured for; SHA-1 unless the platform upgraded it. */
export type SignType = 'sha1' | 'sha256' | 'sha512';

/**
 * Builds the benefits open-API string-to-sign (notes §2): every received param except `sign` (the
 * caller removes it) plus `appsecret`, sorted by key in code-unit order as Java's TreeMap does, joined
 * as raw `k=v` with `&`. Empty values stay in as `k=` because the Go SDK sends and signs them.
 */
export function benefitsStringToSign(params: ReadonlyArray<readonly [string, string]>, appSecret: string): string {
  const byKey = new Map<string, string>();
  // Old Java SDKs repeat a key in query and body with the same value; the first is the one kept.
  for (const [key, value] of params) if (!byKey.has(key)) byKey.set(key, value);
  // The caller rejects a received `appsecret` before this; the real secret always wins here.
  byKey.set('appsecret', appSecret);
  return [...byKey.keys()]
    .sort()
    .map((key) => `${key}=${byKey.get(key)}`)
    .join('&');
}

/** Lower-case hex digest of {@link benefitsStringToSign} over its UTF-8 bytes. */
export function benefitsSign(
  params: ReadonlyArray<readonly [string, string]>,
  appSecret: string,
  type: SignType,
): string {
  return createHash(type).update(benefitsStringToSign(params, appSecret), 'utf8').digest('hex');
}
