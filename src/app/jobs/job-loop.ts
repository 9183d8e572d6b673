import { detachedFromRequest } from '../audit-trail.js';

/** What a background job loop runs: one pass over the unfinished jobs, and a sweep of old ones. */
export interface JobLoopWork {
  /** Works through what is unfinished; checks `loop.stopped` between units of work. */
  pass(): Promise<void>;
  /** Deletes finished jobs past their retention. */
  sweep(): Promise<unknown>;
  /** Milliseconds between wake-ups when nobody kicks (a job stored by another process). */
  pollMs: number;
}

/** Wake-ups between two sweeps (an hour at a 2 s poll). */
const TICKS_PER_SWEEP = 1_800;

/**
 * The loop the durable job workers (benefits batches, employee imports) share: one pass at a time per
 * process, a kick while a pass runs asks for one more, a timer picks up jobs other processes stored,
 * and `stop` waits for the unit in progress. Errors go to the `onError` given to `start`.
 */
export function createJobLoop(work: JobLoopWork) {
  let running: Promise<void> | undefined;
  let again = false;
  let stopped = true;
  let timer: NodeJS.Timeout | undefined;
  let onError: ((error: unknown) => void) | undefined;
  const report = (error: unknown) => onError?.(error);

  /** Runs passes until no one asked for another; one loop at a time per process. */
  function kick(): void {
    if (stopped) return;
    if (running) {
      again = true;
      return;
    }
    // Detached: a pass kicked by a request is no part of that request's change (its audit event).
    running = detachedFromRequest(async () => {
      do {
        again = false;
        await work.pass().catch(report);
      } while (again && !stopped);
    }).finally(() => {
      running = undefined;
    });
  }

  return {
    /** True before `start` and after `stop`: a pass ends at the next unit boundary. */
    get stopped(): boolean {
      return stopped;
    },
    /** Reports an error the way the loop does (to `start`'s `onError`). */
    report,
    /** Resumes every unfinished job, then follows new ones; sweeps old jobs now and then. */
    start(errors?: (error: unknown) => void): void {
      if (!stopped) return;
      onError = errors;
      stopped = false;
      let ticks = 0;
      // Re-armed after each wake-up rather than an interval, so wake-ups never pile up.
      const tick = () => {
        timer = setTimeout(() => {
          kick();
          if (++ticks % TICKS_PER_SWEEP === 0) work.sweep().catch(report);
          if (!stopped) tick();
        }, work.pollMs);
        timer.unref();
      };
      tick();
      work.sweep().catch(report);
      kick();
    },
    /** Wakes the worker for a job just stored. */
    kick,
    /** Stops after the unit in progress; resolves when nothing runs any more. */
    async stop(): Promise<void> {
      stopped = true;
      if (timer) clearTimeout(timer);
      await running;
    },
  };
}
