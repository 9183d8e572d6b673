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

/**
 * The stored file did not read through as it did at upload: its reader failed, or it gave a different
 * number of data rows than the upload counted. The file itself was whole when stored, and exceljs's
 * streaming reader has been seen to lose a workbook's later zip entries under load (unzipper's Parse
 * ends early while entries wait), so such a pass is retried like any other unexpected failure.
 */
export class StoredFileUnreadable extends Error {
  constructor(
    job: ImportJob,
    /** What the job's `error` says if every retry fails too. */
    readonly reason: string,
  ) {
    super(`import ${job.importId}: ${reason}`);
    this.name = 'StoredFileUnreadable';
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
      // The reader refused the stored file that read at upload: retried, the job fails if it keeps failing.
      if (error instanceof DomainError) throw new StoredFileUnreadable(job, `the stored file ${error.details.rule ?? error.code}`);
      throw error;
    }
    // A read that came up short must never pass for a finished import: retried (resuming after the
    // rows that did commit), and failed if the file keeps reading short.
    if (rowNo !== job.total) throw new StoredFileUnreadable(job, `the stored file read ${rowNo} data rows, the upload counted ${job.total}`);
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
          await finish(job, 'failed', error instanceof StoredFileUnreadable ? error.reason : 'internal error').catch(loop.report);
        }
      }
    }
  }

  return { start: loop.start, kick: loop.kick, stop: loop.stop };
}

export type ImportWorker = ReturnType<typeof createImportWorker>;
