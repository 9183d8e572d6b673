import { z } from 'zod';
import { OA_CONNECTOR_KINDS, type OaConnectorKind } from '#src/domain/oa-connector.js';
import { CONNECTOR_KINDS } from './registry.js';

/** One config key of a connector kind, as a form shows it. */
export interface ConnectorField {
  name: string;
  type: 'string' | 'url' | 'boolean' | 'number';
  required: boolean;
  /** Write-only: never shown back, kept when an update leaves it out. */
  secret: boolean;
  description: string;
  /** The values it may take, when they are few. */
  enum?: string[];
}

type Json = Record<string, unknown>;

/** The form type of one JSON-schema property (a union of string and number is typed as text). */
function typeOf(property: Json): ConnectorField['type'] {
  if (property['format'] === 'uri') return 'url';
  if (property['type'] === 'boolean') return 'boolean';
  if (property['type'] === 'number' || property['type'] === 'integer') return 'number';
  return 'string';
}

/** The config keys of one kind, read from its own config schema (the one that validates it). */
export function connectorFields(kind: OaConnectorKind): ConnectorField[] {
  const spec = CONNECTOR_KINDS[kind];
  const json = z.toJSONSchema(spec.schema, { io: 'input', unrepresentable: 'any' }) as Json;
  const properties = (json['properties'] ?? {}) as Record<string, Json>;
  const required = new Set((json['required'] ?? []) as string[]);
  return Object.entries(properties).map(([name, property]) => {
    const values = property['enum'];
    return {
      name,
      type: typeOf(property),
      required: required.has(name),
      secret: spec.secrets.includes(name),
      description: typeof property['description'] === 'string' ? property['description'] : '',
      ...(Array.isArray(values) ? { enum: values.map(String) } : {}),
    };
  });
}

/** Every kind with its fields, in the catalogue's order. */
export function connectorKinds(): Array<{ kind: OaConnectorKind; fields: ConnectorField[] }> {
  return OA_CONNECTOR_KINDS.map((kind) => ({ kind, fields: connectorFields(kind) }));
}
