import { createAccessService } from './app/access.service.js';
import { createAccountService } from './app/account.service.js';
import { createBenefitsEmployeeService } from './app/benefits-employee.service.js';
import { createDepartmentService } from './app/department.service.js';
import { createDirectoryService } from './app/directory.service.js';
import { createDevOaConnector } from './app/oa/dev/dev-oa.connector.js';
import { createOaConnectorsService } from './app/oa/oa-connectors.service.js';
import { createOaSignIn } from './app/oa/oa-sign-in.js';
import { createSessionService } from './app/session.service.js';
import { createTokenService } from './app/token.service.js';
import type { Config } from './config/schema.js';
import { createDatabaseNonceStore, createMemoryNonceStore } from './edge/http/nonce-store.js';
import { createRateLimiter } from './edge/http/rate-limiter.js';
import { createDataCipher } from './storage/crypto/data-cipher.js';
import { resolveDataKey } from './storage/crypto/data-key.js';
import { openDatabase } from './storage/sql/dialects.js';
import { migrateToLatest } from './storage/sql/migrate.js';
import { createSqlStore } from './storage/sql/store.js';

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
  const oaConnectors = createOaConnectorsService({ store, now, budgetMs: config.oaTimeoutMs });
  const oaSignIn = createOaSignIn({ store, access, devOa: config.devOa === 'on' ? oa : null, connectors: oaConnectors, now });
  const container = {
    config,
    now,
    store,
    location: opened.location,
    engine: opened.capabilities.engine,
    appliedMigrations: applied,
    access,
    oa,
    oaConnectors,
    directory: createDirectoryService({ store, now }),
    departments: createDepartmentService({ store }),
    accounts: createAccountService({ store, access, oaSignIn, now }),
    sessions: createSessionService({ store, oaSignIn, now, iotTokenTtlSec: config.iotTokenTtlSec, refreshTokenTtlSec: config.refreshTokenTtlSec }),
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
