import { z } from 'zod';
import type { AuditEvent } from '#src/domain/admin-ports.js';
import { CompanyId, Cursor, Limit, Timestamp, toIso } from './common.js';

export const AuditEventSchema = z
  .object({
    eventId: z.string(),
    companyId: CompanyId.nullable(),
    actor: z
      .object({
        kind: z.enum(['operator', 'app', 'cli']).describe('operator: an admin-API token or console admin; app: an IoT or benefits app; cli: `roster` on the local store.'),
        id: z.string().describe('The operator token’s id (admin:<employeeId> for a console admin), the app’s AppKey, or local-cli.'),
        name: z.string(),
      }),
    action: z.string().describe('The operation, e.g. updateEmployee.'),
    objectType: z.string(),
    objectId: z.string().nullable(),
    changedFields: z.array(z.string()).describe('Names of the fields sent (admin API) or changed (other doors); values are never recorded.'),
    at: Timestamp,
  })
  .meta({ id: 'AuditEvent' });

export const AuditPageSchema = z.object({ items: z.array(AuditEventSchema), nextCursor: z.string().nullable() }).meta({ id: 'AuditPage' });

export const AuditQuery = z.object({
  companyId: CompanyId.optional(),
  actorId: z.string().min(1).max(64).optional().describe('An operator token id, admin:<employeeId> for a console admin, an app’s AppKey, or local-cli.'),
  objectType: z.string().min(1).max(20).optional(),
  objectId: z.string().min(1).max(100).optional(),
  since: Timestamp.optional().describe('From this time (inclusive).'),
  until: Timestamp.optional().describe('Before this time.'),
  cursor: Cursor.optional(),
  limit: Limit,
});

export function auditView(e: AuditEvent): z.input<typeof AuditEventSchema> {
  return {
    eventId: e.eventId,
    companyId: e.companyId,
    actor: { kind: e.actorKind, id: e.actorId, name: e.actorName },
    action: e.action,
    objectType: e.objectType,
    objectId: e.objectId,
    changedFields: e.changedFields,
    at: toIso(e.at),
  };
}
