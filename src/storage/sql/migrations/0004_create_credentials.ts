import type { Kysely } from 'kysely';

/**
 * Short-lived credentials: OA auth codes, gateway nonces and benefits access tokens. Codes and tokens
 * are stored as SHA-256 hashes, so a copy of the database hands out nothing usable.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('oa_codes')
    .addColumn('code_hash', 'varchar(64)', (c) => c.primaryKey())
    .addColumn('company_id', 'varchar(32)', (c) => c.notNull())
    .addColumn('code_type', 'varchar(16)', (c) => c.notNull())
    .addColumn('profile', 'text', (c) => c.notNull())
    .addColumn('expires_at', 'bigint', (c) => c.notNull())
    .addColumn('used_at', 'bigint')
    .execute();

  // Insert-or-fail under this key is the replay check; expired rows are swept.
  await db.schema
    .createTable('nonces')
    .addColumn('app_key', 'varchar(20)', (c) => c.notNull())
    .addColumn('nonce', 'varchar(100)', (c) => c.notNull())
    .addColumn('expires_at', 'bigint', (c) => c.notNull())
    .addPrimaryKeyConstraint('nonces_pk', ['app_key', 'nonce'])
    .execute();
  await db.schema.createIndex('nonces_expires_ix').on('nonces').column('expires_at').execute();

  await db.schema
    .createTable('access_tokens')
    .addColumn('token_hash', 'varchar(64)', (c) => c.primaryKey())
    .addColumn('app_key', 'varchar(20)', (c) => c.notNull())
    .addColumn('expires_at', 'bigint', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('access_tokens_expires_ix').on('access_tokens').column('expires_at').execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('access_tokens').execute();
  await db.schema.dropTable('nonces').execute();
  await db.schema.dropTable('oa_codes').execute();
}
