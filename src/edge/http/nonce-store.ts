import { createHash } from 'node:crypto';
import type { CredentialRepository } from '#src/domain/ports.js';

/** When a nonce arrives: the server's clock and the request's own (already checked) timestamp, both ms. */
export interface NonceSighting {
  now: number;
  timestamp: number;
}

/** Remembers X-Ca-Nonce values for the replay window; `remember` is insert-or-fail. */
export interface NonceStore {
  /**
   * False when the app already used this nonce and the request that used it could still be accepted.
   * A bare number is the server's clock, for callers whose requests carry no timestamp of their own.
   */
  remember(appKey: string, nonce: string, at: NonceSighting | number): Promise<boolean>;
}

const sighting = (at: NonceSighting | number): NonceSighting => (typeof at === 'number' ? { now: at, timestamp: at } : at);

/**
 * The first instant a sighting may be forgotten. A request is accepted while its timestamp is within
 * `windowMs` of the server's clock, so a nonce stamped ahead of the clock stays replayable until
 * `timestamp + windowMs`: it is kept until `max(now, timestamp) + windowMs`, plus 1 ms because the
 * timestamp check accepts the window's edge itself and the stores forget at `expiry <= now`.
 */
export function nonceExpiry(at: NonceSighting, windowMs: number): number {
  return Math.max(at.now, at.timestamp) + windowMs + 1;
}

const SLICES = 15;

/**
 * Opt-in (`ROSTER_NONCE_STORE=memory`): one process only, and it forgets everything on restart.
 * Nonces are kept in time slices of a fifteenth of the window, each filed under the slice of
 * `max(now, timestamp)`; a slice is dropped 16 slices after it starts, so every nonce is kept at
 * least one full window past that instant (see {@link nonceExpiry}). Timestamps are
 * at most one window ahead, so at most ~32 slices exist. Each entry is a 48-bit hash of (app, nonce)
 * held as a number, about 30 bytes instead of ~110 for the string: at 2,000 signed requests a second
 * that is ~60 MB. A false "used" needs a 48-bit collision among one app's own recent nonces (odds ~1e-8
 * per request at that rate).
 */
export function createMemoryNonceStore(windowMs: number): NonceStore {
  const sliceMs = windowMs / SLICES;
  const slices = new Map<number, Set<number>>();
  const sliceOf = (ms: number): number => Math.floor(ms / sliceMs) * sliceMs;
  return {
    async remember(appKey, nonce, when) {
      const at = sighting(when);
      const oldestKept = sliceOf(at.now) - SLICES * sliceMs;
      for (const start of slices.keys()) if (start < oldestKept) slices.delete(start);
      const key = createHash('sha256').update(appKey).update('\n').update(nonce).digest().readUIntBE(0, 6);
      for (const keys of slices.values()) if (keys.has(key)) return false;
      const start = sliceOf(Math.max(at.now, at.timestamp));
      let keys = slices.get(start);
      if (!keys) slices.set(start, (keys = new Set()));
      keys.add(key);
      return true;
    },
  };
}

/**
 * The default: a row per nonce under the unique key (app, nonce), so a restart forgets nothing and
 * every process on the same store accepts a nonce once. Expired rows are deleted by the periodic
 * sweep (`sweepExpired`), or reused in place when their nonce comes back.
 */
export function createDatabaseNonceStore(credentials: CredentialRepository, windowMs: number): NonceStore {
  return {
    remember(appKey, nonce, when) {
      const at = sighting(when);
      return credentials.rememberNonce(appKey, nonce, nonceExpiry(at, windowMs), at.now);
    },
  };
}
