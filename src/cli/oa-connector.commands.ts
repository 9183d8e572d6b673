import type { OaConnector, RosterAdmin } from '@roster/admin-sdk';
import { invalidParam } from '#src/domain/errors.js';
import { optionalFlag, parseFlags, requireFlag } from './args.js';
import { TARGET_FLAGS, type SdkCommand } from './directory.commands.js';

const flagsOf = (argv: string[], strings: string[]) => parseFlags(argv, [...strings, ...TARGET_FLAGS]).flags;

function jsonFlag(text: string): Record<string, unknown> {
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    throw invalidParam('--config', 'must be a JSON object');
  }
  if (parsed === null || typeof parsed !== 'object' || Array.isArray(parsed)) throw invalidParam('--config', 'must be a JSON object');
  return parsed as Record<string, unknown>;
}

/** The listing as the command always printed it: secrets as `***`, times in epoch ms. */
function printed(c: OaConnector) {
  const config = Object.fromEntries(Object.entries(c.config).map(([k, v]) => [k, v !== null && typeof v === 'object' && (v as { set?: unknown }).set === true ? '***' : v]));
  return { connectorId: c.connectorId, kind: c.kind, name: c.name, config, createdAt: Date.parse(c.createdAt), updatedAt: Date.parse(c.updatedAt) };
}

type Verb = (admin: RosterAdmin, argv: string[]) => Promise<Record<string, unknown>>;

const CONNECTOR_VERBS: Record<string, Verb> = {
  async add(admin, argv) {
    const flags = flagsOf(argv, ['company', 'kind', 'config', 'name']);
    const kind = requireFlag(flags, 'kind');
    const kinds = ['dingtalk', 'wecom', 'feishu', 'oidc', 'dev'] as const;
    if (!(kinds as readonly string[]).includes(kind)) throw invalidParam('--kind', `must be one of ${kinds.join(', ')}`);
    const name = optionalFlag(flags, 'name');
    const made = await admin.oaConnectors.create(requireFlag(flags, 'company'), {
      kind: kind as (typeof kinds)[number],
      config: jsonFlag(optionalFlag(flags, 'config') ?? '{}'),
      ...(name ? { name } : {}),
    });
    return { connectorId: made.connectorId };
  },
  async list(admin, argv) {
    return { connectors: (await admin.oaConnectors.list(requireFlag(flagsOf(argv, ['company']), 'company'))).map(printed) };
  },
  async test(admin, argv) {
    const found = await admin.oaConnectors.find(requireFlag(flagsOf(argv, ['connector']), 'connector'));
    return { connectorId: found.connectorId, kind: found.kind, ...(await admin.oaConnectors.test(found.companyId, found.connectorId)) };
  },
  /** Replaces the config (the command's meaning): every stored key the new config leaves out is removed. */
  async update(admin, argv) {
    const flags = flagsOf(argv, ['connector', 'config', 'name']);
    const found = await admin.oaConnectors.find(requireFlag(flags, 'connector'));
    const config: Record<string, unknown> = jsonFlag(requireFlag(flags, 'config'));
    for (const key of Object.keys(found.config)) if (!(key in config)) config[key] = null;
    const name = optionalFlag(flags, 'name');
    await admin.oaConnectors.update(found.companyId, found.connectorId, { config, ...(name ? { name } : {}) });
    return { connectorId: found.connectorId, updated: true };
  },
  async remove(admin, argv) {
    const found = await admin.oaConnectors.find(requireFlag(flagsOf(argv, ['connector']), 'connector'));
    await admin.oaConnectors.delete(found.companyId, found.connectorId);
    return { connectorId: found.connectorId, removed: true };
  },
};

/** `roster oa connector add|list|test|update|remove` and `roster app set-oa`, through the admin API. */
export const OA_CONNECTOR_COMMANDS: Record<string, SdkCommand> = {
  async 'oa connector'(admin, argv) {
    const [verb, ...rest] = argv;
    const sub = CONNECTOR_VERBS[verb ?? ''];
    if (!sub) throw invalidParam('verb', 'must be add, list, test, update or remove');
    return sub(admin, rest);
  },

  async 'app set-oa'(admin, argv) {
    const flags = flagsOf(argv, ['app', 'connector']);
    const app = await admin.apps.update(requireFlag(flags, 'app'), { oaConnectorId: requireFlag(flags, 'connector') });
    return { appKey: app.appKey, connectorId: app.oaConnectorId };
  },
};
