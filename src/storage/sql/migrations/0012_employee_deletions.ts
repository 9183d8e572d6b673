import type { Kysely } from 'kysely';

/**
 * Employees can be deleted (IoT `/user/account/unregister`). Paging by page number stays an index
 * walk through a rank index: `employee_deletions` counts, per company and per block of
 * 1024 creation-order positions (`seq`), how many employees of that block are gone,
 * and `companies.deleted_count` their sum. A page's first `seq` is found from the block counts, then
 * at most one block's worth of index entries is skipped (see docs/architecture.md, "Deleting people").
 *
 * Also: employees by login name, for `/user/account/identity/query` (opType 1).
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
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropIndex('employees_login_name_ix').execute();
  await db.schema.alterTable('companies').dropColumn('deleted_count').execute();
  await db.schema.dropTable('employee_deletions').execute();
}
