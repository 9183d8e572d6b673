import type { Kysely } from 'kysely';

/**
 * Bulk employee imports (issue 10): one row per job with its counters, its uploaded file in sealed
 * chunks (it holds identity numbers, which are never stored in clear), and one outcome per data row.
 * A job's `processed` moves chunk by chunk in the transaction that applies the chunk's rows and
 * records their outcomes, so a job resumed after a crash applies no row twice.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('employee_imports')
    .addColumn('import_id', 'varchar(32)', (c) => c.primaryKey())
    .addColumn('company_id', 'varchar(32)', (c) => c.notNull())
    .addColumn('status', 'varchar(8)', (c) => c.notNull())
    .addColumn('dry_run', 'integer', (c) => c.notNull())
    .addColumn('format', 'varchar(4)', (c) => c.notNull())
    .addColumn('file_name', 'varchar(255)')
    .addColumn('file_bytes', 'bigint', (c) => c.notNull())
    .addColumn('total', 'integer', (c) => c.notNull())
    .addColumn('processed', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('created', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('updated', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('unchanged', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('failed', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('error', 'text')
    .addColumn('actor_id', 'varchar(100)', (c) => c.notNull())
    .addColumn('actor_name', 'varchar(200)', (c) => c.notNull())
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .addColumn('finished_at', 'bigint')
    .execute();
  // A company's jobs newest first; the worker's unfinished jobs and the retention sweep.
  await db.schema.createIndex('employee_imports_company_ix').on('employee_imports').columns(['company_id', 'created_at', 'import_id']).execute();
  await db.schema.createIndex('employee_imports_finished_ix').on('employee_imports').columns(['finished_at', 'created_at']).execute();

  await db.schema
    .createTable('employee_import_chunks')
    .addColumn('import_id', 'varchar(32)', (c) => c.notNull())
    .addColumn('chunk_no', 'integer', (c) => c.notNull())
    .addColumn('data_enc', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('employee_import_chunks_pk', ['import_id', 'chunk_no'])
    .execute();

  await db.schema
    .createTable('employee_import_rows')
    .addColumn('import_id', 'varchar(32)', (c) => c.notNull())
    .addColumn('row_no', 'integer', (c) => c.notNull())
    .addColumn('outcome', 'varchar(10)', (c) => c.notNull())
    .addColumn('employee_id', 'varchar(40)')
    .addColumn('code', 'bigint')
    .addColumn('message', 'text')
    .addPrimaryKeyConstraint('employee_import_rows_pk', ['import_id', 'row_no'])
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('employee_import_rows').execute();
  await db.schema.dropTable('employee_import_chunks').execute();
  await db.schema.dropTable('employee_imports').execute();
}
