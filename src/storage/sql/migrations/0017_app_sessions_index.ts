import type { Kysely } from 'kysely';
import { sql } from 'kysely';

/**
 * Revoking an app's tokens ends its live IoT sessions too (admin API `revoke-tokens`): the live
 * sessions are found by app through this partial index, not by a walk over every session.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema.createIndex('iot_sessions_live_app_ix').on('iot_sessions').column('app_key').where(sql.ref('revoked_at'), 'is', null).execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropIndex('iot_sessions_live_app_ix').execute();
}
