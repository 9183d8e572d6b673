/** Bounds of a {@link createFairQueue}. */
export interface FairQueueLimits {
  /** Jobs running at once, all keys together. */
  concurrency: number;
  /** Jobs one key may have waiting; one more is refused at once. */
  maxWaitingPerKey: number;
  /** Jobs waiting, all keys together; one more is refused at once. */
  maxWaiting: number;
}

interface KeyState {
  waiters: Array<() => void>;
  running: number;
  /** When this key last started a job (a counter, not a clock); 0 = never. */
  lastStart: number;
}

/**
 * A bounded queue for scarce work (password hashing) shared fairly by keys (apps): a key that floods
 * it fills only its own share of waiting places and is refused past them, and a freed slot goes to
 * the waiting key with the fewest jobs running, then the one served least recently. So one tenant's
 * burst costs another tenant at most a job or two of waiting, never the burst.
 * `refuse` builds the error thrown, synchronously with the call, when the queue is full.
 */
export function createFairQueue(limits: FairQueueLimits, refuse: () => Error) {
  const keys = new Map<string, KeyState>();
  let running = 0;
  let waiting = 0;
  let starts = 0;
  let started = 0;

  const stateOf = (key: string): KeyState => {
    let state = keys.get(key);
    if (!state) keys.set(key, (state = { waiters: [], running: 0, lastStart: 0 }));
    return state;
  };

  function begin(state: KeyState): void {
    state.running++;
    state.lastStart = ++starts;
    started++;
  }

  /** Hands the freed slot to the fairest waiting key, or frees it. */
  function handOver(): void {
    let best: KeyState | undefined;
    for (const state of keys.values()) {
      if (state.waiters.length === 0) continue;
      if (!best || state.running < best.running || (state.running === best.running && state.lastStart < best.lastStart)) best = state;
    }
    if (!best) {
      running--;
      return;
    }
    waiting--;
    begin(best);
    best.waiters.shift()!();
  }

  return {
    /** Runs `work` in the key's turn; throws `refuse()` at once when the key's share or the queue is full. */
    async run<T>(key: string, work: () => Promise<T>): Promise<T> {
      const state = stateOf(key);
      if (running < limits.concurrency) {
        running++;
        begin(state);
      } else {
        if (state.waiters.length >= limits.maxWaitingPerKey || waiting >= limits.maxWaiting) {
          if (state.running === 0 && state.waiters.length === 0) keys.delete(key);
          throw refuse();
        }
        waiting++;
        // handOver counts the job as running for this key before it resolves this promise.
        await new Promise<void>((resolve) => state.waiters.push(resolve));
      }
      try {
        return await work();
      } finally {
        state.running--;
        if (state.running === 0 && state.waiters.length === 0) keys.delete(key);
        handOver();
      }
    },
    /** Jobs running and waiting now, and started since creation (for tests and metrics). */
    stats: () => ({ running, waiting, started }),
  };
}

export type FairQueue = ReturnType<typeof createFairQueue>;
