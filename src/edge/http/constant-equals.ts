import { timingSafeEqual } from 'node:crypto';

/**
 * Compares a received signature with the expected one without leaking where they differ. Only the
 * length may show, and for a MAC it is public anyway (fixed by the algorithm: 44 base64 characters
 * for HMAC-SHA256, 40 hex for SHA-1), so unequal lengths return early instead of hashing both sides.
 */
export function constantEquals(a: string, b: string): boolean {
  const left = Buffer.from(a, 'utf8');
  const right = Buffer.from(b, 'utf8');
  return left.length === right.length && timingSafeEqual(left, right);
}
