import type { Kysely } from 'kysely';

/**
 * Durable batch jobs of the benefits dialect (`/employee/v2/batchSynchronize` and the three department
 * batch calls): one row per batch with its counters, one row per submitted row with its state.
 * A row's state moves from `pending` exactly once, in the transaction that applies its effect, so a
 * batch resumed after a crash applies no row twice. Row payloads are sealed (they may hold identity
 * numbers) and dropped once a row is settled; a failed row keeps its sealed `service_data`.
 *
 * Also: employees by department in creation order (`/employee/getByDepartmentCode`). The new index
 * replaces `employees_dept_ix`, which is its prefix, so inserts maintain no extra index.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('batch_jobs')
    .addColumn('batch_number', 'varchar(100)', (c) => c.primaryKey())
    .addColumn('app_key', 'varchar(20)', (c) => c.notNull())
    .addColumn('company_id', 'varchar(32)', (c) => c.notNull())
    .addColumn('enterprise_code', 'varchar(20)')
    .addColumn('kind', 'varchar(32)', (c) => c.notNull())
    .addColumn('total_count', 'integer', (c) => c.notNull())
    .addColumn('success_count', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('failure_count', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .addColumn('finished_at', 'bigint')
    .execute();
  // The worker's start-up query (unfinished batches, oldest first) and the retention sweep.
  await db.schema.createIndex('batch_jobs_finished_ix').on('batch_jobs').columns(['finished_at', 'created_at']).execute();

  await db.schema
    .createTable('batch_job_rows')
    .addColumn('batch_number', 'varchar(100)', (c) => c.notNull())
    .addColumn('row_no', 'integer', (c) => c.notNull())
    .addColumn('state', 'varchar(8)', (c) => c.notNull())
    .addColumn('command_enc', 'text')
    .addColumn('service_data_enc', 'text')
    .addColumn('error_code', 'varchar(64)')
    .addColumn('error_param', 'varchar(100)')
    .addColumn('error_rule', 'text')
    .addPrimaryKeyConstraint('batch_job_rows_pk', ['batch_number', 'row_no'])
    .execute();

  await db.schema.dropIndex('employees_dept_ix').execute();
  await db.schema.createIndex('employees_dept_seq_ix').on('employees').columns(['company_id', 'dept_code', 'seq']).execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropIndex('employees_dept_seq_ix').execute();
  await db.schema.createIndex('employees_dept_ix').on('employees').columns(['company_id', 'dept_code']).execute();
  await db.schema.dropTable('batch_job_rows').execute();
  await db.schema.dropTable('batch_jobs').execute();
}
