import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { Kysely, PostgresDialect, SqliteDialect } from 'kysely';
import { withStatementCache } from './statement-cache.js';
import type { Database } from './tables.js';

/** What differs between the engines, in one place; code asks these flags, never "is this SQLite". */
export interface DialectCapabilities {
  engine: 'sqlite' | 'postgres';
  /** A single writer connection: concurrent transactions queue in-process rather than in the server. */
  singleConnection: boolean;
}

export interface StoreOptions {
  databaseUrl?: string | undefined;
  dataDir: string;
  durability: 'process' | 'power';
}

export interface OpenedDatabase {
  db: Kysely<Database>;
  capabilities: DialectCapabilities;
  /** Where the data lives, for the start banner (no credentials). */
  location: string;
  /** Connection pool counts for the metrics (PostgreSQL; SQLite has one connection and no pool). */
  poolState?: () => { total: number; idle: number; waiting: number };
}

/** Opens SQLite (a WAL file in the data folder) or PostgreSQL when a `postgres://` URL is given. */
export async function openDatabase(options: StoreOptions): Promise<OpenedDatabase> {
  if (options.databaseUrl) return openPostgres(options.databaseUrl, options.durability);
  return openSqlite(options.dataDir, options.durability);
}

async function openSqlite(dataDir: string, durability: StoreOptions['durability']): Promise<OpenedDatabase> {
  const { default: SQLite } = await import('better-sqlite3');
  mkdirSync(dataDir, { recursive: true });
  const file = join(dataDir, 'roster.sqlite');
  const sqlite = new SQLite(file);
  // WAL + NORMAL: a commit is in the WAL file before we answer, so killing the process loses nothing;
  // FULL also fsyncs the WAL on every commit, which is what survives power loss.
  sqlite.pragma('journal_mode = WAL');
  sqlite.pragma(`synchronous = ${durability === 'power' ? 'FULL' : 'NORMAL'}`);
  sqlite.pragma('busy_timeout = 5000');
  // 32 MiB of page cache (default 2 MiB): a million-employee company's indexes stay warm, and
  // inserts into eight B-trees stop paying a read syscall per level.
  sqlite.pragma('cache_size = -32768');
  // Checkpoint every ~40 MB of WAL instead of ~4 MB: pages rewritten by many commits (index
  // interiors, the company counter) are copied back once per checkpoint, which cut commit time by
  // a quarter in the creation micro-benchmark. Durability is unchanged: commits are in the WAL.
  sqlite.pragma('wal_autocheckpoint = 10000');
  sqlite.pragma('foreign_keys = ON');
  const db = new Kysely<Database>({ dialect: new SqliteDialect({ database: withStatementCache(sqlite) }) });
  return { db, capabilities: { engine: 'sqlite', singleConnection: true }, location: file };
}

async function openPostgres(url: string, durability: StoreOptions['durability']): Promise<OpenedDatabase> {
  const pg = await import('pg');
  const { Pool, types } = pg.default;
  // Epoch-ms and counters are bigint columns; they fit a JS number, so parse them as one.
  const parsers = {
    getTypeParser: (oid: number, format?: unknown) =>
      oid === 20 ? (v: string) => Number(v) : types.getTypeParser(oid, format as 'text'),
  };
  const pool = new Pool({
    connectionString: url,
    max: 10,
    types: parsers as never,
    options: `-c synchronous_commit=${durability === 'power' ? 'on' : 'local'}`,
  });
  // An idle pooled connection can be closed under us (server restart, failover, an operator's
  // pg_terminate_backend). pg reports that as an 'error' event, which would crash the process if
  // nobody listened; the pool has already dropped the client and opens a new one when needed.
  pool.on('error', () => {});
  const db = new Kysely<Database>({ dialect: new PostgresDialect({ pool }) });
  const safe = new URL(url);
  safe.password = '';
  const poolState = () => ({ total: pool.totalCount, idle: pool.idleCount, waiting: pool.waitingCount });
  return { db, capabilities: { engine: 'postgres', singleConnection: false }, location: safe.toString(), poolState };
}
