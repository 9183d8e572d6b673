import type { z } from 'zod';
import { DomainError } from '#src/domain/errors.js';
import type { OaConnectorKind, OaProvider } from '#src/domain/oa-connector.js';
import type { ConnectorDeps } from './connector-deps.js';
import { DEV_SECRETS, devConfigSchema } from './dev/dev.config.js';
import { DINGTALK_SECRETS, dingtalkConfigSchema } from './dingtalk/dingtalk.config.js';
import { createDingtalkConnector } from './dingtalk/dingtalk.connector.js';
import { FEISHU_SECRETS, feishuConfigSchema } from './feishu/feishu.config.js';
import { createFeishuConnector } from './feishu/feishu.connector.js';
import { OIDC_SECRETS, oidcConfigSchema } from './oidc/oidc.config.js';
import { createOidcConnector } from './oidc/oidc.connector.js';
import { WECOM_SECRETS, wecomConfigSchema } from './wecom/wecom.config.js';
import { createWecomConnector } from './wecom/wecom.connector.js';

/** One connector kind: its config schema, which keys are secrets, and how to build a live connector. */
export interface ConnectorKindSpec {
  schema: z.ZodType<Record<string, unknown>>;
  secrets: readonly string[];
  /** Undefined for `dev`: its codes live in Roster's own database, see dev-oa.connector.ts. */
  create?: (config: never, deps: ConnectorDeps) => OaProvider;
}

export const CONNECTOR_KINDS: Record<OaConnectorKind, ConnectorKindSpec> = {
  dingtalk: { schema: dingtalkConfigSchema, secrets: DINGTALK_SECRETS, create: createDingtalkConnector },
  wecom: { schema: wecomConfigSchema, secrets: WECOM_SECRETS, create: createWecomConnector },
  feishu: { schema: feishuConfigSchema, secrets: FEISHU_SECRETS, create: createFeishuConnector },
  oidc: { schema: oidcConfigSchema, secrets: OIDC_SECRETS, create: createOidcConnector },
  dev: { schema: devConfigSchema, secrets: DEV_SECRETS },
};

/**
 * Validates a kind's config; a bad one is refused with `request.invalid_params` naming the key
 * (`config.corpId is required`, `config.apiBaseUrl must be an http(s) URL`, `config.foo unknown key`).
 */
export function parseConnectorConfig(kind: OaConnectorKind, raw: unknown): Record<string, unknown> {
  const parsed = CONNECTOR_KINDS[kind].schema.safeParse(raw);
  if (parsed.success) return parsed.data;
  const issue = parsed.error.issues[0]!;
  if (issue.code === 'unrecognized_keys') {
    throw new DomainError('request.invalid_params', { param: `config.${issue.keys[0]}`, rule: 'is not a key of this kind' });
  }
  const key = issue.path.length ? `config.${issue.path.join('.')}` : 'config';
  const given = issue.path.reduce<unknown>((v, k) => (v !== null && typeof v === 'object' ? (v as Record<PropertyKey, unknown>)[k] : undefined), raw);
  const missing = issue.path.length > 0 && given === undefined;
  throw new DomainError('request.invalid_params', { param: key, rule: missing ? 'is required' : issue.message });
}

/** The config with every secret replaced by `"***"`, for listing. */
export function redactConfig(kind: OaConnectorKind, config: Record<string, unknown>): Record<string, unknown> {
  const out = { ...config };
  for (const key of CONNECTOR_KINDS[kind].secrets) if (key in out) out[key] = '***';
  return out;
}
