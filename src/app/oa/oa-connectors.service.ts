import type { App } from '#src/domain/app.js';
import { assertThat, DomainError, invalidParam } from '#src/domain/errors.js';
import { newOpaqueId } from '#src/domain/ids.js';
import type { OaCodeType } from '#src/domain/oa.js';
import { OA_CONNECTOR_KINDS, type OaConnectorKind, type OaConnectorRecord, type OaIdentity, type OaProvider } from '#src/domain/oa-connector.js';
import type { Actor } from '#src/domain/audit.js';
import type { Repositories, Store } from '#src/domain/ports.js';
import { recordChange } from '../audit-trail.js';
import { exchangeFailureToDomain } from './oa-failures.js';
import { CONNECTOR_KINDS, parseConnectorConfig, redactConfig } from './registry.js';

export interface OaConnectorsDeps {
  store: Store;
  now: () => number;
  /** Time one exchange may spend upstream (ms). */
  budgetMs: number;
}

/** A code resolved by a connector: whose it is and who signed in. */
export interface ConnectorSignIn {
  connector: OaConnectorRecord;
  identity: OaIdentity;
}

/**
 * Companies' OA connectors: configure, list (secrets redacted), test, remove, and resolve a login
 * code through the right one. Live connectors (with their app-token caches) are kept per connector
 * id for the life of the process.
 */
/** The names of a connector config's fields (secrets are write-only: never a value in the audit log). */
const configFields = (raw: unknown): string[] => (raw && typeof raw === 'object' ? Object.keys(raw).map((k) => `config.${k}`).sort() : []);

