import { createHash, timingSafeEqual } from 'node:crypto';

/**
 * Compares two secrets (signatures, tokens) without leaking where they differ. Both sides are hashed
 * first so the buffers always have equal length: timingSafeEqual would otherwise throw, and an early
 * length check would reveal the expected length.
 */
export function constantEquals(a: string, b: string): boolean {
  const digest = (s: string): Buffer => createHash('sha256').update(s, 'utf8').digest();
  return timingSafeEqual(digest(a), digest(b));
}
