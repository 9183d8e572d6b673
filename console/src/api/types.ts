/**
 * Shapes of the admin API the console reads that the generated SDK types do not (yet) name, written
 * from the shared contract (session, OA connectors, import jobs).
 */
export interface Session {
  kind: 'admin' | 'operator';
  companyId: string | null;
  employeeId: string | null;
  name: string;
  csrfToken: string;
  expiresAt: string;
}

export interface SignInOptions {
  password: boolean;
  connectors: { connectorId: string; kind: string; name: string }[];
}

export interface OaField {
  name: string;
  type: 'string' | 'url' | 'boolean' | 'number';
  required: boolean;
  secret: boolean;
  description: string;
}

export interface OaKind {
  kind: string;
  fields: OaField[];
}

export interface OaConnector {
  connectorId: string;
  kind: string;
  name: string;
  config: Record<string, unknown>;
  [more: string]: unknown;
}

export interface ImportJob {
  importId: string;
  status: 'queued' | 'running' | 'done' | 'failed';
  dryRun: boolean;
  fileName: string | null;
  total: number;
  processed: number;
  created: number;
  updated: number;
  unchanged: number;
  failed: number;
  /** Why the whole job failed (status failed). */
  error?: string | null;
  createdAt: string;
  finishedAt: string | null;
}

export interface ImportRow {
  row: number;
  outcome: 'created' | 'updated' | 'unchanged' | 'failed' | 'valid';
  employeeId: string | null;
  /** The code `/employee/add` of the benefits dialect answers for the same input. */
  code: number | string | null;
  message: string | null;
}