export function createOaConnectorsService(deps: OaConnectorsDeps) {
  /** Records a connector change in its transaction as `actor`'s; null when the caller (the admin edge) records it. */
  async function audit(repos: Repositories, actor: Actor | null, action: string, connectorId: string, companyId: string, changedFields: string[]): Promise<void> {
    if (actor !== null) await recordChange(repos, actor, { action, objectType: 'oaConnector', objectId: connectorId, companyId, changedFields }, deps.now());
  }

  const live = new Map<string, { version: number; provider: OaProvider }>();

  function providerOf(record: OaConnectorRecord): OaProvider {
    const hit = live.get(record.connectorId);
    if (hit && hit.version === record.updatedAt) return hit.provider;
    const create = CONNECTOR_KINDS[record.kind].create;
    if (!create) throw new DomainError('oa.connector_unknown', { param: 'connector', rule: 'the development OA has no upstream' });
    const provider = create(record.config as never, { budgetMs: deps.budgetMs, now: deps.now });
    live.set(record.connectorId, { version: record.updatedAt, provider });
    return provider;
  }

  async function getRecord(connectorId: string): Promise<OaConnectorRecord> {
    const record = await deps.store.repos.oaConnectors.get(connectorId);
    assertThat(record, 'oa.connector_unknown', { param: '--connector', rule: 'no such connector' });
    return record;
  }

  /** The connectors a code of this app may belong to (never the development OA: its codes are Roster's own). */
  async function candidates(app: App): Promise<OaConnectorRecord[]> {
    const repo = deps.store.repos.oaConnectors;
    let found: OaConnectorRecord[];
    if (app.oaConnectorId) found = [await repo.get(app.oaConnectorId)].filter((r): r is OaConnectorRecord => r !== undefined);
    else if (app.kind === 'hosted' && app.companyId) found = await repo.listByCompany(app.companyId);
    else found = await repo.listForSharedApp(app.appKey);
    return found.filter((c) => c.kind !== 'dev');
  }

  return {
    /** The live connector of a record (built once per config version). */
    providerOf,

    /** Validates and stores a connector for the company; returns its id. */
    async add(companyId: string, kind: string, rawConfig: unknown, name?: string, actor: Actor | null = null): Promise<string> {
      if (!(OA_CONNECTOR_KINDS as readonly string[]).includes(kind)) throw invalidParam('--kind', `must be one of ${OA_CONNECTOR_KINDS.join(', ')}`);
      const config = parseConnectorConfig(kind as OaConnectorKind, rawConfig);
      const company = await deps.store.repos.tenants.getCompany(companyId);
      assertThat(company, 'tenant.not_found', { param: '--company', rule: 'no such company' });
      const connectorId = newOpaqueId();
      const now = deps.now();
      await deps.store.transaction(async (repos) => {
        await repos.oaConnectors.insert({ connectorId, companyId, kind: kind as OaConnectorKind, name: name || kind, config, createdAt: now, updatedAt: now });
        await audit(repos, actor, 'createOaConnector', connectorId, companyId, ['kind', 'name', ...configFields(rawConfig)].sort());
        return { connectorId };
      });
      return connectorId;
    },

    /** The company's connectors with their secrets replaced by `***`. */
    async list(companyId: string) {
      const records = await deps.store.repos.oaConnectors.listByCompany(companyId);
      return records.map((r) => ({ connectorId: r.connectorId, kind: r.kind, name: r.name, config: redactConfig(r.kind, r.config), createdAt: r.createdAt, updatedAt: r.updatedAt }));
    },

    /** Fetches the app token (or the discovery document) and says what worked. */
    async test(connectorId: string) {
      const record = await getRecord(connectorId);
      if (record.kind === 'dev') return { connectorId, kind: record.kind, ok: true, detail: 'the development OA needs no upstream' };
      return { connectorId, kind: record.kind, ...(await providerOf(record).test()) };
    },

    /**
     * Replaces a connector's config (e.g. a rotated secret), keeping its id and so its employees'
     * links; the live connector (and its cached app token) is rebuilt on the next sign-in.
     */
    async update(connectorId: string, rawConfig: unknown, name?: string, actor: Actor | null = null): Promise<void> {
      const record = await getRecord(connectorId);
      const config = parseConnectorConfig(record.kind, rawConfig);
      // Never the same version twice, even within one millisecond: the cache is keyed by it.
      const version = Math.max(deps.now(), record.updatedAt + 1);
      await deps.store.transaction(async (repos) => {
        assertThat(await repos.oaConnectors.update(connectorId, config, name, version), 'oa.connector_unknown', { param: '--connector', rule: 'no such connector' });
        await audit(repos, actor, 'updateOaConnector', connectorId, record.companyId, [...(name === undefined ? [] : ['name']), ...configFields(rawConfig)].sort());
      });
      live.delete(connectorId);
    },

    async remove(connectorId: string, actor: Actor | null = null): Promise<void> {
      const record = await getRecord(connectorId);
      await deps.store.transaction(async (repos) => {
        assertThat(await repos.oaConnectors.remove(connectorId), 'oa.connector_unknown', { param: '--connector', rule: 'no such connector' });
        await audit(repos, actor, 'deleteOaConnector', connectorId, record.companyId, []);
      });
      live.delete(connectorId);
    },

    /** Checks that the connector belongs to the company (for `roster app create --company ID --oa CONNECTOR_ID`). */
    async assertInCompany(companyId: string, connectorId: string): Promise<void> {
      const record = await getRecord(connectorId);
      if (record.companyId !== companyId) throw invalidParam('--oa', 'belongs to another company');
    },

    /** Checks that `connectorId` may serve the app (same company, or a company it is installed in). */
    async assertUsableBy(app: App, connectorId: string): Promise<void> {
      const record = await getRecord(connectorId);
      const ok = app.kind === 'hosted' ? app.companyId === record.companyId : await deps.store.repos.apps.isInstalled(app.appKey, record.companyId);
      if (!ok) throw invalidParam('--connector', 'belongs to a company the app does not serve');
    },

    /**
     * Resolves a login code through the app's connector: the one it names, else its company's only
     * one; a shared app's code goes through the connectors of the companies it is installed in, and
     * the company is the one whose corp / tenant / issuer the OA reports. Returns undefined when no
     * connector applies. Throws the oa.* catalogue codes.
     */
    async exchange(app: App, code: string, codeType: OaCodeType): Promise<ConnectorSignIn | undefined> {
      const found = await candidates(app);
      if (found.length === 0) return undefined;
      const keys = new Set(found.map((r) => providerOf(r).exchangeKey));
      // Several upstream apps: the code cannot say which one issued it, and each try would spend it.
      if (keys.size > 1) throw new DomainError('oa.code_invalid', { rule: 'several OA connectors; name one with roster app set-oa' });
      let identity: OaIdentity;
      try {
        identity = await providerOf(found[0]!).exchange(code, codeType);
      } catch (error) {
        throw exchangeFailureToDomain(error);
      }
      // A user of another corp / tenant / issuer is not a member, whichever connector exchanged the code.
      const belongs = (r: OaConnectorRecord) => {
        const expected = providerOf(r).expectedTenant;
        return expected === null || identity.tenantHint === null || expected === identity.tenantHint;
      };
      const match = found.length === 1 ? found.filter(belongs)[0] : found.find((r) => providerOf(r).expectedTenant !== null && belongs(r));
      assertThat(match, 'oa.not_member', { rule: `no connector's company matches the OA tenant ${identity.tenantHint ?? ''}`.trim() });
      return { connector: match, identity };
    },
  };
}

export type OaConnectorsService = ReturnType<typeof createOaConnectorsService>;
