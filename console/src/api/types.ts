/**
 * Shapes of the admin API the console reads that the generated SDK types do not (yet) name, written
 * from the shared contract (sign-in options, OA connectors).
 */
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

export type { ImportJob, ImportRow } from '@roster/admin-sdk';
export type { Session } from './session';
