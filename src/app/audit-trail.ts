import { AsyncLocalStorage } from 'node:async_hooks';
import { userInfo } from 'node:os';
import type { App } from '#src/domain/app.js';
import type { Actor, AuditChange } from '#src/domain/audit.js';
import type { Employee } from '#src/domain/employee.js';
import { newHexId } from '#src/domain/ids.js';
import type { EmployeePatch, Repositories, Store } from '#src/domain/ports.js';

let counter = 0;

/**
 * A sortable event id: time, then this process's counter, then randomness, so events recorded in one
 * millisecond keep their order (the log lists by time, then id).
 */
export function newAuditEventId(at: number): string {
  return `${String(at).padStart(15, '0')}-${String(counter++ % 1_000_000).padStart(6, '0')}-${newHexId(8)}`;
}

/** An app (IoT or benefits dialect) as the actor of the changes it asks for. */
export function appActor(app: Pick<App, 'appKey' | 'name'>): Actor {
  return { kind: 'app', id: app.appKey, name: app.name };
}

/**
 * The operator id of `roster` on the local store, both when it writes directly and when it runs the
 * admin API in its own process (src/cli/admin-client.ts): either way the audit names the CLI.
 */
export const LOCAL_CLI_ID = 'local-cli';

/** `roster` writing the local store directly; named after the system user who ran it. */
export function cliActor(): Actor {
  let user = 'unknown';
  try {
    user = userInfo().username;
  } catch {
    // No passwd entry (some containers): the kind and id still say it was the CLI.
  }
  return { kind: 'cli', id: LOCAL_CLI_ID, name: `roster CLI (${user})`.slice(0, 100) };
}

/**
 * Appends the change's event through `repos`, which must be the change's own transaction: the event
 * commits with the change (no second commit) and goes with it when it rolls back.
 */
export async function recordChange(repos: Repositories, actor: Actor, change: AuditChange, at: number): Promise<void> {
  await repos.audit.insert({ eventId: newAuditEventId(at), actorKind: actor.kind, actorId: actor.id, actorName: actor.name, at, ...change });
}

/** Bookkeeping columns a change writes that are no field of the employee's. */
const BOOKKEEPING = new Set(['modifier', 'creator', 'updatedAt', 'createdAt', 'seq', 'companyId', 'employeeId', 'identityId', 'accountId']);
/** Columns that store one field several ways: the audit names the field. */
const FIELD_OF: Record<string, string> = { phoneRaw: 'phone', phoneE164: 'phone', mobileArea: 'phone', passwordHash: 'password', cardNo: 'cardNo', cardType: 'cardType' };

const same = (a: unknown, b: unknown): boolean => JSON.stringify(a ?? null) === JSON.stringify(b ?? null);

/**
 * The names of the employee fields a patch changes (all it sets, for a new employee): the audit
 * records that the phone or ID number changed, never the values.
 */
export function changedEmployeeFields(patch: EmployeePatch | Partial<Employee>, before?: Employee): string[] {
  const names = new Set<string>();
  for (const [key, value] of Object.entries(patch)) {
    if (value === undefined || BOOKKEEPING.has(key)) continue;
    if (before === undefined ? value === null || value === false || (Array.isArray(value) && value.length === 0) : key !== 'passwordHash' && same(value, (before as unknown as Record<string, unknown>)[key])) continue;
    names.add(FIELD_OF[key] ?? key);
  }
  return [...names].sort();
}

/**
 * A change a door has been asked for and has not recorded yet: the admin edge knows who asks and what
 * the route is, the service it calls knows the transaction. `recordingStore` joins the two.
 */
export interface PendingChange {
  actor: Actor;
  /** The change, described from what the transaction returned (a create's new id); null: not from this one. */
  describe(result: unknown): AuditChange | null;
  /** Set once the event is written in a transaction that committed (or is committing). */
  recorded: boolean;
}

const pendingChanges = new AsyncLocalStorage<PendingChange>();

/** Runs `work` (one admin request) so that its first transaction also writes `pending`'s event. */
export function runRecording<T>(pending: PendingChange, work: () => Promise<T>): Promise<T> {
  return pendingChanges.run(pending, work);
}

/** Runs `work` outside any request's pending change: background jobs a request kicks record their own. */
export function detachedFromRequest<T>(work: () => T): T {
  return pendingChanges.exit(work);
}

/**
 * The store every service uses: a transaction started while a change is pending (an admin request)
 * writes that change's audit event as its last statement, so the event commits with the change and
 * rolls back with it. The pending change is read where the transaction is asked for, not inside the
 * work: a group commit runs the work in whichever request leads the group.
 */
export function recordingStore<S extends Store>(store: S, now: () => number): S {
  const transaction: Store['transaction'] = (work) => {
    const pending = pendingChanges.getStore();
    if (!pending || pending.recorded) return store.transaction(work);
    let mine = false;
    return store
      .transaction(async (repos) => {
        const result = await work(repos);
        const change = pending.recorded ? null : pending.describe(result);
        if (change) {
          pending.recorded = mine = true;
          await recordChange(repos, pending.actor, change, now());
        }
        return result;
      })
      .catch((error: unknown) => {
        // Rolled back: nothing of the change (nor its event) is left; a later transaction may record it.
        if (mine) pending.recorded = false;
        throw error;
      });
  };
  return { ...store, transaction };
}
