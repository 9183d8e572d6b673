import { z } from 'zod';
import type { ConnectorView } from '#src/app/admin/oa-connector-admin.service.js';
import { OA_CONNECTOR_KINDS } from '#src/domain/oa-connector.js';
import { CompanyId, Timestamp, toIso } from './common.js';

const Kind = z.enum(OA_CONNECTOR_KINDS).describe('dingtalk, wecom, feishu (Lark too), oidc (any OpenID Connect provider), dev (the built-in development OA).');
const Config = z.record(z.string(), z.unknown());

export const ConnectorFieldSchema = z
  .object({
    name: z.string(),
    type: z.enum(['string', 'url', 'boolean', 'number']),
    required: z.boolean(),
    secret: z.boolean().describe('Write-only: answers show `{"set": true}` instead of the value.'),
    description: z.string(),
    enum: z.array(z.string()).optional().describe('The values it may take, when they are few.'),
  })
  .meta({ id: 'OaConnectorField' });

export const ConnectorKindListSchema = z
  .object({ items: z.array(z.object({ kind: Kind, fields: z.array(ConnectorFieldSchema) }).meta({ id: 'OaConnectorKind' })) })
  .meta({ id: 'OaConnectorKindList' });

export const ConnectorSchema = z
  .object({
    connectorId: z.string(),
    companyId: CompanyId,
    kind: Kind,
    name: z.string(),
    config: Config.describe('The kind’s settings; every secret shows as `{"set": true}`.'),
    createdAt: Timestamp,
    updatedAt: Timestamp,
  })
  .meta({ id: 'OaConnector' });

export const ConnectorListSchema = z.object({ items: z.array(ConnectorSchema) }).meta({ id: 'OaConnectorList' });

export const ConnectorCreateSchema = z
  .object({
    kind: Kind,
    name: z.string().min(1).max(100).optional().describe('Default: the kind.'),
    config: Config.default({}).describe('The settings of the kind (GET /oa-connector-kinds lists them); checked by its own schema.'),
  })
  .meta({ id: 'OaConnectorCreate' });

export const ConnectorUpdateSchema = z
  .object({
    name: z.string().min(1).max(100).optional(),
    config: Config.optional().describe('Keys to change, merged over the stored ones: null removes an optional key; a secret left out (or sent as `{"set": true}`) keeps its value.'),
  })
  .meta({ id: 'OaConnectorUpdate' });

export const ConnectorTestSchema = z
  .object({ ok: z.boolean(), detail: z.string().describe('What worked, or why not (e.g. the OA’s answer).') })
  .meta({ id: 'OaConnectorTest' });

export const ConnectorPath = z.object({ companyId: CompanyId, connectorId: z.string().min(1).max(64) });
export const ConnectorIdPath = z.object({ connectorId: z.string().min(1).max(64) });

export function connectorView(c: ConnectorView): z.input<typeof ConnectorSchema> {
  return { ...c, createdAt: toIso(c.createdAt), updatedAt: toIso(c.updatedAt) };
}
