import type { Kysely } from 'kysely';
import type { AppAdminRepository, ManagedApp } from '#src/domain/admin-ports.js';
import type { SignType } from '#src/domain/app.js';
import type { DataCipher } from '../crypto/data-cipher.js';
import type { AppRow, Database } from './tables.js';

function rowToManagedApp(row: AppRow): ManagedApp {
  return {
    appKey: row.app_key,
    name: row.name,
    kind: row.kind as ManagedApp['kind'],
    companyId: row.company_id,
    rateLimit: Number(row.rate_limit),
    signType: row.sign_type as SignType,
    createdAt: Number(row.created_at),
    disabled: row.disabled_at != null,
    previousSecretUntil: row.previous_secret_until == null ? null : Number(row.previous_secret_until),
    oaConnectorId: row.oa_connector_id ?? null,
    maxSessions: Number(row.max_sessions ?? 1),
  };
}

/** Apps for the admin API: listings and changes, never a secret out. */
export function createAppAdminRepository(db: Kysely<Database>, cipher: DataCipher): AppAdminRepository {
  const changed = (r: { numUpdatedRows: bigint }) => Number(r.numUpdatedRows) > 0;
  return {
    async get(appKey) {
      const row = await db.selectFrom('apps').selectAll().where('app_key', '=', appKey).executeTakeFirst();
      return row ? rowToManagedApp(row) : undefined;
    },
    async listForCompany(companyId) {
      const rows = await db
        .selectFrom('apps')
        .selectAll()
        .where((eb) =>
          eb.or([
            eb('company_id', '=', companyId),
            eb('app_key', 'in', eb.selectFrom('app_installations').select('app_key').where('company_id', '=', companyId)),
          ]),
        )
        .orderBy('app_key')
        .execute();
      return rows.map(rowToManagedApp);
    },
    async listAll() {
      return (await db.selectFrom('apps').selectAll().orderBy('app_key').execute()).map(rowToManagedApp);
    },
    async update(appKey, patch) {
      const values: Partial<AppRow> = {};
      if (patch.name !== undefined) values.name = patch.name;
      if (patch.rateLimit !== undefined) values.rate_limit = patch.rateLimit;
      if (patch.signType !== undefined) values.sign_type = patch.signType;
      if (patch.oaConnectorId !== undefined) values.oa_connector_id = patch.oaConnectorId;
      if (patch.maxSessions !== undefined) values.max_sessions = patch.maxSessions;
      if (Object.keys(values).length === 0) return (await this.get(appKey)) !== undefined;
      return changed(await db.updateTable('apps').set(values).where('app_key', '=', appKey).executeTakeFirst());
    },
    async setDisabled(appKey, disabledAt) {
      return changed(await db.updateTable('apps').set({ disabled_at: disabledAt }).where('app_key', '=', appKey).executeTakeFirst());
    },
    async rotateSecret(appKey, newSecret, previousUntil) {
      // One statement: the current secret becomes the previous one as the new one takes its place.
      const r = await db
        .updateTable('apps')
        .set((eb) => ({
          previous_secret_enc: eb.ref('app_secret_enc'),
          previous_secret_until: previousUntil,
          app_secret_enc: cipher.encrypt(newSecret),
        }))
        .where('app_key', '=', appKey)
        .executeTakeFirst();
      return changed(r);
    },
    async revokeTokens(appKey) {
      const r = await db.deleteFrom('access_tokens').where('app_key', '=', appKey).executeTakeFirst();
      return Number(r.numDeletedRows);
    },
  };
}
