import type { Kysely } from 'kysely';
import type { Database } from '../sql/tables.js';
import type { DataCipher } from './data-cipher.js';

/** How many sealed values are not yet under the active key. */
export interface SealedCounts {
  appSecrets: number;
  idNumbers: number;
  /** Pieces of stored employee import files (they hold identity numbers too). */
  importFileChunks: number;
}

const BATCH = 500;

/** Sealed values under the active key start with this prefix; every other value is due for re-sealing. */
const activePrefix = (activeKeyId: string) => `v2.${activeKeyId}.%`;

/** Counts the app secrets, identity numbers and import file pieces still sealed with an older key (or the key-less v1 format). */
export async function countStale(db: Kysely<Database>, activeKeyId: string): Promise<SealedCounts> {
  const like = activePrefix(activeKeyId);
  const apps = await db.selectFrom('apps').select((eb) => eb.fn.countAll<number>().as('n')).where('app_secret_enc', 'not like', like).executeTakeFirstOrThrow();
  const employees = await db
    .selectFrom('employees')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('card_no_enc', 'is not', null)
    .where('card_no_enc', 'not like', like)
    .executeTakeFirstOrThrow();
  const chunks = await db.selectFrom('employee_import_chunks').select((eb) => eb.fn.countAll<number>().as('n')).where('data_enc', 'not like', like).executeTakeFirstOrThrow();
  return { appSecrets: Number(apps.n), idNumbers: Number(employees.n), importFileChunks: Number(chunks.n) };
}

/**
 * Re-seals every app secret, identity number and import file piece under the cipher's active key, in small batches while
 * the service keeps running. Each row is updated only if it still holds the value that was read
 * (compare-and-set), so a concurrent write is never overwritten; such a row is picked up again in the
 * next batch. Returns how many values were re-sealed.
 */
export async function resealAll(db: Kysely<Database>, cipher: DataCipher & { activeKeyId(): string }): Promise<SealedCounts> {
  const done: SealedCounts = { appSecrets: 0, idNumbers: 0, importFileChunks: 0 };
  for (;;) {
    // Asked every batch: should the key be rotated again meanwhile, the sweep follows the newest key.
    const like = activePrefix(cipher.activeKeyId());
    const apps = await db.selectFrom('apps').select(['app_key', 'app_secret_enc']).where('app_secret_enc', 'not like', like).limit(BATCH).execute();
    if (apps.length === 0) break;
    for (const row of apps) {
      const sealed = cipher.encrypt(cipher.decrypt(row.app_secret_enc));
      const r = await db.updateTable('apps').set({ app_secret_enc: sealed }).where('app_key', '=', row.app_key).where('app_secret_enc', '=', row.app_secret_enc).executeTakeFirst();
      done.appSecrets += Number(r.numUpdatedRows);
    }
  }
  for (;;) {
    const like = activePrefix(cipher.activeKeyId());
    const employees = await db
      .selectFrom('employees')
      .select(['company_id', 'employee_id', 'card_no_enc'])
      .where('card_no_enc', 'is not', null)
      .where('card_no_enc', 'not like', like)
      .limit(BATCH)
      .execute();
    if (employees.length === 0) break;
    await db.transaction().execute(async (trx) => {
      for (const row of employees) {
        const sealed = cipher.encrypt(cipher.decrypt(row.card_no_enc!));
        const r = await trx
          .updateTable('employees')
          .set({ card_no_enc: sealed })
          .where('company_id', '=', row.company_id)
          .where('employee_id', '=', row.employee_id)
          .where('card_no_enc', '=', row.card_no_enc)
          .executeTakeFirst();
        done.idNumbers += Number(r.numUpdatedRows);
      }
    });
  }
  for (;;) {
    // Import files go one piece at a time: each is up to 512 KiB.
    const like = activePrefix(cipher.activeKeyId());
    const chunk = await db.selectFrom('employee_import_chunks').select(['import_id', 'chunk_no', 'data_enc']).where('data_enc', 'not like', like).limit(1).executeTakeFirst();
    if (!chunk) break;
    const r = await db
      .updateTable('employee_import_chunks')
      .set({ data_enc: cipher.encrypt(cipher.decrypt(chunk.data_enc)) })
      .where('import_id', '=', chunk.import_id)
      .where('chunk_no', '=', chunk.chunk_no)
      .where('data_enc', '=', chunk.data_enc)
      .executeTakeFirst();
    done.importFileChunks += Number(r.numUpdatedRows);
  }
  return done;
}
