import { chmodSync, closeSync, openSync } from 'node:fs';
import { join } from 'node:path';
import { Kysely, PostgresDialect } from 'kysely';
import { ensureDataDir } from '../data-dir.js';
import { createPostgresPool, describePostgresUrl } from './postgres-pool.js';
import { ImmediateSqliteDialect } from './sqlite-immediate.js';
import { withNamedStatements } from './postgres-prepared.js';
import { allowDirectReads } from './sqlite-direct.js';
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
  /**
   * PostgreSQL: a second, small pool for the batched statements of concurrent requests (nonce and
   * sign writes, one-employee reads, reads by userid, list pages: one batch of each kind in flight, so one connection
   * each). Its sessions plan each statement once (generic plans, pinned by listing-plan.test.ts and
   * employee-read-batches.test.ts); closed with `db`'s store.
   */
  batchDb?: Kysely<Database>;
}

/** Opens SQLite (a WAL file in the data folder) or PostgreSQL when a `postgres://` URL is given. */
export async function openDatabase(options: StoreOptions): Promise<OpenedDatabase> {
  if (options.databaseUrl) return openPostgres(options.databaseUrl, options.durability);
  return openSqlite(options.dataDir, options.durability);
}

/**
 * The database file exists, mode 0600, before SQLite opens it: SQLite creates `-wal` and `-shm`
 * with the main file's permissions, so they are 0600 too. Files of an older install are tightened.
 */
function createPrivateFiles(file: string): void {
  closeSync(openSync(file, 'a', 0o600));
  for (const path of [file, `${file}-wal`, `${file}-shm`]) {
    try {
      chmodSync(path, 0o600);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
    }
  }
}

async function openSqlite(dataDir: string, durability: StoreOptions['durability']): Promise<OpenedDatabase> {
  const { default: SQLite } = await import('better-sqlite3');
  ensureDataDir(dataDir);
  const file = join(dataDir, 'roster.sqlite');
  createPrivateFiles(file);
  // Other processes (the CLI, more servers) may hold the write lock: wait up to 5 s for it, and set
  // this first so that even the pragmas below wait rather than fail.
  const sqlite = new SQLite(file, { timeout: 5000 });
  sqlite.pragma('busy_timeout = 5000');
  // WAL + NORMAL: a commit is in the WAL file before we answer, so killing the process loses nothing;
  // FULL also fsyncs the WAL on every commit, which is what survives power loss.
  sqlite.pragma('journal_mode = WAL');
  sqlite.pragma(`synchronous = ${durability === 'power' ? 'FULL' : 'NORMAL'}`);
  // 32 MiB of page cache (default 2 MiB): a million-employee company's indexes stay warm, and
  // inserts into eight B-trees stop paying a read syscall per level.
  sqlite.pragma('cache_size = -32768');
  // Checkpoint every ~40 MB of WAL instead of ~4 MB: pages rewritten by many commits (index
  // interiors, the company counter) are copied back once per checkpoint, which cut commit time by
  // a quarter in the creation micro-benchmark. Durability is unchanged: commits are in the WAL.
  sqlite.pragma('wal_autocheckpoint = 10000');
  sqlite.pragma('foreign_keys = ON');
  // A deleted employee's personal data must leave the file, not just be unlinked (issue 9 §3): zero freed bytes.
  sqlite.pragma('secure_delete = ON');
  const cached = withStatementCache(sqlite);
  const db = new Kysely<Database>({ dialect: new ImmediateSqliteDialect({ database: cached }) });
  allowDirectReads(db, sqlite, (text) => cached.prepare(text));
  return { db, capabilities: { engine: 'sqlite', singleConnection: true }, location: file };
}

/** Kinds of batched statement (store.ts): nonces, signs, one-employee reads, reads by userid, list pages. */
const BATCH_KINDS = 5;

async function openPostgres(url: string, durability: StoreOptions['durability']): Promise<OpenedDatabase> {
  const pool = await createPostgresPool(url, durability);
  const db = new Kysely<Database>({ dialect: new PostgresDialect({ pool: withNamedStatements(pool) }) });
  const poolState = () => ({ total: pool.totalCount, idle: pool.idleCount, waiting: pool.waitingCount });
  const batchPool = await createPostgresPool(url, durability, { max: BATCH_KINDS, genericPlans: true });
  const batchDb = new Kysely<Database>({ dialect: new PostgresDialect({ pool: withNamedStatements(batchPool) }) });
  return { db, batchDb, capabilities: { engine: 'postgres', singleConnection: false }, location: describePostgresUrl(url), poolState };
}
