import type { Kysely } from 'kysely';

/** Departments, levels, categories, enabled attributes, cost centers and the invitation outbox. */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('departments')
    .addColumn('company_id', 'varchar(32)', (c) => c.notNull())
    .addColumn('dept_code', 'varchar(50)', (c) => c.notNull())
    .addColumn('name', 'varchar(100)', (c) => c.notNull())
    .addColumn('parent_code', 'varchar(50)')
    .addColumn('status', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('manager_userid', 'varchar(100)')
    .addColumn('is_root', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .addPrimaryKeyConstraint('departments_pk', ['company_id', 'dept_code'])
    .execute();
  // Sibling departments may not share a name (1002212003).
  await db.schema
    .createIndex('departments_sibling_name_uq')
    .on('departments')
    .columns(['company_id', 'parent_code', 'name'])
    .unique()
    .execute();
  await db.schema.createIndex('departments_parent_ix').on('departments').columns(['company_id', 'parent_code']).execute();
  await db.schema.createIndex('employees_dept_ix').on('employees').columns(['company_id', 'dept_code']).execute();

  for (const table of ['levels', 'categories', 'enabled_attributes']) {
    await db.schema
      .createTable(table)
      .addColumn('company_id', 'varchar(32)', (c) => c.notNull())
      .addColumn('name', 'varchar(100)', (c) => c.notNull())
      .addColumn('created_at', 'bigint', (c) => c.notNull())
      .addPrimaryKeyConstraint(`${table}_pk`, ['company_id', 'name'])
      .execute();
  }

  await db.schema
    .createTable('cost_centers')
    .addColumn('company_id', 'varchar(32)', (c) => c.notNull())
    .addColumn('cost_center_id', 'bigint', (c) => c.notNull())
    .addColumn('name', 'varchar(100)', (c) => c.notNull())
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .addPrimaryKeyConstraint('cost_centers_pk', ['company_id', 'cost_center_id'])
    .execute();

  await db.schema
    .createTable('invitations')
    .addColumn('company_id', 'varchar(32)', (c) => c.notNull())
    .addColumn('invitation_id', 'varchar(40)', (c) => c.notNull())
    .addColumn('employee_id', 'varchar(40)', (c) => c.notNull())
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .addColumn('sent_at', 'bigint')
    .addPrimaryKeyConstraint('invitations_pk', ['company_id', 'invitation_id'])
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const t of ['invitations', 'cost_centers', 'enabled_attributes', 'categories', 'levels', 'departments']) {
    await db.schema.dropTable(t).execute();
  }
  await db.schema.dropIndex('employees_dept_ix').execute();
}
