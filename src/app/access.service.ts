import type { App, AppCredentials } from '#src/domain/app.js';
import { assertThat } from '#src/domain/errors.js';
import type { Repositories, Store } from '#src/domain/ports.js';
import { createTtlLru } from '#src/app/ttl-lru.js';

export interface AccessServiceDeps {
  store: Store;
  now: () => number;
  /** How long an app read from the store is trusted before it is read again. */
  cacheTtlMs: number;
  /** Most apps kept in memory at once (least recently used go first); 1,024 unless given. */
  cacheMaxEntries?: number;
}

/**
 * The AppKey family: digits, no leading zero, 8 to 20 of them. Roster issues nine (`newNumericKey(9)`
 * in directory.service `createApp`, like the IoT platform's AppKeys); the benefits platform's appids
 * are eight (its docs' `30000003`), and the column holds 20. Anything else is unknown without asking
 * the store or the cache, which also keeps every cached key short.
 */
const APP_KEY = /^[1-9][0-9]{7,19}$/;

/** Misses are remembered only briefly and only a few: enough to absorb one misconfigured client's loop. */
const MISS_CACHE = { maxEntries: 256, ttlMs: 1_000 };

/**
 * Who is calling and which companies they may touch. Apps are cached briefly: every signed request
 * needs one, and they change rarely (a changed secret or limit takes effect within `cacheTtlMs`).
 * Both caches are bounded by entries and by time, and a key of the wrong shape reaches neither, so
 * a caller cycling through junk keys can neither grow memory nor make the store work.
 */
export function createAccessService(deps: AccessServiceDeps) {
  const known = createTtlLru<string, AppCredentials>({ maxEntries: deps.cacheMaxEntries ?? 1_024, ttlMs: deps.cacheTtlMs });
  const unknown = createTtlLru<string, true>({ maxEntries: MISS_CACHE.maxEntries, ttlMs: Math.min(MISS_CACHE.ttlMs, deps.cacheTtlMs) });

  async function credentials(appKey: string): Promise<AppCredentials | undefined> {
    if (!APP_KEY.test(appKey)) return undefined;
    const now = deps.now();
    const hit = known.get(appKey, now);
    if (hit) return hit.value;
    if (unknown.get(appKey, now)) return undefined;
    const app = await deps.store.repos.apps.getCredentials(appKey);
    if (app) known.set(appKey, app, now);
    else unknown.set(appKey, true, now);
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
    /** The app and its secret, for signature checks; undefined for an unknown AppKey or one of the wrong shape. */
    credentials,
    /** Apps and misses held in memory now (both bounded); for tests and metrics. */
    cachedEntries: (): number => known.size + unknown.size,
    mayAccess,

    /** Drops this process's cached copy of an app after the admin API changed it (other processes: within `cacheTtlMs`). */
    forget(appKey: string): void {
      known.delete(appKey);
      unknown.delete(appKey);
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
