import type { CredentialRepository } from '#src/domain/ports.js';

/** Remembers X-Ca-Nonce values for the replay window; `remember` is insert-or-fail. */
export interface NonceStore {
  /** False when the app already used this nonce inside the window. */
  remember(appKey: string, nonce: string, now: number): Promise<boolean>;
}

/**
 * One process: a map swept as time passes. Memory is bounded by the request rate times the window
 * (15 min): about 150 bytes a nonce.
 */
export function createMemoryNonceStore(windowMs: number): NonceStore {
  let current = new Set<string>();
  let previous = new Set<string>();
  let rotatedAt = 0;
  return {
    async remember(appKey, nonce, now) {
      // Two generations, each spanning a window: a nonce is remembered for at least one full window.
      if (now - rotatedAt >= windowMs) {
        previous = current;
        current = new Set();
        rotatedAt = now;
      }
      const key = `${appKey}\n${nonce}`;
      if (current.has(key) || previous.has(key)) return false;
      current.add(key);
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
