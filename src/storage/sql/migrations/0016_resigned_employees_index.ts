import { sql, type Kysely } from 'kysely';

/**
 * The admin list's exact total (`?total=true`) without a walk over the company: the company's
 * counters give everyone (`employee_count - deleted_count`), and this partial index holds only the
 * employees with a resignation date, so "resigned" (and "active" as the rest) costs what resigned,
 * not the whole company. Employees that never resigned add nothing to it.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createIndex('employees_resigned_ix')
    .on('employees')
    .columns(['company_id', 'resign_at'])
    .where(sql.ref('resign_at'), 'is not', null)
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropIndex('employees_resigned_ix').execute();
}
