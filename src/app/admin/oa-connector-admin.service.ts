import type { App } from '#src/domain/app.js';
import { assertThat, invalidParam } from '#src/domain/errors.js';
import type { OaConnectorKind, OaConnectorRecord } from '#src/domain/oa-connector.js';
import type { Store } from '#src/domain/ports.js';
import { connectorKinds } from '../oa/connector-fields.js';
import type { OaConnectorsService } from '../oa/oa-connectors.service.js';
import { CONNECTOR_KINDS } from '../oa/registry.js';
import { assertCompanyInScope, type Caller } from './caller-scope.js';

export interface OaConnectorAdminServiceDeps {
  store: Store;
  connectors: OaConnectorsService;
}

/** A connector as the admin API shows it: every secret replaced by `{set: true}`. */
export interface ConnectorView {
  connectorId: string;
  companyId: string;
  kind: OaConnectorKind;
  name: string;
  config: Record<string, unknown>;
  createdAt: number;
  updatedAt: number;
}

const isKeepMarker = (v: unknown) => v !== null && typeof v === 'object' && (v as Record<string, unknown>)['set'] === true;

function viewOf(r: OaConnectorRecord): ConnectorView {
  const config = { ...r.config };
  for (const key of CONNECTOR_KINDS[r.kind].secrets) if (key in config) config[key] = { set: true };
  return { connectorId: r.connectorId, companyId: r.companyId, kind: r.kind, name: r.name, config, createdAt: r.createdAt, updatedAt: r.updatedAt };
}

/**
 * A company's OA connectors through the admin API, over the connectors service the CLI used: the
 * same validation (each kind's config schema), secrets write-only. A connector of another company
 * answers oa.connector_unknown, as one that does not exist.
 */
export function createOaConnectorAdminService(deps: OaConnectorAdminServiceDeps) {
  const repo = () => deps.store.repos.oaConnectors;

  async function inCompany(caller: Caller, companyId: string, connectorId: string): Promise<OaConnectorRecord> {
    assertCompanyInScope(caller, companyId);
    const record = await repo().get(connectorId);
    assertThat(record && record.companyId === companyId, 'oa.connector_unknown');
    return record;
  }

  return {
    kinds: connectorKinds,

    async list(caller: Caller, companyId: string): Promise<ConnectorView[]> {
      assertCompanyInScope(caller, companyId);
      assertThat(await deps.store.repos.tenants.getCompany(companyId), 'tenant.not_found');
      return (await repo().listByCompany(companyId)).map(viewOf);
    },

    async get(caller: Caller, companyId: string, connectorId: string): Promise<ConnectorView> {
      return viewOf(await inCompany(caller, companyId, connectorId));
    },

    /** The connector by id alone (the CLI's `--connector ID`); out of the caller's scope it does not exist. */
    async find(caller: Caller, connectorId: string): Promise<ConnectorView> {
      const record = await repo().get(connectorId);
      assertThat(record && (caller.companyId === null || caller.companyId === record.companyId), 'oa.connector_unknown');
      return viewOf(record);
    },

    async create(caller: Caller, companyId: string, input: { kind: OaConnectorKind; name?: string | undefined; config: Record<string, unknown> }): Promise<ConnectorView> {
      assertCompanyInScope(caller, companyId);
      assertThat(await deps.store.repos.tenants.getCompany(companyId), 'tenant.not_found');
      const connectorId = await deps.connectors.add(companyId, input.kind, input.config, input.name);
      return viewOf((await repo().get(connectorId))!);
    },

    /**
     * Merges the given config keys over the stored ones (null removes an optional key; a secret left
     * out, or sent back as `{set: true}`, keeps its stored value), then validates the whole as on create.
     */
    async update(caller: Caller, companyId: string, connectorId: string, input: { name?: string | undefined; config?: Record<string, unknown> | undefined }): Promise<ConnectorView> {
      const record = await inCompany(caller, companyId, connectorId);
      const config = { ...record.config };
      for (const [key, value] of Object.entries(input.config ?? {})) {
        if (value === null) delete config[key];
        else if (!isKeepMarker(value)) config[key] = value;
      }
      await deps.connectors.update(connectorId, config, input.name);
      return viewOf((await repo().get(connectorId))!);
    },

    async remove(caller: Caller, companyId: string, connectorId: string): Promise<void> {
      await inCompany(caller, companyId, connectorId);
      await deps.connectors.remove(connectorId);
    },

    /** Fetches the app token (or the discovery document) and says what worked; never throws for an upstream failure. */
    async test(caller: Caller, companyId: string, connectorId: string): Promise<{ ok: boolean; detail: string }> {
      await inCompany(caller, companyId, connectorId);
      const { ok, detail } = await deps.connectors.test(connectorId);
      return { ok, detail };
    },

    /** Throws unless the connector may serve the app: its company's, or one of a company a shared app is installed in. */
    async assertUsable(app: Pick<App, 'kind' | 'companyId' | 'appKey'>, connectorId: string): Promise<void> {
      const record = await repo().get(connectorId);
      assertThat(record, 'oa.connector_unknown', { param: 'oaConnectorId' });
      const ok = app.kind === 'hosted' ? app.companyId === record.companyId : await deps.store.repos.apps.isInstalled(app.appKey, record.companyId);
      if (!ok) throw invalidParam('oaConnectorId', 'belongs to a company the app does not serve');
    },
  };
}

export type OaConnectorAdminService = ReturnType<typeof createOaConnectorAdminService>;
