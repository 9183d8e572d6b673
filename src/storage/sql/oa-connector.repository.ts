import type { Kysely } from 'kysely';
import type { OaConnectorKind, OaConnectorRecord, OaConnectorRepository, OaLinkRepository } from '#src/domain/oa-connector.js';
import type { DataCipher } from '../crypto/data-cipher.js';
import { guardUnique } from './conflicts.js';
import { runReusable } from './reusable-query.js';
import type { Database, OaConnectorRow } from './tables.js';

function rowToRecord(row: OaConnectorRow, cipher: DataCipher): OaConnectorRecord {
  return {
    connectorId: row.connector_id,
    companyId: row.company_id,
    kind: row.kind as OaConnectorKind,
    name: row.name,
    config: JSON.parse(cipher.decrypt(row.config_enc)) as Record<string, unknown>,
    createdAt: Number(row.created_at),
    updatedAt: Number(row.updated_at),
  };
}

/** Connectors with their config sealed at rest (it carries client secrets), like AppSecrets. */
export function createOaConnectorRepository(db: Kysely<Database>, cipher: DataCipher): OaConnectorRepository {
  return {
    async insert(r) {
      await guardUnique(() =>
        db
          .insertInto('oa_connectors')
          .values({
            connector_id: r.connectorId,
            company_id: r.companyId,
            kind: r.kind,
            name: r.name,
            config_enc: cipher.encrypt(JSON.stringify(r.config)),
            created_at: r.createdAt,
            updated_at: r.updatedAt,
          })
          .execute(),
      );
    },
    async get(connectorId) {
      const row = await db.selectFrom('oa_connectors').selectAll().where('connector_id', '=', connectorId).executeTakeFirst();
      return row ? rowToRecord(row, cipher) : undefined;
    },
    async listByCompany(companyId) {
      const rows = await db.selectFrom('oa_connectors').selectAll().where('company_id', '=', companyId).orderBy('created_at').orderBy('connector_id').execute();
      return rows.map((r) => rowToRecord(r, cipher));
    },
    async listForSharedApp(appKey) {
      const rows = await db
        .selectFrom('oa_connectors')
        .innerJoin('app_installations', 'app_installations.company_id', 'oa_connectors.company_id')
        .selectAll('oa_connectors')
        .where('app_installations.app_key', '=', appKey)
        .orderBy('oa_connectors.created_at')
        .orderBy('oa_connectors.connector_id')
        .execute();
      return rows.map((r) => rowToRecord(r, cipher));
    },
    async update(connectorId, config, name, updatedAt) {
      const r = await db
        .updateTable('oa_connectors')
        .set({ config_enc: cipher.encrypt(JSON.stringify(config)), updated_at: updatedAt, ...(name ? { name } : {}) })
        .where('connector_id', '=', connectorId)
        .executeTakeFirst();
      return Number(r.numUpdatedRows) > 0;
    },
    async remove(connectorId) {
      const r = await db.deleteFrom('oa_connectors').where('connector_id', '=', connectorId).executeTakeFirst();
      return Number(r.numDeletedRows) > 0;
    },
  };
}

/** Employee ↔ OA user links of one company. */
export function createOaLinkRepository(db: Kysely<Database>, companyId: string): OaLinkRepository {
  return {
    // Both run in every OA sign-in: built once per engine (runReusable).
    async find(connectorId, subject) {
      const [row] = await runReusable(db, 'employee_oa_links.find', [companyId, connectorId, subject], (company, connector, sub) =>
        db
          .selectFrom('employee_oa_links')
          .select('employee_id')
          .where('company_id', '=', company!)
          .where('connector_id', '=', connector!)
          .where('subject', '=', sub!),
      );
      return row?.employee_id;
    },
    async insert(connectorId, subject, employeeId, now) {
      await guardUnique(() =>
        runReusable(db, 'employee_oa_links.insert', [companyId, connectorId, subject, employeeId, now], (company, connector, sub, employee, at) =>
          db.insertInto('employee_oa_links').values({
            company_id: company!,
            connector_id: connector!,
            subject: sub!,
            employee_id: employee!,
            created_at: at as unknown as number,
          }),
        ),
      );
    },
  };
}
