import type { Store } from '#src/domain/ports.js';

/**
 * The benefits dialect has no nonce (notes §3): a captured call stays valid for its ±300 s timestamp
 * window. For calls that change data, the (app, sign) pair is remembered in the store for exactly as
 * long as that timestamp could still be accepted, so a replay (after a restore, say) is refused, by
 * every process on the store. Reads are not remembered: replaying one changes nothing. The path is
 * not signed, so a sign is spent by whichever data-changing call used it first (else a captured
 * resign could be sent again to /employee/restore); an honest client that repeats an identical call
 * within the same second is refused too, and succeeds with the next second's timestamp. A claimed sign
 * stays spent when its call is refused: released, a captured refused call could be replayed once the
 * reason for the refusal is gone.
 */
export interface SignMemory {
  /**
   * Records the first use of `sign` (compared in lower case) by the app; false when it was used
   * already within the window. `timestampSec` is the call's verified `timestamp`.
   */
  claim(appKey: string, sign: string, timestampSec: number): Promise<boolean>;
}

export function createSignMemory(deps: { store: Store; now: () => number; windowSec: number }): SignMemory {
  return {
    async claim(appKey, sign, timestampSec) {
      // Accepted while |now − timestamp| ≤ window, so it can be replayed until timestamp + window
      // (a future timestamp included); one second more covers the seconds' rounding.
      const expiresAt = (timestampSec + deps.windowSec + 1) * 1000;
      return deps.store.repos.credentials.rememberSign(appKey, sign.toLowerCase(), expiresAt, deps.now());
    },
  };
}
