import type { App, AppCredentials } from '#src/domain/app.js';
import { assertThat } from '#src/domain/errors.js';
import type { Repositories, Store } from '#src/domain/ports.js';

export interface AccessServiceDeps {
  store: Store;
  now: () => number;
  /** How long an app read from the store is trusted before it is read again. */
  cacheTtlMs: number;
}

/**
 * Who is calling and which companies they may touch. Apps are cached briefly: every signed request
 * needs one, and they change rarely (a changed secret or limit takes effect within `cacheTtlMs`).
 */
export function createAccessService(deps: AccessServiceDeps) {
  const cache = new Map<string, { app: AppCredentials | undefined; until: number }>();

  async function credentials(appKey: string): Promise<AppCredentials | undefined> {
    const now = deps.now();
    const hit = cache.get(appKey);
    if (hit && hit.until > now) return hit.app;
    const app = await deps.store.repos.apps.getCredentials(appKey);
    if (cache.size > 10_000) cache.clear();
    cache.set(appKey, { app, until: now + deps.cacheTtlMs });
    return app;
  }

  /**
   * True when the app belongs to the company (hosted) or is installed in it (shared). Inside a
   * transaction, pass its `repos`: on SQLite the transaction holds the only connection, so a read
   * through the store's own repos would wait for it forever.
   */
  async function mayAccess(app: App, companyId: string, repos: Repositories = deps.store.repos): Promise<boolean> {
    if (app.kind === 'hosted') return app.companyId === companyId;
    return repos.apps.isInstalled(app.appKey, companyId);
  }

  return {
    /** The app and its secret, for signature checks; undefined for an unknown AppKey. */
    credentials,
    mayAccess,

    /** Drops this process's cached copy of an app after the admin API changed it (other processes: within `cacheTtlMs`). */
    forget(appKey: string): void {
      cache.delete(appKey);
    },

    /** Throws `auth.forbidden` unless the app may read and write the company. */
    async assertAccess(app: App, companyId: string): Promise<void> {
      assertThat(await mayAccess(app, companyId), 'auth.forbidden');
    },

    /**
     * The tenant a request is about: from `appId` for a shared app (102126 when it names no
     * installation), from the AppKey for a hosted one. An installation of another app is forbidden.
     */
    async resolveTenant(app: App, appId: string | undefined): Promise<string> {
      const installation = appId ? await deps.store.repos.apps.getInstallation(appId) : undefined;
      if (app.kind === 'hosted') {
        // A hosted app's tenant follows from its AppKey; an appId, if sent, may only confirm it.
        assertThat(!installation || installation.companyId === app.companyId, 'auth.forbidden');
        assertThat(app.companyId, 'tenant.not_found');
        return app.companyId;
      }
      assertThat(installation, 'tenant.not_found');
      assertThat(installation.appKey === app.appKey, 'auth.forbidden');
      return installation.companyId;
    },
  };
}

export type AccessService = ReturnType<typeof createAccessService>;
