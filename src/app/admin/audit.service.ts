import type { AuditEvent, AuditFilter, AuditRepository, OperatorToken } from '#src/domain/admin-ports.js';
import type { Actor, AuditChange } from '#src/domain/audit.js';
import { invalidParam } from '#src/domain/errors.js';
import { cliActor, LOCAL_CLI_ID, newAuditEventId } from '../audit-trail.js';
import { assertCompanyInScope, type Caller } from './caller-scope.js';
import { decodeCursor, encodeCursor } from './cursor.js';

export interface AuditServiceDeps {
  audit: AuditRepository;
  now: () => number;
  /** Events older than this many days are deleted; 0 keeps them forever. */
  retentionDays: number;
}

/** What a change is, as the admin edge describes it. */
export type { AuditChange } from '#src/domain/audit.js';

const DAY_MS = 86_400_000;
/** Console admins act as `admin:<employeeId>` (admin-session.service.ts). */
const CONSOLE_ADMIN_PREFIX = 'admin:';
const CONSOLE_ADMIN_NAME = 'console admin';
/** Retention is enforced at most this often, by the process that records. */
const SWEEP_EVERY_MS = 3_600_000;

/** The admin audit log: who changed what and when, listable by company, actor, object and time. */
export function createAuditService(deps: AuditServiceDeps) {
  let sweptAt = 0;
  function actorOf(caller: OperatorToken): Actor {
    // A console admin is an employee: its name is personal data the log must not keep a copy of
    // (erasure); its id (`admin:<employeeId>`) names it.
    const actorName = caller.tokenId.startsWith(CONSOLE_ADMIN_PREFIX) ? CONSOLE_ADMIN_NAME : caller.name;
    // `roster` on the local store runs this API in its own process: the CLI is the actor, as when it writes directly.
    return caller.tokenId === LOCAL_CLI_ID ? cliActor() : { kind: 'operator', id: caller.tokenId, name: actorName };
  }
  return {
    /** Who the caller is in the audit log. */
    actorOf,

    /**
     * Appends an event for a change the caller made on its own (a change made in a transaction
     * records its event in it: audit-trail.ts `recordingStore`).
     */
    async record(caller: OperatorToken, change: AuditChange): Promise<void> {
      const at = deps.now();
      const actor = actorOf(caller);
      const event: AuditEvent = { eventId: newAuditEventId(at), actorKind: actor.kind, actorId: actor.id, actorName: actor.name, at, ...change };
      await deps.audit.insert(event);
    },

    /**
     * Deletes the events older than the retention (`ROSTER_AUDIT_RETENTION_DAYS`), at most once an
     * hour per process; `roster serve` calls it every minute, as every door appends events. Returns
     * how many went.
     */
    async sweep(): Promise<number> {
      const at = deps.now();
      if (deps.retentionDays <= 0 || at - sweptAt < SWEEP_EVERY_MS) return 0;
      sweptAt = at;
      return deps.audit.deleteOlderThan(at - deps.retentionDays * DAY_MS);
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
