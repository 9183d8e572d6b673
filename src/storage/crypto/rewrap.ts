import type { Kysely } from 'kysely';
import type { Database } from '../sql/tables.js';
import type { DataCipher } from './data-cipher.js';

/** How many sealed values are not yet under the active key. */
export interface SealedCounts {
  appSecrets: number;
  idNumbers: number;
}

const BATCH = 500;

/** Sealed values under the active key start with this prefix; every other value is due for re-sealing. */
const activePrefix = (activeKeyId: string) => `v2.${activeKeyId}.%`;

/** Counts the app secrets and identity numbers still sealed with an older key (or the key-less v1 format). */
export async function countStale(db: Kysely<Database>, activeKeyId: string): Promise<SealedCounts> {
  const like = activePrefix(activeKeyId);
  const apps = await db.selectFrom('apps').select((eb) => eb.fn.countAll<number>().as('n')).where('app_secret_enc', 'not like', like).executeTakeFirstOrThrow();
  const employees = await db
    .selectFrom('employees')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('card_no_enc', 'is not', null)
    .where('card_no_enc', 'not like', like)
    .executeTakeFirstOrThrow();
  return { appSecrets: Number(apps.n), idNumbers: Number(employees.n) };
}

/**
 * Re-seals every app secret and identity number under the cipher's active key, in small batches while
 * the service keeps running. Each row is updated only if it still holds the value that was read
 * (compare-and-set), so a concurrent write is never overwritten; such a row is picked up again in the
 * next batch. Returns how many values were re-sealed.
 */
export async function resealAll(db: Kysely<Database>, cipher: DataCipher & { activeKeyId(): string }): Promise<SealedCounts> {
  const done: SealedCounts = { appSecrets: 0, idNumbers: 0 };
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
  return done;
}
