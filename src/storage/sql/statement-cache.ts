import type { Database as SqliteDatabase, Statement } from 'better-sqlite3';
import type { SqliteDatabase as KyselySqliteDatabase } from 'kysely';

/**
 * Kysely's SQLite driver prepares every statement on every query; preparing costs more than running
 * a point lookup. This wrapper remembers prepared statements by SQL text (bounded, least recently used
 * first out). Reuse is safe: the driver runs one statement at a time on the one connection, and Roster
 * never streams (a statement mid-iteration could not be reused).
 */
export function withStatementCache(db: SqliteDatabase, capacity = 500): KyselySqliteDatabase {
  const cache = new Map<string, Statement>();
  return {
    close: () => void db.close(),
    prepare(sql: string) {
      let stmt = cache.get(sql);
      if (stmt) {
        cache.delete(sql);
      } else {
        stmt = db.prepare(sql);
        if (cache.size >= capacity) cache.delete(cache.keys().next().value!);
      }
      cache.set(sql, stmt);
      return stmt as unknown as ReturnType<KyselySqliteDatabase['prepare']>;
    },
  };
}
