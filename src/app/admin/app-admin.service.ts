import type { AppAdminRepository, ManagedApp } from '#src/domain/admin-ports.js';
import type { App, SignType } from '#src/domain/app.js';
import { assertThat, invalidParam } from '#src/domain/errors.js';
import { newHexToken } from '#src/domain/ids.js';
import type { AppRepository, Store } from '#src/domain/ports.js';
import type { DirectoryService } from '../directory.service.js';
import { assertCompanyInScope, assertInstallationCaller, type Caller } from './caller-scope.js';

export interface AppAdminServiceDeps {
  /** Changes run in a transaction of it, so an admin request's audit event commits with them. */
  store: Store;
  directory: DirectoryService;
  apps: AppAdminRepository;
  installs: AppRepository;
  now: () => number;
  defaultRateLimit: number;
  /** Called after an app changed, so this process's signature checks see the change at once. */
  onAppChanged: (appKey: string) => void;
  /** Throws unless the connector may serve the app (its company, or one it is installed in). */
  assertConnectorUsable: (app: Pick<App, 'kind' | 'companyId' | 'appKey'>, connectorId: string) => Promise<void>;
}

export interface AppChanges {
  name?: string | undefined;
  rateLimit?: number | undefined;
  signType?: SignType | undefined;
  /** The OA connector the app's sign-ins go through; null: its company's (or installed companies') own. */
  oaConnectorId?: string | null | undefined;
  /** Live IoT sessions per user (1–100). */
  sessionLimit?: number | undefined;
}

/**
 * Apps through the admin API. A company token sees the apps hosted in its company and the shared apps
 * installed there, and changes only the hosted ones (a shared app serves other companies too).
 * An app out of sight answers auth.invalid_app, as one that does not exist.
 */
export function createAppAdminService(deps: AppAdminServiceDeps) {
  async function visible(caller: Caller, appKey: string): Promise<ManagedApp> {
    const app = await deps.apps.get(appKey);
    assertThat(app, 'auth.invalid_app');
    if (caller.companyId !== null && app.companyId !== caller.companyId) {
      assertThat(app.kind === 'shared' && (await deps.installs.isInstalled(appKey, caller.companyId)), 'auth.invalid_app');
    }
    return app;
  }

  async function changeable(caller: Caller, appKey: string): Promise<ManagedApp> {
    const app = await visible(caller, appKey);
    assertThat(caller.companyId === null || app.companyId === caller.companyId, 'auth.forbidden', { rule: 'a shared app is managed with an installation token' });
    return app;
  }

  async function reread(appKey: string): Promise<ManagedApp> {
    deps.onAppChanged(appKey);
    const app = await deps.apps.get(appKey);
    assertThat(app, 'auth.invalid_app');
    return app;
  }

  /**
   * One change of an app in a transaction that answers the app as changed: the admin request's audit
   * event, written in it, names the app's company.
   */
  function changeApp<T>(appKey: string, write: (apps: AppAdminRepository) => Promise<T>): Promise<{ app: ManagedApp | undefined; value: T }> {
    return deps.store.transaction(async (repos) => {
      const value = await write(repos.admin.apps);
      return { app: await repos.admin.apps.get(appKey), value };
    });
  }

  return {
    /** A hosted app of `companyId`, or (installation tokens only) a shared app; the secret is returned only here. */
    async create(caller: Caller, input: Omit<AppChanges, 'oaConnectorId'> & { companyId?: string | undefined; oaConnectorId?: string | undefined }) {
      if (input.companyId === undefined) assertInstallationCaller(caller);
      else assertCompanyInScope(caller, input.companyId);
      if (input.oaConnectorId !== undefined) {
        // A shared app is installed first, then given the connector of a company it serves (PATCH).
        if (input.companyId === undefined) throw invalidParam('oaConnectorId', 'a shared app names its connector once installed (PATCH /apps/{appKey})');
        await deps.assertConnectorUsable({ kind: 'hosted', companyId: input.companyId, appKey: '' }, input.oaConnectorId);
      }
      const created = await deps.directory.createApp({
        companyId: input.companyId,
        name: input.name,
        rateLimit: input.rateLimit ?? deps.defaultRateLimit,
        ...(input.signType ? { signType: input.signType } : {}),
        ...(input.oaConnectorId !== undefined ? { oaConnectorId: input.oaConnectorId } : {}),
        ...(input.sessionLimit !== undefined ? { maxSessions: input.sessionLimit } : {}),
      });
      return { app: await reread(created.appKey), appSecret: created.appSecret };
    },

    get: visible,

    /** The company's apps (company tokens: their own company only), or every app for an installation token without a company. */
    async list(caller: Caller, companyId: string | undefined): Promise<ManagedApp[]> {
      if (companyId === undefined) {
        if (caller.companyId !== null) return deps.apps.listForCompany(caller.companyId);
        return deps.apps.listAll();
      }
      assertCompanyInScope(caller, companyId);
      await deps.directory.getCompany(companyId);
      return deps.apps.listForCompany(companyId);
    },

    async update(caller: Caller, appKey: string, changes: AppChanges): Promise<ManagedApp> {
      const app = await changeable(caller, appKey);
      if (changes.oaConnectorId) await deps.assertConnectorUsable(app, changes.oaConnectorId);
      const { sessionLimit, ...rest } = changes;
      await changeApp(appKey, (apps) => apps.update(appKey, { ...rest, ...(sessionLimit !== undefined ? { maxSessions: sessionLimit } : {}) }));
      return reread(appKey);
    },

    /**
     * A new secret, returned once. The old one keeps working for `overlapSec` seconds so callers can
     * switch without an outage (0 ends it at once).
     */
    async rotateSecret(caller: Caller, appKey: string, overlapSec: number): Promise<{ app: ManagedApp; appSecret: string }> {
      await changeable(caller, appKey);
      const appSecret = newHexToken(16);
      await changeApp(appKey, (apps) => apps.rotateSecret(appKey, appSecret, deps.now() + overlapSec * 1000));
      return { app: await reread(appKey), appSecret };
    },

    /**
     * Revokes every benefits access token of the app and ends every IoT session it opened (callers
     * must get new tokens; users sign in again), in one transaction. The token cache of each process
     * may honour a revoked benefits token for up to its one-minute lifetime; a session ends at once.
     */
    async revokeTokens(caller: Caller, appKey: string): Promise<{ revoked: number; revokedSessions: number }> {
      await changeable(caller, appKey);
      return deps.store.transaction(async (repos) => {
        const revoked = await repos.admin.apps.revokeTokens(appKey);
        const revokedSessions = await repos.sessions.revokeApp(appKey, deps.now());
        return { app: await repos.admin.apps.get(appKey), revoked, revokedSessions };
      });
    },

    /** Installs a shared app into a company (installation tokens only); answers the installation's appId. */
    async install(caller: Caller, appKey: string, companyId: string): Promise<{ appId: string; appKey: string; companyId: string }> {
      assertInstallationCaller(caller);
      return { appId: await deps.directory.installApp(appKey, companyId), appKey, companyId };
    },

    /** Disabled apps fail authentication in both dialects (within the access cache's few seconds). */
    async setDisabled(caller: Caller, appKey: string, disabled: boolean): Promise<ManagedApp> {
      await changeable(caller, appKey);
      await changeApp(appKey, (apps) => apps.setDisabled(appKey, disabled ? deps.now() : null));
      return reread(appKey);
    },
  };
}

export type AppAdminService = ReturnType<typeof createAppAdminService>;
