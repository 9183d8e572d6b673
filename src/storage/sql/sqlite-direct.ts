import type { Database as SqliteDatabase, Statement } from 'better-sqlite3';
import type { Kysely } from 'kysely';
import type { Database } from './tables.js';

interface DirectReads {
  sqlite: SqliteDatabase;
  prepare(sql: string): Statement;
}

const registered = new WeakMap<Kysely<Database>, DirectReads>();

/**
 * Lets the hot reads of `db` (a SQLite store's own Kysely, never a transaction's) skip Kysely's
 * executor: its connection mutex, driver and result pipeline cost ~15 µs a query where
 * better-sqlite3 runs a point lookup in ~3 µs. `prepare` is the store's statement cache.
 */
export function allowDirectReads(db: Kysely<Database>, sqlite: SqliteDatabase, prepare: (sql: string) => Statement): void {
  registered.set(db, { sqlite, prepare });
}

/**
 * Runs a read-only statement (rows back, nothing written) straight on better-sqlite3 when that is the same as going through
 * Kysely: `db` is a registered store (a transaction's Kysely is not), the statement returns rows, and
 * no transaction is open on the one connection. An open transaction (a group commit between its
 * statements) holds uncommitted rows this connection would see; Kysely makes the read wait for its
 * COMMIT, so the read is left to Kysely (undefined). Outside a transaction the read sees committed
 * data only, exactly what it would see after waiting; better-sqlite3 is synchronous, so nothing can
 * run in between.
 */
export function directRows<Row>(db: Kysely<Database>, sql: string, parameters: readonly unknown[]): Row[] | undefined {
  const direct = registered.get(db);
  if (!direct || direct.sqlite.inTransaction) return undefined;
  const statement = direct.prepare(sql);
  if (!statement.reader || !statement.readonly) return undefined;
  return statement.all(...parameters) as Row[];
}
