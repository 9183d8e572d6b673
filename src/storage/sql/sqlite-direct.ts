import type { Database as SqliteDatabase, Statement } from 'better-sqlite3';
import type { Kysely } from 'kysely';
import type { Database } from './tables.js';

interface DirectAccess {
  sqlite: SqliteDatabase;
  prepare(sql: string): Statement;
  /** Row-returning statements of this connection in array mode (rowReader); undefined: not one. */
  readers: Map<string, RowReader | undefined>;
  /** A group commit's own connection: every statement on it belongs to the group's transaction. */
  owned: boolean;
}

/** A statement that returns rows as arrays, and the function that turns one array into the row object. */
interface RowReader {
  statement: Statement;
  readonly: boolean;
  toRow: (values: unknown[]) => unknown;
}

/** Distinct statements kept in array mode per connection, as the statement cache keeps 500. */
const READERS = 500;

/**
 * better-sqlite3 builds each row object property by property in C++, which cost more than the query:
 * 20 µs for one 39-column employee (13 µs as an array), 320 µs for a 100-row list page (190 µs). An
 * object literal compiled for the statement's columns builds the same object in a fraction of that.
 * Column names are SQLite's own metadata for Roster's SQL, quoted with JSON.stringify; a name that an
 * object literal would not store as an own property (`__proto__`) keeps better-sqlite3's objects.
 */
function rowReader(sqlite: SqliteDatabase, sql: string): RowReader | undefined {
  const statement = sqlite.prepare(sql);
  if (!statement.reader) return undefined;
  const names = statement.columns().map((c) => c.name);
  if (names.includes('__proto__')) return undefined;
  statement.raw(true);
  const body = names.map((name, i) => `${JSON.stringify(name)}: values[${i}]`).join(', ');
  return { statement, readonly: statement.readonly, toRow: new Function('values', `return { ${body} };`) as RowReader['toRow'] };
}

/** `sql` in array mode with its row builder, or undefined where it returns no rows or keeps its objects. */
function readerFor(direct: DirectAccess, sql: string): RowReader | undefined {
  let reader = direct.readers.get(sql);
  if (reader === undefined && !direct.readers.has(sql)) {
    reader = rowReader(direct.sqlite, sql);
    if (direct.readers.size >= READERS) direct.readers.delete(direct.readers.keys().next().value!);
    direct.readers.set(sql, reader);
  }
  return reader;
}

/** Runs a reader statement, building each row from its array. */
function readRows<Row>(reader: RowReader, parameters: readonly unknown[]): Row[] {
  const rows = reader.statement.all(...parameters) as unknown[];
  for (let i = 0; i < rows.length; i++) rows[i] = reader.toRow(rows[i] as unknown[]);
  return rows as Row[];
}

const registered = new WeakMap<Kysely<Database>, DirectAccess>();

/**
 * Lets the hot reads of `db` (a SQLite store's own Kysely, never a transaction's) skip Kysely's
 * executor: its connection mutex, driver and result pipeline cost ~15 µs a query where
 * better-sqlite3 runs a point lookup in ~3 µs. `prepare` is the store's statement cache.
 */
export function allowDirectReads(db: Kysely<Database>, sqlite: SqliteDatabase, prepare: (sql: string) => Statement): void {
  registered.set(db, { sqlite, prepare, readers: new Map(), owned: false });
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
  direct.prepare(sql).run();
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
  const reader = readerFor(direct, sql);
  if (direct.owned) {
    // A group's connection: reads and writes alike, rows back only where the statement returns some.
    if (reader) return readRows<Row>(reader, parameters);
    const statement = direct.prepare(sql);
    if (statement.reader) return statement.all(...parameters) as Row[];
    statement.run(...parameters);
    return [];
  }
  if (direct.sqlite.inTransaction) return undefined;
  if (reader) return reader.readonly ? readRows<Row>(reader, parameters) : undefined;
  const statement = direct.prepare(sql);
  if (!statement.reader || !statement.readonly) return undefined;
  return statement.all(...parameters) as Row[];
}
