import { sql, type Kysely } from 'kysely';

/**
 * Issue 6: the per-app `/token/create` budget (60 an hour, one counter row per app taken with a single
 * conditional upsert), an index to sweep an app's expired tokens when it gets a new one, the short
 * memory of signs of the benefits dialect's data-changing calls (insert-or-fail under its key, swept),
 * and each company's count of departments below its root (a counter row, so the cap holds under
 * concurrent adds), filled from the departments already there.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('token_issuance')
    .addColumn('app_key', 'varchar(20)', (c) => c.primaryKey())
    .addColumn('window_start', 'bigint', (c) => c.notNull())
    .addColumn('issued', 'integer', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('access_tokens_app_expires_ix').on('access_tokens').columns(['app_key', 'expires_at']).execute();

  // A sign is 40, 64 or 128 hex characters (SHA-1/256/512), stored lower-cased.
  await db.schema
    .createTable('benefits_signs')
    .addColumn('app_key', 'varchar(20)', (c) => c.notNull())
    .addColumn('sign', 'varchar(128)', (c) => c.notNull())
    .addColumn('expires_at', 'bigint', (c) => c.notNull())
    .addPrimaryKeyConstraint('benefits_signs_pk', ['app_key', 'sign'])
    .execute();
  await db.schema.createIndex('benefits_signs_expires_ix').on('benefits_signs').column('expires_at').execute();

  await db.schema
    .createTable('department_counts')
    .addColumn('company_id', 'varchar(32)', (c) => c.primaryKey())
    .addColumn('departments', 'bigint', (c) => c.notNull())
    .execute();
  await sql`insert into department_counts (company_id, departments)
    select company_id, count(*) from departments where is_root = 0 group by company_id`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('department_counts').execute();
  await db.schema.dropTable('benefits_signs').execute();
  await db.schema.dropIndex('access_tokens_app_expires_ix').execute();
  await db.schema.dropTable('token_issuance').execute();
}
