import type { Kysely } from 'kysely';

/**
 * The admin API: operator tokens (stored as SHA-256 hashes, scoped to the installation or one
 * company), its audit log, and the app columns it manages — disabled, and the previous secret that keeps working
 * until the rotation's overlap window closes.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('admin_tokens')
    .addColumn('token_id', 'varchar(40)', (c) => c.primaryKey())
    .addColumn('token_hash', 'varchar(64)', (c) => c.notNull())
    .addColumn('name', 'varchar(100)', (c) => c.notNull())
    // Null: the whole installation; else the one company the token may manage.
    .addColumn('company_id', 'varchar(32)')
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .addColumn('last_used_at', 'bigint')
    .addColumn('revoked_at', 'bigint')
    .execute();
  await db.schema.createIndex('admin_tokens_hash_uq').on('admin_tokens').column('token_hash').unique().execute();

  // Who changed what, when, through the admin API: field names only, never values.
  await db.schema
    .createTable('audit_events')
    .addColumn('event_id', 'varchar(40)', (c) => c.primaryKey())
    .addColumn('company_id', 'varchar(32)')
    .addColumn('actor_kind', 'varchar(16)', (c) => c.notNull())
    .addColumn('actor_id', 'varchar(64)', (c) => c.notNull())
    .addColumn('actor_name', 'varchar(100)', (c) => c.notNull())
    .addColumn('action', 'varchar(50)', (c) => c.notNull())
    .addColumn('object_type', 'varchar(20)', (c) => c.notNull())
    .addColumn('object_id', 'varchar(100)')
    .addColumn('changed_fields', 'text', (c) => c.notNull())
    .addColumn('at', 'bigint', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('audit_events_company_ix').on('audit_events').columns(['company_id', 'at', 'event_id']).execute();
  await db.schema.createIndex('audit_events_at_ix').on('audit_events').columns(['at', 'event_id']).execute();

  // Company admins signed in to the console: the cookie's value is stored only as a hash.
  await db.schema
    .createTable('admin_sessions')
    .addColumn('session_hash', 'varchar(64)', (c) => c.primaryKey())
    .addColumn('company_id', 'varchar(32)', (c) => c.notNull())
    .addColumn('employee_id', 'varchar(40)', (c) => c.notNull())
    .addColumn('csrf_token', 'varchar(64)', (c) => c.notNull())
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .addColumn('expires_at', 'bigint', (c) => c.notNull())
    .execute();
  // Failed sign-ins per login, for the lockout; counted by the database, not read-then-written.
  await db.schema
    .createTable('admin_sign_in_failures')
    .addColumn('company_id', 'varchar(32)', (c) => c.notNull())
    .addColumn('login_key', 'varchar(100)', (c) => c.notNull())
    .addColumn('failures', 'integer', (c) => c.notNull())
    .addColumn('first_failure_at', 'bigint', (c) => c.notNull())
    .addPrimaryKeyConstraint('admin_sign_in_failures_pk', ['company_id', 'login_key'])
    .execute();

  // SQLite adds one column per ALTER TABLE.
  await db.schema.alterTable('apps').addColumn('disabled_at', 'bigint').execute();
  await db.schema.alterTable('apps').addColumn('previous_secret_enc', 'varchar(200)').execute();
  await db.schema.alterTable('apps').addColumn('previous_secret_until', 'bigint').execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('apps').dropColumn('previous_secret_until').execute();
  await db.schema.alterTable('apps').dropColumn('previous_secret_enc').execute();
  await db.schema.alterTable('apps').dropColumn('disabled_at').execute();
  await db.schema.dropTable('admin_sign_in_failures').execute();
  await db.schema.dropTable('admin_sessions').execute();
  await db.schema.dropTable('audit_events').execute();
  await db.schema.dropTable('admin_tokens').execute();
}
