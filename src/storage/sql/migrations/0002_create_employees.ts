import type { Kysely } from 'kysely';

/**
 * Employees with their identity columns. Every key leads with company_id so the table can be
 * distributed by company; uniqueness (phone, email, work number, userid, OA user id) is the
 * database's job, never check-then-insert.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('employees')
    .addColumn('company_id', 'varchar(32)', (c) => c.notNull())
    .addColumn('employee_id', 'varchar(40)', (c) => c.notNull())
    .addColumn('seq', 'bigint', (c) => c.notNull())
    .addColumn('identity_id', 'varchar(40)', (c) => c.notNull())
    .addColumn('account_id', 'varchar(40)', (c) => c.notNull())
    .addColumn('oa_user_id', 'varchar(100)')
    .addColumn('userid', 'varchar(100)')
    .addColumn('work_number', 'varchar(20)')
    .addColumn('work_number_key', 'varchar(20)')
    .addColumn('name', 'varchar(100)', (c) => c.notNull())
    .addColumn('login_name', 'varchar(100)')
    .addColumn('phone_raw', 'varchar(40)')
    .addColumn('phone_e164', 'varchar(20)')
    .addColumn('mobile_area', 'varchar(10)')
    .addColumn('email', 'varchar(100)')
    .addColumn('email_key', 'varchar(100)')
    .addColumn('avatar_url', 'varchar(500)')
    .addColumn('is_admin', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('is_main', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('role_code', 'varchar(50)')
    .addColumn('role_name', 'varchar(50)')
    .addColumn('creator', 'varchar(100)')
    .addColumn('modifier', 'varchar(100)')
    .addColumn('gender', 'integer')
    .addColumn('remark', 'varchar(254)')
    .addColumn('dept_code', 'varchar(50)')
    .addColumn('level', 'varchar(50)')
    .addColumn('categories', 'text')
    .addColumn('birth_day', 'varchar(10)')
    .addColumn('entry_day', 'varchar(10)')
    .addColumn('card_type', 'integer')
    .addColumn('card_no_enc', 'varchar(200)')
    .addColumn('password_hash', 'varchar(200)')
    .addColumn('attributes', 'text')
    .addColumn('cost_center_id', 'bigint')
    .addColumn('send_invite', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('resign_at', 'bigint')
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .addColumn('updated_at', 'bigint', (c) => c.notNull())
    .addPrimaryKeyConstraint('employees_pk', ['company_id', 'employee_id'])
    .execute();
  const unique = async (name: string, column: string) =>
    db.schema.createIndex(name).on('employees').columns(['company_id', column]).unique().execute();
  // Paging walks this index: page N starts at seq > (N-1)*size, whatever N is.
  await unique('employees_seq_uq', 'seq');
  await unique('employees_phone_uq', 'phone_e164');
  await unique('employees_email_uq', 'email_key');
  await unique('employees_work_number_uq', 'work_number_key');
  await unique('employees_userid_uq', 'userid');
  await unique('employees_oa_user_uq', 'oa_user_id');
  await unique('employees_identity_uq', 'identity_id');
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('employees').execute();
}
