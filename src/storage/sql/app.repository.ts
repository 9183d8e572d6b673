import type { Kysely } from 'kysely';
import type { App, AppCredentials, SignType } from '#src/domain/app.js';
import type { PrivilegedAppRepository } from '#src/domain/ports.js';
import type { DataCipher } from '../crypto/data-cipher.js';
import { guardUnique } from './conflicts.js';
import type { AppRow, Database } from './tables.js';

function appRowToApp(row: AppRow): App {
  return {
    appKey: row.app_key,
    name: row.name,
    kind: row.kind as App['kind'],
    companyId: row.company_id,
    rateLimit: Number(row.rate_limit),
    signType: row.sign_type as SignType,
    createdAt: Number(row.created_at),
    oaConnectorId: row.oa_connector_id ?? null,
    maxSessions: Number(row.max_sessions ?? 1),
  };
}

export function createAppRepository(db: Kysely<Database>, cipher: DataCipher): PrivilegedAppRepository {
  const row = (appKey: string) => db.selectFrom('apps').selectAll().where('app_key', '=', appKey).executeTakeFirst();
  return {
    async getApp(appKey) {
      const r = await row(appKey);
      return r ? appRowToApp(r) : undefined;
    },
    async getCredentials(appKey) {
      const r = await row(appKey);
      // A disabled app has no credentials: every door refuses it as an unknown app.
      if (!r || r.disabled_at != null) return undefined;
      const previous = r.previous_secret_enc && r.previous_secret_until != null
        ? { secret: cipher.decrypt(r.previous_secret_enc), until: Number(r.previous_secret_until) }
        : undefined;
      return { ...appRowToApp(r), appSecret: cipher.decrypt(r.app_secret_enc), previousSecret: previous };
    },
    async insertApp(app: AppCredentials) {
      await guardUnique(() =>
        db
          .insertInto('apps')
          .values({
            app_key: app.appKey,
            app_secret_enc: cipher.encrypt(app.appSecret),
            name: app.name,
            kind: app.kind,
            company_id: app.companyId,
            rate_limit: app.rateLimit,
            sign_type: app.signType,
            created_at: app.createdAt,
            oa_connector_id: app.oaConnectorId ?? null,
            max_sessions: app.maxSessions ?? 1,
          })
          .execute(),
      );
    },
    async setOaConnector(appKey, connectorId) {
      const r = await db.updateTable('apps').set({ oa_connector_id: connectorId }).where('app_key', '=', appKey).executeTakeFirst();
      return Number(r.numUpdatedRows) > 0;
    },
    async getInstallation(appId) {
      const r = await db.selectFrom('app_installations').selectAll().where('app_id', '=', appId).executeTakeFirst();
      return r ? { appId: r.app_id, appKey: r.app_key, companyId: r.company_id } : undefined;
    },
    async isInstalled(appKey, companyId) {
      const r = await db
        .selectFrom('app_installations')
        .select('app_id')
        .where('app_key', '=', appKey)
        .where('company_id', '=', companyId)
        .executeTakeFirst();
      return r !== undefined;
    },
    async insertInstallation(i) {
      await guardUnique(() =>
        db
          .insertInto('app_installations')
          .values({ app_id: i.appId, app_key: i.appKey, company_id: i.companyId, created_at: Date.now() })
          .execute(),
      );
    },
  };
}
