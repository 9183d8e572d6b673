import { CompiledQuery, type Kysely } from 'kysely';
import { directExec, directInTransaction, ownDirectStatements, releaseDirectStatements } from './sqlite-direct.js';
import type { Database } from './tables.js';

/** Commits against transactions: the bench and the tests read how many units shared a commit. */
export interface TransactionStats {
  /** Units of work that ran (each `store.transaction` call). */
  transactions: number;
  /** COMMITs issued to the database. */
  commits: number;
}

export interface GroupCommitOptions {
  /** Most units in one group. */
  maxUnits?: number;
  /** A group stops taking new units once it has run this long (reads wait for the one connection). */
  maxMs?: number;
}

interface Unit {
  work: (db: Kysely<Database>) => Promise<unknown>;
  resolve: (value: unknown) => void;
  reject: (error: unknown) => void;
  /** The work is one SQL statement: atomic on its own, so it needs no savepoint (runStatement). */
  oneStatement?: boolean;
}

interface Outcome {
  unit: Unit;
  ok: boolean;
  value: unknown;
}

/**
 * Group commit for a single-connection engine (SQLite). Transactions that arrive while a group is
 * running join it: one `BEGIN IMMEDIATE … COMMIT` holds several units, each in its own SAVEPOINT, run
 * strictly one after another on the one connection. A unit that throws is rolled back to its savepoint
 * and rejected — the others are untouched. Every unit's promise settles only after the shared COMMIT
 * (so no reply goes out before its write is in the WAL); when the COMMIT (or the transaction itself)
 * fails, every unit of the group that had succeeded fails with that error.
 */
export function createGroupCommitter(db: Kysely<Database>, options: GroupCommitOptions = {}) {
  const maxUnits = options.maxUnits ?? 64;
  const maxMs = options.maxMs ?? 5;
  const queue: Unit[] = [];
  const stats: TransactionStats = { transactions: 0, commits: 0 };
  let running = false;

  // Five of these run per unit or group: compiled once, not rebuilt by Kysely on every call.
  const statements = new Map<string, CompiledQuery>();
  const exec = async (conn: Kysely<Database>, text: string) => {
    if (directExec(conn, text)) return;
    let compiled = statements.get(text);
    if (!compiled) statements.set(text, (compiled = CompiledQuery.raw(text)));
    await conn.executeQuery(compiled);
  };

  /** Runs one unit inside its savepoint; false when the surrounding transaction is gone. */
  async function runUnit(conn: Kysely<Database>, unit: Unit, outcomes: Outcome[]): Promise<boolean> {
    stats.transactions++;
    if (unit.oneStatement && directInTransaction(conn) === true) return runStatementUnit(conn, unit, outcomes);
    try {
      await exec(conn, 'savepoint unit');
    } catch (error) {
      outcomes.push({ unit, ok: false, value: error });
      return false;
    }
    try {
      const value = await unit.work(conn);
      await exec(conn, 'release unit');
      outcomes.push({ unit, ok: true, value });
      return true;
    } catch (error) {
      try {
        await exec(conn, 'rollback to unit');
        await exec(conn, 'release unit');
      } catch {
        // SQLite rolled the whole transaction back (I/O error, disk full): nothing of the group stands.
        outcomes.push({ unit, ok: false, value: error });
        return false;
      }
      outcomes.push({ unit, ok: false, value: error });
      return true;
    }
  }

  /**
   * Runs a one-statement unit without a savepoint: SQLite undoes a failed statement by itself and
   * leaves the transaction open — except after the errors that roll the whole transaction back (disk
   * full, I/O), which the connection's own transaction state tells. Saves two statements per nonce.
   */
  async function runStatementUnit(conn: Kysely<Database>, unit: Unit, outcomes: Outcome[]): Promise<boolean> {
    try {
      outcomes.push({ unit, ok: true, value: await unit.work(conn) });
      return true;
    } catch (error) {
      outcomes.push({ unit, ok: false, value: error });
      return directInTransaction(conn) === true;
    }
  }

  /** One group: BEGIN, units back to back until the queue is empty or the bounds are reached, COMMIT. */
  async function runGroup(conn: Kysely<Database>): Promise<void> {
    // The group holds the one connection from BEGIN to COMMIT: its statements skip Kysely's executor.
    ownDirectStatements(conn, db);
    try {
      await runGroupOn(conn);
    } finally {
      releaseDirectStatements(conn);
    }
  }

  async function runGroupOn(conn: Kysely<Database>): Promise<void> {
    const outcomes: Outcome[] = [];
    try {
      await exec(conn, 'begin immediate');
    } catch (error) {
      // The write lock did not come within the busy timeout: the first unit fails as it did alone.
      queue.shift()!.reject(error);
      return;
    }
    const started = Date.now();
    let failure: unknown;
    while (failure === undefined && queue.length > 0 && outcomes.length < maxUnits && (outcomes.length === 0 || Date.now() - started < maxMs)) {
      if (!(await runUnit(conn, queue.shift()!, outcomes))) failure = outcomes[outcomes.length - 1]!.value;
    }
    if (failure === undefined) {
      try {
        await exec(conn, 'commit');
        stats.commits++;
      } catch (error) {
        failure = error;
      }
    }
    if (failure !== undefined) {
      await exec(conn, 'rollback').catch(() => {});
      for (const o of outcomes) o.unit.reject(o.ok ? failure : o.value);
      return;
    }
    for (const o of outcomes) (o.ok ? o.unit.resolve : o.unit.reject)(o.value);
  }

  async function drain(): Promise<void> {
    running = true;
    try {
      while (queue.length > 0) {
        // better-sqlite3 answers synchronously, so a unit's whole chain of awaits runs as microtasks,
        // before Node reads the next request off a socket. One turn of the event loop before BEGIN
        // lets requests already received reach the queue (without it every group holds one unit);
        // it comes before BEGIN so the write lock is never held across it — another connection to
        // the file in this process (tests, tools) would otherwise block the thread in its busy wait.
        await new Promise((resolve) => setImmediate(resolve));
        await db.connection().execute(runGroup).catch((error: unknown) => {
          // The connection itself failed (closed store): whoever is waiting learns it.
          for (const unit of queue.splice(0)) unit.reject(error);
        });
      }
    } finally {
      running = false;
    }
  }

  function enqueue<T>(work: (db: Kysely<Database>) => Promise<T>, oneStatement: boolean): Promise<T> {
    return new Promise<T>((resolve, reject) => {
      queue.push({ work, resolve: resolve as (v: unknown) => void, reject, oneStatement });
      if (!running) void drain();
    });
  }

  return {
    stats,
    /** Runs `work` as one unit of the current or next group; settles after the group's COMMIT. */
    run<T>(work: (db: Kysely<Database>) => Promise<T>): Promise<T> {
      return enqueue(work, false);
    },
    /** As `run`, for work that is exactly one SQL statement (a nonce or sign write): no savepoint. */
    runStatement<T>(work: (db: Kysely<Database>) => Promise<T>): Promise<T> {
      return enqueue(work, true);
    },
  };
}
