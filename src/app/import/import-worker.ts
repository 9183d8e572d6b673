import type { ImportJob } from '#src/domain/employee-import.js';
import { DomainError } from '#src/domain/errors.js';
import { createChunkRunner, LostClaim, type ChunkDeps, type DryRunSeen, type PendingRow } from './import-chunk.js';
import { mapHeader, rowParams, type HeaderMap } from './import-columns.js';
import { readSheet } from './sheet-reader.js';
import { createJobLoop } from '../jobs/job-loop.js';

/** How often the worker looks for jobs it was not told about (other processes, retries). */
const POLL_MS = 2_000;
/** Finished jobs (their files and outcomes) are kept this long. */
export const IMPORT_RETENTION_MS = 7 * 24 * 3600_000;
/** A job whose passes fail this many times with an unexpected error is failed whole. */
const MAX_UNEXPECTED_FAILURES = 3;
/** Rows per transaction: large enough to share commits, small enough that others' writes wait little. */
export const DEFAULT_CHUNK_ROWS = 500;

export interface ImportWorkerDeps extends ChunkDeps {
  chunkRows?: number;
  /** Called once a job has finished (the summarising audit event). */
  onFinished?: (job: ImportJob) => Promise<void>;
}

/** The stored file gave a different number of data rows than the upload counted. */
export class ShortRead extends Error {
  constructor(job: ImportJob, read: number) {
    super(`import ${job.importId}: its stored file read ${read} data rows, the upload counted ${job.total}`);
    this.name = 'ShortRead';
  }
}

/**
 * Runs stored imports in the background, oldest first. The file is read again from the store as a
 * stream; rows up to the job's `processed` are skipped, and each chunk's effects, outcomes and the
 * move of `processed` commit together, so a restart (kill -9 included) resumes at the first row
 * that did not commit and applies none twice. A dry run that was interrupted starts over (its writes
 * were never kept, and its check for keys repeated across chunks needs every earlier row).
 */
export function createImportWorker(deps: ImportWorkerDeps) {
  const { store } = deps;
  const chunkRows = deps.chunkRows ?? DEFAULT_CHUNK_ROWS;
  const runner = createChunkRunner(deps);
  const unexpected = new Map<string, number>();
  const loop = createJobLoop({ pass, sweep: () => store.repos.imports.deleteFinishedBefore(deps.now() - IMPORT_RETENTION_MS), pollMs: POLL_MS });

  async function finish(job: ImportJob, status: 'done' | 'failed', error: string | null): Promise<void> {
    await store.repos.imports.setStatus(job.importId, status, deps.now(), error);
    const finished = await store.repos.imports.getJob(job.importId);
    if (finished) await deps.onFinished?.(finished).catch(loop.report);
  }

  async function runJob(start: ImportJob): Promise<void> {
    let job = start;
    if (job.dryRun && job.processed > 0) {
      await store.transaction((repos) => repos.imports.resetJob(job.importId));
      job = { ...job, processed: 0 };
    }
    let expected = job.processed;
    const seen: DryRunSeen = new Map();
    let header: HeaderMap | undefined;
    let rowNo = 0;
    let batch: PendingRow[] = [];
    const flush = async () => {
      if (job.dryRun) await runner.dryRunChunk(job, expected, batch, seen);
      else await runner.applyChunk(job, expected, batch);
      expected += batch.length;
      batch = [];
    };
    try {
      for await (const record of readSheet(store.repos.imports.readFile(job.importId), job.format)) {
        if (!header) {
          header = mapHeader(record);
          continue;
        }
        rowNo++;
        if (rowNo <= expected) continue;
        batch.push({ row: rowNo, params: rowParams(header, record) });
        if (batch.length >= chunkRows) await flush();
        if (loop.stopped) return;
      }
      if (batch.length > 0) await flush();
    } catch (error) {
      if (error instanceof LostClaim) return;
      // The stored file no longer reads (it did at upload): the job cannot go on.
      if (error instanceof DomainError) return finish(job, 'failed', error.details.rule ?? error.code);
      throw error;
    }
    // The stored file read through to its end with fewer (or more) rows than the upload counted: a
    // read that came up short must never pass for a finished import, so the pass is retried (it
    // resumes after the rows that did commit) and, if the file keeps reading short, the job fails.
    if (rowNo !== job.total) throw new ShortRead(job, rowNo);
    await finish(job, 'done', null);
  }

  async function pass(): Promise<void> {
    for (const job of await store.repos.imports.unfinishedJobs(20)) {
      if (loop.stopped) return;
      try {
        await runJob(job);
        unexpected.delete(job.importId);
      } catch (error) {
        // A database outage or a bug: retried on the next pass, failed for good after a few.
        loop.report(error);
        const count = (unexpected.get(job.importId) ?? 0) + 1;
        unexpected.set(job.importId, count);
        if (count >= MAX_UNEXPECTED_FAILURES) {
          unexpected.delete(job.importId);
          await finish(job, 'failed', error instanceof ShortRead ? 'the stored file no longer reads in full' : 'internal error').catch(loop.report);
        }
      }
    }
  }

  return { start: loop.start, kick: loop.kick, stop: loop.stop };
}

export type ImportWorker = ReturnType<typeof createImportWorker>;
