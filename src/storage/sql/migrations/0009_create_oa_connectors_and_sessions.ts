import { sql, type Kysely } from 'kysely';

/**
 * OA connectors per company (config encrypted at rest), the link of an employee to its OA user
 * (unique per company, connector and OA subject), the app's connector and session settings, and the
 * IoT user sessions (tokens stored only as SHA-256 hashes).
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('oa_connectors')
    .addColumn('connector_id', 'varchar(40)', (c) => c.primaryKey())
    .addColumn('company_id', 'varchar(32)', (c) => c.notNull())
    .addColumn('kind', 'varchar(16)', (c) => c.notNull())
    .addColumn('name', 'varchar(100)', (c) => c.notNull())
    .addColumn('config_enc', 'text', (c) => c.notNull())
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    // The config's version: live connectors (and their cached app tokens) are rebuilt when it moves.
    .addColumn('updated_at', 'bigint', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('oa_connectors_company_ix').on('oa_connectors').column('company_id').execute();

  // The key a repeated sign-in is recognised by: never the phone, which the OA may not even give.
  await db.schema
    .createTable('employee_oa_links')
    .addColumn('company_id', 'varchar(32)', (c) => c.notNull())
    .addColumn('connector_id', 'varchar(40)', (c) => c.notNull())
    .addColumn('subject', 'varchar(255)', (c) => c.notNull())
    .addColumn('employee_id', 'varchar(40)', (c) => c.notNull())
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .addPrimaryKeyConstraint('employee_oa_links_pk', ['company_id', 'connector_id', 'subject'])
    .execute();
  await db.schema.createIndex('employee_oa_links_employee_ix').on('employee_oa_links').columns(['company_id', 'employee_id']).execute();
  // Employees signed in through the development OA before links existed keep their identity.
  await sql`insert into employee_oa_links (company_id, connector_id, subject, employee_id, created_at)
    select company_id, 'dev', oa_user_id, employee_id, created_at from employees where oa_user_id is not null`.execute(db);

  // One directory: employees made by a sign-in or as a main account before this had no benefits
  // userid and could not be reached by /employee/*. They get their OA user id where free, else their
  // employee id (opaque, unique).
  await sql`update employees set userid = oa_user_id
    where userid is null and oa_user_id is not null
      and not exists (select 1 from employees e2 where e2.company_id = employees.company_id and e2.userid = employees.oa_user_id)`.execute(db);
  await sql`update employees set userid = employee_id
    where userid is null
      and not exists (select 1 from employees e2 where e2.company_id = employees.company_id and e2.userid = employees.employee_id)`.execute(db);

  await db.schema.alterTable('apps').addColumn('oa_connector_id', 'varchar(40)').execute();
  await db.schema.alterTable('apps').addColumn('max_sessions', 'integer', (c) => c.notNull().defaultTo(1)).execute();

  await db.schema
    .createTable('iot_sessions')
    .addColumn('session_id', 'varchar(40)', (c) => c.primaryKey())
    .addColumn('company_id', 'varchar(32)', (c) => c.notNull())
    .addColumn('employee_id', 'varchar(40)', (c) => c.notNull())
    .addColumn('identity_id', 'varchar(40)', (c) => c.notNull())
    .addColumn('app_key', 'varchar(20)', (c) => c.notNull())
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .addColumn('revoked_at', 'bigint')
    .execute();
  await db.schema.createIndex('iot_sessions_identity_ix').on('iot_sessions').columns(['identity_id', 'app_key']).execute();
  await db.schema.createIndex('iot_sessions_employee_ix').on('iot_sessions').columns(['company_id', 'employee_id']).execute();

  // One row per issued pair; `rotated_at` marks a pair replaced by a refresh (its refresh token used).
  await db.schema
    .createTable('iot_session_tokens')
    .addColumn('iot_token_hash', 'varchar(64)', (c) => c.primaryKey())
    .addColumn('refresh_token_hash', 'varchar(64)', (c) => c.notNull().unique())
    .addColumn('session_id', 'varchar(40)', (c) => c.notNull())
    .addColumn('iot_expires_at', 'bigint', (c) => c.notNull())
    .addColumn('refresh_expires_at', 'bigint', (c) => c.notNull())
    .addColumn('rotated_at', 'bigint')
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('iot_session_tokens_session_ix').on('iot_session_tokens').column('session_id').execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('iot_session_tokens').execute();
  await db.schema.dropTable('iot_sessions').execute();
  await db.schema.alterTable('apps').dropColumn('max_sessions').execute();
  await db.schema.alterTable('apps').dropColumn('oa_connector_id').execute();
  await db.schema.dropTable('employee_oa_links').execute();
  await db.schema.dropTable('oa_connectors').execute();
}
