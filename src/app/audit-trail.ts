import { userInfo } from 'node:os';
import type { App } from '#src/domain/app.js';
import type { Actor, AuditChange } from '#src/domain/audit.js';
import type { Employee } from '#src/domain/employee.js';
import { newHexToken } from '#src/domain/ids.js';
import type { EmployeePatch, Repositories } from '#src/domain/ports.js';

let counter = 0;

/**
 * A sortable event id: time, then this process's counter, then randomness, so events recorded in one
 * millisecond keep their order (the log lists by time, then id).
 */
export function newAuditEventId(at: number): string {
  return `${String(at).padStart(15, '0')}-${String(counter++ % 1_000_000).padStart(6, '0')}-${newHexToken(8)}`;
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
