import { PostgresAdapter, sql, type Kysely } from 'kysely';

/**
 * Employees can be deleted (IoT `/user/account/unregister`). Paging by page number stays an index
 * walk through a rank index: `employee_deletions` counts, per company and per block of
 * 1024 creation-order positions (`seq`), how many employees of that block are gone,
 * and `companies.deleted_count` their sum. A page's first `seq` is found from the block counts, then
 * at most one block's worth of index entries is skipped (see docs/architecture.md, "Deleting people").
 *
 * Also: employees by login name, for `/user/account/identity/query` (opType 1); and a trigram index
 * on names for substring search (`/industry/user/account/query` keyWord): SQLite an FTS5 `trigram`
 * table kept by triggers (external content, so names are not stored twice; `secure-delete` so a
 * deleted name leaves the index at once), PostgreSQL a GIN index `(company_id, name gin_trgm_ops)`
 * (pg_trgm + btree_gin, contrib; where the role may not create them, search scans the company).
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('employee_deletions')
    .addColumn('company_id', 'varchar(32)', (c) => c.notNull())
    .addColumn('block', 'bigint', (c) => c.notNull())
    .addColumn('deleted', 'bigint', (c) => c.notNull())
    .addPrimaryKeyConstraint('employee_deletions_pk', ['company_id', 'block'])
    .execute();
  await db.schema.alterTable('companies').addColumn('deleted_count', 'bigint', (c) => c.notNull().defaultTo(0)).execute();
  await db.schema.createIndex('employees_login_name_ix').on('employees').columns(['company_id', 'login_name']).execute();
  if (db.getExecutor().adapter instanceof PostgresAdapter) await postgresNameIndex(db);
  else await sqliteNameIndex(db);
}

async function postgresNameIndex(db: Kysely<unknown>): Promise<void> {
  // Creating an extension needs a privileged role: without it the migration still applies.
  await sql`DO $$ BEGIN
    CREATE EXTENSION IF NOT EXISTS pg_trgm;
    CREATE EXTENSION IF NOT EXISTS btree_gin;
  EXCEPTION WHEN OTHERS THEN RAISE NOTICE 'pg_trgm/btree_gin unavailable (%): name search scans the company', SQLERRM;
  END $$`.execute(db);
  await sql`DO $$ BEGIN
    IF (SELECT count(*) FROM pg_extension WHERE extname IN ('pg_trgm', 'btree_gin')) = 2 THEN
      CREATE INDEX employees_name_trgm_ix ON employees USING gin (company_id, name gin_trgm_ops);
    END IF;
  END $$`.execute(db);
}

async function sqliteNameIndex(db: Kysely<unknown>): Promise<void> {
  await sql`CREATE VIRTUAL TABLE employees_name_fts USING fts5(name, content='employees', content_rowid='rowid', tokenize='trigram')`.execute(db);
  await sql`INSERT INTO employees_name_fts(employees_name_fts, rank) VALUES ('secure-delete', 1)`.execute(db);
  await sql`INSERT INTO employees_name_fts(employees_name_fts) VALUES ('rebuild')`.execute(db);
  await sql`CREATE TRIGGER employees_name_fts_ai AFTER INSERT ON employees BEGIN
    INSERT INTO employees_name_fts(rowid, name) VALUES (new.rowid, new.name);
  END`.execute(db);
  await sql`CREATE TRIGGER employees_name_fts_ad AFTER DELETE ON employees BEGIN
    INSERT INTO employees_name_fts(employees_name_fts, rowid, name) VALUES ('delete', old.rowid, old.name);
  END`.execute(db);
  await sql`CREATE TRIGGER employees_name_fts_au AFTER UPDATE OF name ON employees BEGIN
    INSERT INTO employees_name_fts(employees_name_fts, rowid, name) VALUES ('delete', old.rowid, old.name);
    INSERT INTO employees_name_fts(rowid, name) VALUES (new.rowid, new.name);
  END`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  if (db.getExecutor().adapter instanceof PostgresAdapter) {
    await sql`DROP INDEX IF EXISTS employees_name_trgm_ix`.execute(db);
  } else {
    for (const trigger of ['employees_name_fts_ai', 'employees_name_fts_ad', 'employees_name_fts_au']) await sql`DROP TRIGGER ${sql.raw(trigger)}`.execute(db);
    await sql`DROP TABLE employees_name_fts`.execute(db);
  }
  await db.schema.dropIndex('employees_login_name_ix').execute();
  await db.schema.alterTable('companies').dropColumn('deleted_count').execute();
  await db.schema.dropTable('employee_deletions').execute();
}
