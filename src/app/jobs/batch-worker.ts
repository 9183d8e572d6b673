import type { App } from '#src/domain/app.js';
import type { BatchJob, PendingBatchRow, RowFailure } from '#src/domain/batch.js';
import { DomainError } from '#src/domain/errors.js';
import type { Store } from '#src/domain/ports.js';
import { storeInTransaction } from '../bound-store.js';
import { isCreationRace } from '../employee-sync.js';
import type { RowServicesOver } from '../row-services.js';
import { applyRow } from './row-commands.js';
import { createJobLoop } from './job-loop.js';

/** How often the worker looks for batches it was not told about (other processes, retries). */
const POLL_MS = 2_000;
/** Results are kept this long after a batch finished (notes §6: hours at least). */
export const BATCH_RETENTION_MS = 7 * 24 * 3600_000;
/** A row that fails this many times with an unexpected error is failed as `internal`, so its batch ends. */
const MAX_UNEXPECTED_FAILURES = 3;

export interface BatchWorkerDeps {
  store: Store;
  now: () => number;
  servicesOver: RowServicesOver;
}

/**
 * Applies stored batches in the background, oldest first, row by row. Each row's effect and its
 * settled state commit in one transaction, so after a crash a restarted worker resumes with exactly
 * the rows that did not commit: no row is applied or counted twice, whichever process or how many
 * workers run. A row's business failure is recorded with its reason; it never stops the others.
 */
export function createBatchWorker(deps: BatchWorkerDeps) {
  const { store } = deps;
  const unexpected = new Map<string, number>();
  // Unexpected errors go to start's onError (never row data).
  const loop = createJobLoop({ pass, sweep, pollMs: POLL_MS });

  const settleFailed = (job: BatchJob, row: PendingBatchRow, failure: RowFailure) =>
    store.transaction((repos) => repos.batches.settleRow(job.batchNumber, row.rowNo, failure));

  async function applyOne(job: BatchJob, app: App | undefined, row: PendingBatchRow): Promise<void> {
    if (!app) return void (await settleFailed(job, row, { code: 'auth.forbidden', details: { rule: 'the app that sent the batch is gone' } }));
    for (let attempt = 1; ; attempt++) {
      try {
        await store.transaction(async (repos) => {
          // The claim first: a row another worker settled meanwhile is skipped, not applied again.
          if (!(await repos.batches.settleRow(job.batchNumber, row.rowNo, null))) return;
          const bound = storeInTransaction(repos);
          const context = { services: deps.servicesOver(bound), store: bound, now: deps.now(), app, companyId: job.companyId, enterpriseCode: job.enterpriseCode ?? undefined };
          await applyRow(job.kind, row.command, context);
        });
        return;
      } catch (error) {
        if (!(error instanceof DomainError)) throw error;
        if (attempt === 1 && isCreationRace(error)) continue;
        await settleFailed(job, row, { code: error.code, details: { param: error.details.param, rule: error.details.rule } });
        return;
      }
    }
  }

  async function runBatch(job: BatchJob): Promise<void> {
    const app = await store.repos.apps.getApp(job.appKey);
    while (!loop.stopped) {
      const rows = await store.repos.batches.pendingRows(job.batchNumber, 50);
      if (rows.length === 0) return void (await store.repos.batches.finishIfDone(job.batchNumber, deps.now()));
      for (const row of rows) {
        if (loop.stopped) return;
        const key = `${job.batchNumber}#${row.rowNo}`;
        try {
          await applyOne(job, app, row);
          unexpected.delete(key);
        } catch (error) {
          // A database outage or a bug: retried on the next pass, failed for good after a few.
          loop.report(error);
          const count = (unexpected.get(key) ?? 0) + 1;
          unexpected.set(key, count);
          if (count < MAX_UNEXPECTED_FAILURES) return;
          unexpected.delete(key);
          await settleFailed(job, row, { code: 'internal', details: {} }).catch(loop.report);
        }
      }
    }
  }

  async function pass(): Promise<void> {
    for (const job of await store.repos.batches.unfinishedBatches(20)) {
      if (loop.stopped) return;
      await runBatch(job);
    }
  }

  async function sweep(): Promise<void> {
    await store.repos.batches.deleteFinishedBefore(deps.now() - BATCH_RETENTION_MS);
  }

  return { start: loop.start, kick: loop.kick, stop: loop.stop };
}

export type BatchWorker = ReturnType<typeof createBatchWorker>;
