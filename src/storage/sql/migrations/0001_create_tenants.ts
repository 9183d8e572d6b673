import type { Kysely } from 'kysely';

/** Companies, apps and app installations: who the tenants are and who may call for them. */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('companies')
    .addColumn('company_id', 'varchar(32)', (c) => c.primaryKey())
    .addColumn('company_name', 'varchar(200)', (c) => c.notNull())
    .addColumn('main_pk', 'varchar(32)', (c) => c.notNull())
    .addColumn('main_identity_id', 'varchar(40)')
    .addColumn('main_employee_id', 'varchar(40)')
    .addColumn('kind', 'varchar(16)', (c) => c.notNull())
    .addColumn('parent_company_id', 'varchar(32)')
    .addColumn('enterprise_code', 'varchar(20)')
    .addColumn('employee_count', 'bigint', (c) => c.notNull().defaultTo(0))
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .execute();
  // A member enterprise's code is unique within its group or operator.
  await db.schema
    .createIndex('companies_parent_enterprise_code_uq')
    .on('companies')
    .columns(['parent_company_id', 'enterprise_code'])
    .unique()
    .execute();

  await db.schema
    .createTable('apps')
    .addColumn('app_key', 'varchar(20)', (c) => c.primaryKey())
    .addColumn('app_secret_enc', 'varchar(200)', (c) => c.notNull())
    .addColumn('name', 'varchar(100)', (c) => c.notNull())
    .addColumn('kind', 'varchar(16)', (c) => c.notNull())
    .addColumn('company_id', 'varchar(32)')
    .addColumn('rate_limit', 'integer', (c) => c.notNull())
    .addColumn('sign_type', 'varchar(8)', (c) => c.notNull())
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .execute();

  // Looked up by appId alone (the caller does not know the company yet): a reference table under Citus.
  await db.schema
    .createTable('app_installations')
    .addColumn('app_id', 'varchar(40)', (c) => c.primaryKey())
    .addColumn('app_key', 'varchar(20)', (c) => c.notNull())
    .addColumn('company_id', 'varchar(32)', (c) => c.notNull())
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('app_installations_app_company_uq')
    .on('app_installations')
    .columns(['app_key', 'company_id'])
    .unique()
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('app_installations').execute();
  await db.schema.dropTable('apps').execute();
  await db.schema.dropTable('companies').execute();
}
