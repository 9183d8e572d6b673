import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import SQLite from 'better-sqlite3';
import { Kysely, PostgresDialect, SqliteDialect, type CompiledQuery } from 'kysely';
import pg from 'pg';
import { migrateToLatest } from '../../../src/storage/sql/migrate.js';
import type { Database } from '../../../src/storage/sql/tables.js';
import { freshPostgresDatabase, type TestDatabase } from '../../support/databases.js';

/** A migrated, empty store for a plan test, with raw access to fill it in bulk and to explain statements. */
export interface PlanDatabase {
  db: Kysely<Database>;
  /** PostgreSQL: a plain client on the same fresh database (not yet connected). */
  admin: pg.Client | undefined;
  /** SQLite: the file's own handle. */
  sqlite: SQLite.Database | undefined;
  close(): Promise<unknown>;
}

/**
 * Opens a fresh database of the target engine (a new PostgreSQL database, or a SQLite file in a new
 * folder named after `dirPrefix`), migrated, whose every compiled statement is appended to `sent`.
 */
export async function openPlanDatabase(target: TestDatabase, dirPrefix: string, sent: CompiledQuery[]): Promise<PlanDatabase> {
  const log = (event: { query: CompiledQuery }) => void sent.push(event.query);
  let plan: PlanDatabase;
  if (target.databaseUrl) {
    const fresh = await freshPostgresDatabase(target.databaseUrl);
    const pool = new pg.Pool({ connectionString: fresh.url, max: 2 });
    const db = new Kysely<Database>({ dialect: new PostgresDialect({ pool }), log });
    const admin = new pg.Client({ connectionString: fresh.url });
    plan = { db, admin, sqlite: undefined, close: async () => (await admin.end(), await db.destroy(), await fresh.drop()) };
  } else {
    const dir = mkdtempSync(join(tmpdir(), dirPrefix));
    const sqlite = new SQLite(join(dir, 'roster.sqlite'));
    const db = new Kysely<Database>({ dialect: new SqliteDialect({ database: sqlite }), log });
    plan = { db, admin: undefined, sqlite, close: async () => (await db.destroy(), rmSync(dir, { recursive: true, force: true })) };
  }
  await migrateToLatest(plan.db);
  return plan;
}
