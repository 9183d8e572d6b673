import type { Kysely } from 'kysely';

/**
 * Issue 6, benefits dialect: the per-app `/token/create` budget (60 an hour, one counter row per app
 * taken with a single conditional upsert), an index to sweep an app's expired tokens when it gets a
 * new one, and the short memory of signs of mutating calls (insert-or-fail under its key, swept).
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
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('benefits_signs').execute();
  await db.schema.dropIndex('access_tokens_app_expires_ix').execute();
  await db.schema.dropTable('token_issuance').execute();
}
