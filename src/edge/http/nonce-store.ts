import { createHash } from 'node:crypto';
import type { CredentialRepository } from '#src/domain/ports.js';

/** Remembers X-Ca-Nonce values for the replay window; `remember` is insert-or-fail. */
export interface NonceStore {
  /** False when the app already used this nonce inside the window. */
  remember(appKey: string, nonce: string, now: number): Promise<boolean>;
}

const SLICES = 15;

/**
 * One process: nonces kept in time slices of a fifteenth of the window, the last 16 slices kept,
 * so a nonce is remembered for at least one full window and at most 16/15 of it. Each entry is a
 * 48-bit hash of (app, nonce) held as a number, about 30 bytes instead of ~110 for the string:
 * at 2,000 signed requests a second that is ~60 MB. A false "used" needs a 48-bit collision among
 * one app's own recent nonces (odds ~1e-8 per request at that rate).
 */
export function createMemoryNonceStore(windowMs: number): NonceStore {
  const sliceMs = windowMs / SLICES;
  const slices: Array<{ start: number; keys: Set<number> }> = [];
  return {
    async remember(appKey, nonce, now) {
      const start = Math.floor(now / sliceMs) * sliceMs;
      while (slices.length > 0 && slices[0]!.start <= start - (SLICES + 1) * sliceMs) slices.shift();
      const key = createHash('sha256').update(appKey).update('\n').update(nonce).digest().readUIntBE(0, 6);
      for (const slice of slices) if (slice.keys.has(key)) return false;
      let current = slices[slices.length - 1];
      if (!current || current.start !== start) {
        current = { start, keys: new Set() };
        slices.push(current);
      }
      current.keys.add(key);
      return true;
    },
  };
}

/** Every process on the same store: a row per nonce under a unique key. */
export function createDatabaseNonceStore(credentials: CredentialRepository, windowMs: number): NonceStore {
  return {
    remember: (appKey, nonce, now) => credentials.rememberNonce(appKey, nonce, now + windowMs, now),
  };
}
