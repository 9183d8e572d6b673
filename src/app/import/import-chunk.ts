import type { ImportCounts, ImportJob, ImportRowResult } from '#src/domain/employee-import.js';
import { DomainError, type ErrorCode } from '#src/domain/errors.js';
import type { Repositories, Store } from '#src/domain/ports.js';
import { applyImportRow, RowWriteError, type ImportRowReader } from './import-row.js';
import { withSetupCache } from './setup-cache.js';

/** One data row to apply: its number below the header (from 1) and its parameters. */
export interface PendingRow {
  row: number;
  params: Map<string, string>;
}

export interface ChunkDeps {
  store: Store;
  now: () => number;
  reader: ImportRowReader;
  /** The benefits dialect's wire code and message for a failure (exactly what `/employee/add` answers). */
  describeFailure: (error: DomainError) => { code: number; message: string };
}

/** The job moved on under us (another worker settled these rows): stop, it is theirs. */
export class LostClaim extends Error {}

/** Carries a dry run's results out of the transaction it rolls back. */
class DryRunRollback extends Error {
  constructor(readonly results: ImportRowResult[]) {
    super('dry run');
  }
}

/**
 * Keys a dry run has seen on valid rows, across chunks (each chunk's writes are rolled back, so the
 * store cannot tell a later row that an earlier one took a phone): key → who took it.
 */
export type DryRunSeen = Map<string, string>;

const countsOf = (results: ImportRowResult[]): ImportCounts => ({
  created: results.filter((r) => r.outcome === 'created').length,
  updated: results.filter((r) => r.outcome === 'updated').length,
  unchanged: results.filter((r) => r.outcome === 'unchanged').length,
  failed: results.filter((r) => r.outcome === 'failed').length,
});

/** Applies a chunk of rows and records their outcomes; returns false when another worker had them. */
export function createChunkRunner(deps: ChunkDeps) {
  const failed = (row: number, error: DomainError): ImportRowResult => ({ row, outcome: 'failed', employeeId: null, ...mapFailure(error) });
  const mapFailure = (error: DomainError) => {
    const { code, message } = deps.describeFailure(error);
    return { code, message };
  };

  /** A row's outcome; a rule it breaks is its `failed` outcome, a failure while writing is thrown. */
  async function applyOne(repos: Repositories, job: ImportJob, pending: PendingRow, now: number): Promise<ImportRowResult> {
    try {
      const { outcome, employee } = await applyImportRow(repos, job.companyId, pending.params, deps.reader, now);
      return { row: pending.row, outcome, employeeId: employee.employeeId, code: null, message: null };
    } catch (error) {
      if (error instanceof DomainError) return failed(pending.row, error);
      throw error;
    }
  }

  async function settle(repos: Repositories, job: ImportJob, expected: number, results: ImportRowResult[]): Promise<void> {
    if (!(await repos.imports.settleChunk(job.importId, expected, results, countsOf(results)))) throw new LostClaim();
  }

  /** One row in its own transaction (after a chunk hit a write failure); a creation race is tried once more. */
  async function applyAlone(job: ImportJob, expected: number, pending: PendingRow): Promise<void> {
    for (let attempt = 1; ; attempt++) {
      try {
        await deps.store.transaction(async (repos) => settle(repos, job, expected, [await applyOne(repos, job, pending, deps.now())]));
        return;
      } catch (error) {
        if (!(error instanceof RowWriteError)) throw error;
        const cause = error.error;
        if (!(cause instanceof DomainError)) throw cause;
        if (attempt === 1 && cause.code === 'employee.userid_taken') continue;
        await deps.store.transaction((repos) => settle(repos, job, expected, [failed(pending.row, cause)]));
        return;
      }
    }
  }

  /** A real chunk: every row and the outcomes in one transaction; on a write failure, row by row. */
  async function applyChunk(job: ImportJob, expected: number, rows: PendingRow[]): Promise<void> {
    try {
      await deps.store.transaction(async (trx) => {
        const repos = withSetupCache(trx, job.companyId);
        const now = deps.now();
        const results: ImportRowResult[] = [];
        for (const pending of rows) results.push(await applyOne(repos, job, pending, now));
        await settle(repos, job, expected, results);
      });
    } catch (error) {
      if (!(error instanceof RowWriteError)) throw error;
      for (const [i, pending] of rows.entries()) await applyAlone(job, expected + i, pending);
    }
  }

  /** Marks a valid dry-run row failed when an earlier chunk's valid row holds one of its unique keys. */
  function checkSeen(seen: DryRunSeen, result: ImportRowResult, keys: Array<[ErrorCode, string | null]>, who: string): ImportRowResult {
    for (const [code, key] of keys) {
      const holder = key === null ? undefined : seen.get(key);
      if (holder !== undefined && holder !== who) return failed(result.row, new DomainError(code));
    }
    for (const [, key] of keys) if (key !== null) seen.set(key, who);
    return result;
  }

  /** A dry run's chunk: applied in a transaction that is rolled back, then only the outcomes recorded. */
  async function dryRunChunk(job: ImportJob, expected: number, rows: PendingRow[], seen: DryRunSeen): Promise<void> {
    let results: ImportRowResult[];
    try {
      await deps.store.transaction(async (trx) => {
        const repos = withSetupCache(trx, job.companyId);
        const now = deps.now();
        const out: ImportRowResult[] = [];
        for (const pending of rows) {
          let result: ImportRowResult;
          try {
            const { outcome, employee } = await applyImportRow(repos, job.companyId, pending.params, deps.reader, now);
            const who = outcome === 'created' ? `new:${employee.userid}` : employee.employeeId;
            const lower = (v: string | null) => (v === null ? null : v.toLowerCase());
            result = checkSeen(seen, { row: pending.row, outcome: outcome, employeeId: outcome === 'created' ? null : employee.employeeId, code: null, message: null }, [
              ['employee.phone_taken', employee.phoneE164 ? `p:${employee.phoneE164}` : null],
              ['employee.email_taken', employee.email ? `e:${lower(employee.email)}` : null],
              ['employee.code_taken', employee.workNumber ? `c:${lower(employee.workNumber)}` : null],
            ], who);
          } catch (error) {
            const cause = error instanceof RowWriteError ? error.error : error;
            if (!(cause instanceof DomainError)) throw cause;
            result = failed(pending.row, cause);
          }
          out.push(result);
        }
        throw new DryRunRollback(out);
      });
      throw new Error('unreachable: a dry run always rolls back');
    } catch (error) {
      if (!(error instanceof DryRunRollback)) throw error;
      results = error.results;
    }
    // The job's counters say what the import would do; each row reads `valid` or `failed`.
    const counts = countsOf(results);
    const shown = results.map((r) => (r.outcome === 'failed' ? r : { ...r, outcome: 'valid' as const }));
    await deps.store.transaction(async (repos) => {
      if (!(await repos.imports.settleChunk(job.importId, expected, shown, counts))) throw new LostClaim();
    });
  }

  return { applyChunk, dryRunChunk };
}
