import type { Container } from '#src/container.js';
import { assertThat, invalidParam } from '#src/domain/errors.js';
import { cliActor, recordChange } from '#src/app/audit-trail.js';
import { optionalFlag, parseFlags, requireFlag } from './args.js';

type Command = (c: Container, argv: string[]) => Promise<Record<string, unknown>>;

function jsonFlag(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    throw invalidParam('--config', 'must be a JSON object');
  }
}

/** `roster oa connector …`, `roster app set-oa` and `roster session revoke`. */
export const OA_COMMANDS: Record<string, Command> = {
  async 'oa connector'(c, argv) {
    const [verb, ...rest] = argv;
    const sub = CONNECTOR_VERBS[verb ?? ''];
    if (!sub) throw invalidParam('verb', 'must be add, list, test, update or remove');
    return sub(c, rest);
  },

  async 'app set-oa'(c, argv) {
    const { flags } = parseFlags(argv, ['app', 'connector']);
    const appKey = requireFlag(flags, 'app');
    const connectorId = requireFlag(flags, 'connector');
    const app = await c.store.repos.apps.getApp(appKey);
    assertThat(app, 'auth.invalid_app', { param: '--app', rule: 'no such app' });
    await c.oaConnectors.assertUsableBy(app, connectorId);
    await c.store.transaction(async (repos) => {
      await repos.apps.setOaConnector(appKey, connectorId);
      await recordChange(repos, cliActor(), { action: 'setAppOaConnector', objectType: 'app', objectId: appKey, companyId: app.companyId, changedFields: ['oaConnectorId'] }, c.now());
    });
    return { appKey, connectorId };
  },

  async 'session revoke'(c, argv) {
    const { flags } = parseFlags(argv, ['employee', 'company']);
    const revoked = await c.sessions.revokeEmployee(requireFlag(flags, 'employee'), optionalFlag(flags, 'company'), cliActor());
    return { revoked };
  },
};

const CONNECTOR_VERBS: Record<string, Command> = {
  async add(c, argv) {
    const { flags } = parseFlags(argv, ['company', 'kind', 'config', 'name']);
    const connectorId = await c.oaConnectors.add(
      requireFlag(flags, 'company'),
      requireFlag(flags, 'kind'),
      jsonFlag(optionalFlag(flags, 'config') ?? '{}'),
      optionalFlag(flags, 'name'),
      cliActor(),
    );
    return { connectorId };
  },
  async list(c, argv) {
    const { flags } = parseFlags(argv, ['company']);
    return { connectors: await c.oaConnectors.list(requireFlag(flags, 'company')) };
  },
  async test(c, argv) {
    const { flags } = parseFlags(argv, ['connector']);
    return c.oaConnectors.test(requireFlag(flags, 'connector'));
  },
  async update(c, argv) {
    const { flags } = parseFlags(argv, ['connector', 'config', 'name']);
    const connectorId = requireFlag(flags, 'connector');
    await c.oaConnectors.update(connectorId, jsonFlag(requireFlag(flags, 'config')), optionalFlag(flags, 'name'), cliActor());
    return { connectorId, updated: true };
  },
  async remove(c, argv) {
    const { flags } = parseFlags(argv, ['connector']);
    const connectorId = requireFlag(flags, 'connector');
    await c.oaConnectors.remove(connectorId, cliActor());
    return { connectorId, removed: true };
  },
};
