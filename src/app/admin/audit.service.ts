import type { AuditEvent, AuditFilter, AuditRepository, OperatorToken } from '#src/domain/admin-ports.js';
import { invalidParam } from '#src/domain/errors.js';
import { newHexToken } from '#src/domain/ids.js';
import { assertCompanyInScope, type Caller } from './caller-scope.js';
import { decodeCursor, encodeCursor } from './cursor.js';

export interface AuditServiceDeps {
  audit: AuditRepository;
  now: () => number;
  /** Events older than this many days are deleted; 0 keeps them forever. */
  retentionDays: number;
}

/** What a change is, as the admin edge describes it. */
export interface AuditChange {
  action: string;
  objectType: string;
  objectId: string | null;
  companyId: string | null;
  /** Names of the fields sent; values are never recorded (secrets, ID numbers). */
  changedFields: string[];
}

const DAY_MS = 86_400_000;
/** Retention is enforced at most this often, by the process that records. */
const SWEEP_EVERY_MS = 3_600_000;

/** The admin audit log: who changed what and when, listable by company, actor, object and time. */
export function createAuditService(deps: AuditServiceDeps) {
  let sweptAt = 0;
  let counter = 0;
  // Sortable ids: time, then this process's counter, then randomness, so events recorded in one
  // millisecond keep their order (the log lists by time, then id).
  const nextEventId = (at: number) => `${String(at).padStart(15, '0')}-${String(counter++ % 1_000_000).padStart(6, '0')}-${newHexToken(8)}`;
  return {
    /** Appends an event for a change the caller made (after it committed). */
    async record(caller: OperatorToken, change: AuditChange): Promise<void> {
      const at = deps.now();
      const event: AuditEvent = { eventId: nextEventId(at), actorKind: 'operator', actorId: caller.tokenId, actorName: caller.name, at, ...change };
      await deps.audit.insert(event);
      if (deps.retentionDays > 0 && at - sweptAt >= SWEEP_EVERY_MS) {
        sweptAt = at;
        await deps.audit.deleteOlderThan(at - deps.retentionDays * DAY_MS);
      }
    },

    /** Newest first. A company token sees its company's events only. */
    async list(caller: Caller, filter: AuditFilter, cursor: string | undefined, limit: number): Promise<{ events: AuditEvent[]; nextCursor: string | null }> {
      if (filter.companyId !== undefined) assertCompanyInScope(caller, filter.companyId);
      const scoped = caller.companyId === null ? filter : { ...filter, companyId: caller.companyId };
      let before: { at: number; eventId: string } | undefined;
      if (cursor !== undefined) {
        const [at, eventId] = decodeCursor(cursor);
        if (typeof at !== 'number' || typeof eventId !== 'string') throw invalidParam('cursor', 'is not a cursor this list gave out');
        before = { at, eventId };
      }
      const page = await deps.audit.list(scoped, before, limit + 1);
      const events = page.slice(0, limit);
      const last = events[events.length - 1];
      return { events, nextCursor: page.length > limit && last ? encodeCursor([last.at, last.eventId]) : null };
    },
  };
}

export type AuditService = ReturnType<typeof createAuditService>;
