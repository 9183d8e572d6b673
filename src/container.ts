import { createAccessService } from './app/access.service.js';
import { createAdminServices } from './app/admin/admin.services.js';
import { createAccountService } from './app/account.service.js';
import { createBenefitsEmployeeService } from './app/benefits-employee.service.js';
import { createDepartmentService } from './app/department.service.js';
import { createDirectoryService } from './app/directory.service.js';
import { createDevOaConnector } from './app/oa/dev-oa.connector.js';
import { createTokenService } from './app/token.service.js';
import type { Config } from './config/schema.js';
import { createDatabaseNonceStore, createMemoryNonceStore } from './edge/http/nonce-store.js';
import { createRateLimiter } from './edge/http/rate-limiter.js';
import { createDataCipher } from './storage/crypto/data-cipher.js';
import { resolveDataKey } from './storage/crypto/data-key.js';
import { openDatabase } from './storage/sql/dialects.js';
import { migrateToLatest } from './storage/sql/migrate.js';
import { createSqlStore } from './storage/sql/store.js';
import { createAdminRepositories } from './storage/sql/admin.store.js';

/** The gateway's replay window: timestamps and nonces are valid for 15 minutes. */
export const CA_WINDOW_MS = 15 * 60 * 1000;

/**
 * The composition root: the one place that builds storage, services and edge helpers. Everything
 * else receives what it needs from here.
 */
export async function buildContainer(config: Config, options: { now?: () => number } = {}) {
  const now = options.now ?? Date.now;
  const opened = await openDatabase(config);
  const applied = await migrateToLatest(opened.db);
  const cipher = createDataCipher(resolveDataKey(config.dataKey, config.dataDir));
  const store = createSqlStore(opened.db, cipher);
  const access = createAccessService({ store, now, cacheTtlMs: 5_000 });
  const oa = createDevOaConnector();
  const directory = createDirectoryService({ store, now });
  const departments = createDepartmentService({ store });
  const container = {
    config,
    now,
    store,
    location: opened.location,
    engine: opened.capabilities.engine,
    appliedMigrations: applied,
    access,
    oa,
    directory,
    departments,
    admin: createAdminServices({
      store,
      admin: createAdminRepositories(opened.db, cipher),
      directory,
      departments,
      now,
      defaultRateLimit: config.defaultRateLimit,
      onAppChanged: (appKey) => access.forget(appKey),
      auditRetentionDays: config.auditRetentionDays,
    }),
    accounts: createAccountService({ store, access, oa, now }),
    benefitsEmployees: createBenefitsEmployeeService({ store, now }),
    tokens: createTokenService({ store, now, ttlSec: config.tokenTtlSec }),
    nonces:
      config.nonceStore === 'database'
        ? createDatabaseNonceStore(store.repos.credentials, CA_WINDOW_MS)
        : createMemoryNonceStore(CA_WINDOW_MS),
    rateLimiter: createRateLimiter(now),
    async close() {
      await store.close();
    },
  };
  return container;
}

export type Container = Awaited<ReturnType<typeof buildContainer>>;
