import { join } from 'node:path';
import { createAccessService } from './app/access.service.js';
import { createAdminServices } from './app/admin/admin.services.js';
import { createIdentityService } from './app/identity.service.js';
import { createIdentityQueryService } from './app/identity-query.service.js';
import { createAccountService } from './app/account.service.js';
import { createBenefitsEmployeeService } from './app/benefits-employee.service.js';
import { createBenefitsEmployeeMoreService } from './app/benefits-employee-more.service.js';
import { createDepartmentMoreService } from './app/department-more.service.js';
import { createDepartmentService } from './app/department.service.js';
import { createBatchService } from './app/jobs/batch.service.js';
import { createBatchWorker } from './app/jobs/batch-worker.js';
import type { RowServicesOver } from './app/row-services.js';
import { createDirectoryService } from './app/directory.service.js';
import { createPasswordHasher } from './app/password.js';
import { createDevOaConnector } from './app/oa/dev/dev-oa.connector.js';
import { createOaConnectorsService } from './app/oa/oa-connectors.service.js';
import { createOaSignIn } from './app/oa/oa-sign-in.js';
import { createSessionService } from './app/session.service.js';
import { createTokenService } from './app/token.service.js';
import type { Config } from './config/schema.js';
import { createMetrics } from './edge/http/metrics.js';
import { createDatabaseNonceStore, createMemoryNonceStore } from './edge/http/nonce-store.js';
import { MAX_SKEW_SEC } from './edge/benefits/verify-benefits-sign.js';
import { createRateLimiter } from './edge/http/rate-limiter.js';
import { benefitsErrorOf } from './edge/benefits/error-map.js';
import { benefitsImportRowReader } from './edge/benefits/import-row-reader.js';
import { createKeyringSource } from './storage/crypto/keyring.js';
import { createKeyringCipher } from './storage/crypto/keyring-cipher.js';
import { openDatabase } from './storage/sql/dialects.js';
import { migrateToLatest } from './storage/sql/migrate.js';
import { createSqlStore } from './storage/sql/store.js';
import { postgresStoreAdvice } from './storage/sql/postgres-advice.js';
import { recordingStore } from './app/audit-trail.js';
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
  const cipher = createKeyringCipher(createKeyringSource(config.dataKey, config.dataKeysRetired, config.dataDir));
  // Every transaction an admin request runs writes the request's audit event with its change.
  const store = recordingStore(createSqlStore(opened.db, cipher, {
    groupCommit: opened.capabilities.singleConnection,
    batchSightings: !opened.capabilities.singleConnection,
    batchDb: opened.batchDb,
  }), now);
  const access = createAccessService({ store, now, cacheTtlMs: 5_000 });
  const oa = createDevOaConnector();
  const directory = createDirectoryService({ store, now });
  const passwords = createPasswordHasher({ concurrency: config.passwordHashConcurrency, waitingPerApp: config.passwordHashQueue });
  const departmentLimits = { maxDepth: config.maxDepartmentDepth, maxDepartments: config.maxDepartments };
  const departments = createDepartmentService({ store, limits: departmentLimits, now });
  // Batch rows and single syncs run the employee and department services inside their own transaction.
  const servicesOver: RowServicesOver = (s) => ({
    employees: createBenefitsEmployeeService({ store: s, now, passwords }),
    departments: createDepartmentService({ store: s, limits: departmentLimits, now }),
  });
  const benefitsEmployees = createBenefitsEmployeeService({ store, now, passwords });
  const batchWorker = createBatchWorker({ store, now, servicesOver });
  const oaConnectors = createOaConnectorsService({ store, now, budgetMs: config.oaTimeoutMs });
  const oaSignIn = createOaSignIn({ store, access, devOa: config.devOa === 'on' ? oa : null, connectors: oaConnectors, now });
  const container = {
    config,
    now,
    store,
    location: opened.location,
    engine: opened.capabilities.engine,
    appliedMigrations: applied,
    /** Warnings about the store's own settings, for `roster serve` to print (PostgreSQL: name search's index). */
    storeAdvice: (): Promise<string[]> => (opened.capabilities.engine === 'postgres' ? postgresStoreAdvice(opened.db) : Promise.resolve([])),
    /** Prometheus metrics; `metrics.upstream` is the port OA connectors record their calls on. */
    metrics: createMetrics(() => opened.poolState?.(), () => store.stats),
    access,
    oa,
    oaConnectors,
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
      passwords,
      imports: {
        reader: benefitsImportRowReader,
        describeFailure: (error) => {
          const { code, msg } = benefitsErrorOf(error.code, error.details);
          return { code, message: msg };
        },
        spoolDir: join(config.dataDir, 'tmp'),
        maxBytes: config.importMaxBytes,
      },
      oaConnectors,
    }),
    accounts: createAccountService({ store, access, oaSignIn, now }),
    sessions: createSessionService({ store, oaSignIn, now, iotTokenTtlSec: config.iotTokenTtlSec, refreshTokenTtlSec: config.refreshTokenTtlSec }),
    identities: createIdentityService({ store, access, passwords, now }),
    identityQueries: createIdentityQueryService({ store, access }),
    benefitsEmployees,
    benefitsEmployeesMore: createBenefitsEmployeeMoreService({ store, now, employees: benefitsEmployees, servicesOver }),
    departmentsMore: createDepartmentMoreService({ store, now }),
    batches: createBatchService({ store, now, employees: benefitsEmployees, onSubmitted: batchWorker.kick }),
    /** Started by the HTTP server (buildServer), stopped before the store closes. */
    batchWorker,
    passwords,
    tokens: createTokenService({ store, now, ttlSec: config.tokenTtlSec, issueLimitPerHour: config.tokenIssueLimit, signWindowSec: MAX_SKEW_SEC }),
    // The database store is the default so that a restart or a second process cannot be replayed to.
    nonces:
      config.nonceStore === 'memory'
        ? createMemoryNonceStore(CA_WINDOW_MS)
        : createDatabaseNonceStore(store.repos.credentials, CA_WINDOW_MS),
    rateLimiter: createRateLimiter(now),
    async close() {
      await batchWorker.stop();
      await container.admin.importWorker.stop();
      await store.close();
    },
  };
  return container;
}

export type Container = Awaited<ReturnType<typeof buildContainer>>;
