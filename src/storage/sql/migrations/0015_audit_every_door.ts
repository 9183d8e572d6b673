import { sql, type Kysely } from 'kysely';

/**
 * The audit log records every door's changes (apps, the CLI, the admin API): events are listed by
 * actor (an AppKey, an operator token) and by object (an employee's history) without walking every
 * event, so `(actor_id, at, event_id)` and `(object_id, at, event_id)` are indexed (a few µs per
 * recorded change). Console admins are no longer named by their (personal) name in events: earlier events
 * lose it here, so erasing the admin leaves no copy of it in the log.
 *
 * Erasing an employee blanks the company's failed batch rows that name it: batches are found by
 * company (`batch_jobs_company_ix`), not by walking every company's.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema.createIndex('audit_events_actor_ix').on('audit_events').columns(['actor_id', 'at', 'event_id']).execute();
  await db.schema.createIndex('audit_events_object_ix').on('audit_events').columns(['object_id', 'at', 'event_id']).execute();
  await db.schema.createIndex('batch_jobs_company_ix').on('batch_jobs').columns(['company_id', 'created_at']).execute();
  await sql`UPDATE audit_events SET actor_name = 'console admin' WHERE actor_id LIKE 'admin:%'`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropIndex('batch_jobs_company_ix').execute();
  await db.schema.dropIndex('audit_events_object_ix').execute();
  await db.schema.dropIndex('audit_events_actor_ix').execute();
}
