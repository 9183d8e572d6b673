import type { Kysely } from 'kysely';

/**
 * Console sessions of operators (a session opened with an operator token acts as that token, and is
 * re-checked against it on every request), and the pending OA sign-ins of the console: the OAuth
 * `state` (as a hash), the PKCE verifier and the OIDC nonce kept server-side for ten minutes, so the
 * browser carries nothing but the opaque state. An operator session keeps `employee_id` empty and
 * `company_id` empty for an installation-wide token.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('admin_sessions').addColumn('operator_token_id', 'varchar(64)').execute();
  await db.schema
    .createTable('admin_oa_sign_ins')
    .addColumn('state_hash', 'varchar(64)', (c) => c.primaryKey())
    .addColumn('company_id', 'varchar(32)', (c) => c.notNull())
    .addColumn('connector_id', 'varchar(64)', (c) => c.notNull())
    .addColumn('code_verifier', 'varchar(128)', (c) => c.notNull())
    .addColumn('nonce', 'varchar(64)', (c) => c.notNull())
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .addColumn('expires_at', 'bigint', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('admin_oa_sign_ins_expires_ix').on('admin_oa_sign_ins').column('expires_at').execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('admin_oa_sign_ins').execute();
  await db.schema.alterTable('admin_sessions').dropColumn('operator_token_id').execute();
}
