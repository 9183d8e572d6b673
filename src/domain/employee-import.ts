/** Bulk employee import (issue 10): a job per uploaded file, an outcome per data row. */

/** The file formats an import reads and an export or template writes. */
export type SheetFormat = 'csv' | 'xlsx';

export type ImportStatus = 'queued' | 'running' | 'done' | 'failed';

/**
 * What happened to one row. A dry run records `valid` (or `failed`) and changes nothing; a real
 * import records what it did: `unchanged` when the row equals the stored employee.
 */
export type ImportOutcome = 'created' | 'updated' | 'unchanged' | 'failed' | 'valid';

/** One import job: its file is stored with it (sealed), its counters move as chunks commit. */
export interface ImportJob {
  importId: string;
  companyId: string;
  status: ImportStatus;
  dryRun: boolean;
  format: SheetFormat;
  fileName: string | null;
  fileBytes: number;
  /** Data rows in the file (the header row not counted), fixed at upload. */
  total: number;
  /** Rows settled so far: the first `processed` rows of the file, in order. */
  processed: number;
  created: number;
  updated: number;
  unchanged: number;
  failed: number;
  /** Why the whole job failed (an unreadable file), null otherwise. */
  error: string | null;
  /** Who started it, for the audit event at the end. */
  actorId: string;
  actorName: string;
  createdAt: number;
  finishedAt: number | null;
}

/** One row's settled outcome; `code`/`message` are the benefits dialect's for a failed row. */
export interface ImportRowResult {
  row: number;
  outcome: ImportOutcome;
  employeeId: string | null;
  code: number | null;
  message: string | null;
}

/** Counters a chunk adds to its job. */
export type ImportCounts = Pick<ImportJob, 'created' | 'updated' | 'unchanged' | 'failed'>;

/**
 * Import jobs, their sealed files and row outcomes. `settleChunk` is the claim: it moves `processed`
 * from exactly `expectedProcessed`, so a chunk is applied and counted once whichever process runs it.
 */
export interface ImportRepository {
  /** Inserts the job and its file, chunk by chunk as read (sealed by the repository). Run in one transaction. */
  insertJob(job: ImportJob, fileChunks: AsyncIterable<Buffer>): Promise<void>;
  getJob(importId: string): Promise<ImportJob | undefined>;
  /** The company's jobs, newest first, after the `before` key. */
  listJobs(companyId: string, before: { createdAt: number; importId: string } | undefined, limit: number): Promise<ImportJob[]>;
  /** Unfinished jobs, oldest first. */
  unfinishedJobs(limit: number): Promise<ImportJob[]>;
  /** The stored file, chunk by chunk, in order. */
  readFile(importId: string): AsyncIterable<Buffer>;
  /**
   * Records the outcomes of the rows after `expectedProcessed` and adds them to the counters; false,
   * changing nothing, when the job has moved on (another worker settled them).
   */
  settleChunk(importId: string, expectedProcessed: number, rows: ImportRowResult[], counts: ImportCounts): Promise<boolean>;
  /** Forgets every outcome of a job and zeroes its counters (a dry run restarts from its first row). */
  resetJob(importId: string): Promise<void>;
  setStatus(importId: string, status: ImportStatus, finishedAt: number | null, error?: string | null): Promise<void>;
  /** Outcomes in row order after `afterRow`, failed ones only when asked. */
  rows(importId: string, afterRow: number, limit: number, onlyFailed: boolean): Promise<ImportRowResult[]>;
  /** Deletes jobs finished before `before`, with their files and rows. */
  deleteFinishedBefore(before: number): Promise<number>;
}
