/**
 * The audit log's vocabulary, shared by every door: who made a change (an operator token or console
 * admin, an app, the CLI on the local store), what and which fields — names only, never values.
 */

/** `operator`: an admin-API token or console admin; `app`: an IoT or benefits app (appKey); `cli`: `roster` on the local store. */
export type ActorKind = 'operator' | 'app' | 'cli';

export interface Actor {
  kind: ActorKind;
  /** Operator token id (`admin:<employeeId>` for a console admin), the AppKey, or `local-cli`. */
  id: string;
  name: string;
}

/** What a change is: recorded with its actor and time in the change's own transaction. */
export interface AuditChange {
  /** The operation, e.g. `updateEmployee`. */
  action: string;
  objectType: string;
  objectId: string | null;
  companyId: string | null;
  /** Names of the fields that changed; values are never recorded (secrets, ID numbers, personal data). */
  changedFields: string[];
}
