import type { Kysely } from 'kysely';
import type { AuditEvent, AuditRepository } from '#src/domain/admin-ports.js';
import type { ActorKind } from '#src/domain/audit.js';
import type { AuditEventRow, Database } from './tables.js';

function rowToEvent(r: AuditEventRow): AuditEvent {
  return {
    eventId: r.event_id,
    companyId: r.company_id,
    actorKind: r.actor_kind as ActorKind,
    actorId: r.actor_id,
    actorName: r.actor_name,
    action: r.action,
    objectType: r.object_type,
    objectId: r.object_id,
    changedFields: JSON.parse(r.changed_fields) as string[],
    at: Number(r.at),
  };
}

/** The admin audit log: appended, listed newest first by a keyset walk, swept by age. */
export function createAuditRepository(db: Kysely<Database>): AuditRepository {
  return {
    async insert(e) {
      await db
        .insertInto('audit_events')
        .values({
          event_id: e.eventId,
          company_id: e.companyId,
          actor_kind: e.actorKind,
          actor_id: e.actorId,
          actor_name: e.actorName,
          action: e.action,
          object_type: e.objectType,
          object_id: e.objectId,
          changed_fields: JSON.stringify(e.changedFields),
          at: e.at,
        })
        .execute();
    },
    async list(f, before, limit) {
      let q = db.selectFrom('audit_events').selectAll();
      if (f.companyId !== undefined) q = q.where('company_id', '=', f.companyId);
      if (f.actorId !== undefined) q = q.where('actor_id', '=', f.actorId);
      if (f.objectType !== undefined) q = q.where('object_type', '=', f.objectType);
      if (f.objectId !== undefined) q = q.where('object_id', '=', f.objectId);
      if (f.since !== undefined) q = q.where('at', '>=', f.since);
      if (f.until !== undefined) q = q.where('at', '<', f.until);
      if (before) {
        q = q.where((eb) => eb.or([eb('at', '<', before.at), eb.and([eb('at', '=', before.at), eb('event_id', '<', before.eventId)])]));
      }
      const rows = await q.orderBy('at', 'desc').orderBy('event_id', 'desc').limit(limit).execute();
      return rows.map(rowToEvent);
    },
    async deleteOlderThan(before) {
      const r = await db.deleteFrom('audit_events').where('at', '<', before).executeTakeFirst();
      return Number(r.numDeletedRows);
    },
  };
}
