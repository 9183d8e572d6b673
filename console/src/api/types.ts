import type { components } from '@roster/admin-sdk';

/**
 * Shapes of the admin API the console reads that the generated SDK types do not (yet) name, written
 * from the shared contract (sign-in options), and short names for the SDK's.
 */
export interface SignInOptions {
  password: boolean;
  connectors: { connectorId: string; kind: string; name: string }[];
}

type Schemas = components['schemas'];
export type OaField = Schemas['OaConnectorField'];
export type OaKind = Schemas['OaConnectorKind'];
export type OaConnector = Schemas['OaConnector'];

export type { ImportJob, ImportRow } from '@roster/admin-sdk';
export type { Session } from './session';
