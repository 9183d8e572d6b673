import type { Database as SqliteDatabase } from 'better-sqlite3';
import type { Kysely } from 'kysely';
import type { CachedStatement } from './statement-cache.js';
import type { Database } from './tables.js';

interface DirectAccess {
  sqlite: SqliteDatabase;
  prepare(sql: string): CachedStatement;
  /** A group commit's own connection: every statement on it belongs to the group's transaction. */
  owned: boolean;
}

const registered = new WeakMap<Kysely<Database>, DirectAccess>();

/**
 * Lets the hot reads of `db` (a SQLite store's own Kysely, never a transaction's) skip Kysely's
 * executor: its connection mutex, driver and result pipeline cost ~15 µs a query where
 * better-sqlite3 runs a point lookup in ~3 µs. `prepare` is the store's statement cache (which also
 * builds row objects from better-sqlite3's arrays: statement-cache.ts).
 */
export function allowDirectReads(db: Kysely<Database>, sqlite: SqliteDatabase, prepare: (sql: string) => CachedStatement): void {
  registered.set(db, { sqlite, prepare, owned: false });
}

/**
 * Marks `conn`, the connection a group commit holds for its whole BEGIN … COMMIT (group-commit.ts), as
 * running every statement straight on better-sqlite3: nothing else runs on it while the group holds
 * it, and its units run one after another, so Kysely's executor only adds cost. False when `root` is
 * not a registered SQLite store.
 */
export function ownDirectStatements(conn: Kysely<Database>, root: Kysely<Database>): boolean {
  const direct = registered.get(root);
  if (!direct) return false;
  registered.set(conn, { ...direct, owned: true });
  return true;
}

/** Ends ownDirectStatements when the group lets go of the connection. */
export function releaseDirectStatements(conn: Kysely<Database>): void {
  registered.delete(conn);
}

/** Whether a transaction is open on a group's own connection; undefined if `conn` is not one. */
export function directInTransaction(conn: Kysely<Database>): boolean | undefined {
  const direct = registered.get(conn);
  return direct?.owned ? direct.sqlite.inTransaction : undefined;
}

/** Runs a statement with no result rows (BEGIN, SAVEPOINT, COMMIT …) on a group's own connection; false if `conn` is not one. */
export function directExec(conn: Kysely<Database>, sql: string): boolean {
  const direct = registered.get(conn);
  if (!direct?.owned) return false;
  direct.prepare(sql).run([]);
  return true;
}

/**
 * Runs a statement straight on better-sqlite3 where that is the same as going through Kysely, else
 * answers undefined. On a group's own connection (ownDirectStatements): any statement. On a registered
 * store (another transaction's Kysely is not one): a read-only statement (rows back, nothing written)
 * while no transaction is open on the one connection. An open transaction (a group commit between its
 * statements) holds uncommitted rows this connection would see; Kysely makes the read wait for its
 * COMMIT, so the read is left to Kysely. Outside a transaction the read sees committed data only,
 * exactly what it would see after waiting; better-sqlite3 is synchronous, so nothing runs in between.
 */
export function directRows<Row>(db: Kysely<Database>, sql: string, parameters: readonly unknown[]): Row[] | undefined {
  const direct = registered.get(db);
  if (!direct) return undefined;
  if (direct.owned) {
    // A group's connection: reads and writes alike, rows back only where the statement returns some.
    const statement = direct.prepare(sql);
    if (statement.reader) return statement.all(parameters) as Row[];
    statement.run(parameters);
    return [];
  }
  if (direct.sqlite.inTransaction) return undefined;
  const statement = direct.prepare(sql);
  if (!statement.reader || !statement.readonly) return undefined;
  return statement.all(parameters) as Row[];
}
