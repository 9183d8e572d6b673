import type { AdminRepositories } from '#src/domain/admin-ports.js';
import type { Store } from '#src/domain/ports.js';
import type { DepartmentService } from '../department.service.js';
import type { DirectoryService } from '../directory.service.js';
import type { OaConnectorsService } from '../oa/oa-connectors.service.js';
import type { PasswordHasher } from '../password.js';
import { createEmployeeImportService } from '../import/import.service.js';
import { createImportWorker, type ImportWorkerDeps } from '../import/import-worker.js';
import { createOaConnectorAdminService } from './oa-connector-admin.service.js';
import { createConsoleOaSignIn } from './console-oa-sign-in.service.js';
import { createAdminSessionService } from './admin-session.service.js';
import { createAppAdminService } from './app-admin.service.js';
import { createAuditService } from './audit.service.js';
import { createCompanyAdminService } from './company-admin.service.js';
import { createDepartmentAdminService } from './department-admin.service.js';
import { createEmployeeAdminService } from './employee-admin.service.js';
import { createOperatorTokenService } from './operator-token.service.js';
import { createSetupAdminService } from './setup-admin.service.js';

export interface AdminServicesDeps {
  store: Store;
  admin: AdminRepositories;
  directory: DirectoryService;
  departments: DepartmentService;
  now: () => number;
  /** Requests per second for apps created without a rate limit. */
  defaultRateLimit: number;
  onAppChanged: (appKey: string) => void;
  /** Days the audit log keeps an event; 0 = forever. */
  auditRetentionDays: number;
  passwords: PasswordHasher;
  /** Bulk import: the row rules (the benefits dialect's), where uploads spool, how big they may be. */
  imports: Pick<ImportWorkerDeps, 'reader' | 'describeFailure' | 'chunkRows'> & { spoolDir: string; maxBytes: number };
  /** Companies' OA connectors (the same service the IoT sign-ins resolve codes through). */
  oaConnectors: OaConnectorsService;
}

/** Everything the admin API calls, built once by the container. */
export function createAdminServices(deps: AdminServicesDeps) {
  const { store, admin, directory, now } = deps;
  const employees = createEmployeeAdminService({ store, directory, list: admin.employees, now });
  const audit = createAuditService({ audit: admin.audit, now, retentionDays: deps.auditRetentionDays });
  // One summarising audit event per finished import (its counters), besides the one for its start.
  const importWorker = createImportWorker({
    store,
    now,
    ...deps.imports,
    onFinished: (job) =>
      audit.record(
        { tokenId: job.actorId, name: job.actorName, companyId: job.companyId, createdAt: job.createdAt, lastUsedAt: null, revokedAt: null },
        { action: 'finishEmployeeImport', objectType: 'employeeImport', objectId: job.importId, companyId: job.companyId, changedFields: [`created:${job.created}`, `updated:${job.updated}`, `unchanged:${job.unchanged}`, `failed:${job.failed}`, `dryRun:${job.dryRun}`] },
      ),
  });
  const tokens = createOperatorTokenService({ store, tokens: admin.tokens, tenants: store.repos.tenants, now });
  const oaConnectors = createOaConnectorAdminService({ store, connectors: deps.oaConnectors });
  const sessions = createAdminSessionService({ store, sessions: admin.sessions, tokens: admin.tokens, authenticateToken: (t) => tokens.authenticate(t), now, passwords: deps.passwords });
  return {
    /** The container's clock: views judge resignation against it. */
    now,
    tokens,
    companies: createCompanyAdminService({ store, directory, companies: admin.companies }),
    employees,
    apps: createAppAdminService({ store, directory, apps: admin.apps, installs: store.repos.apps, now, defaultRateLimit: deps.defaultRateLimit, onAppChanged: deps.onAppChanged, assertConnectorUsable: oaConnectors.assertUsable }),
    oaConnectors,
    departments: createDepartmentAdminService({ directory, departments: deps.departments, list: admin.employees }),
    sessions,
    oaSignIn: createConsoleOaSignIn({ store, connectors: deps.oaConnectors, sessions, pending: admin.sessions, now }),
    audit,
    setup: createSetupAdminService({ store, directory, costCenters: admin.costCenters }),
    imports: createEmployeeImportService({ store, now, directory, employees, spoolDir: deps.imports.spoolDir, maxBytes: deps.imports.maxBytes, onSubmitted: importWorker.kick }),
    /** Started by the HTTP server (buildServer), stopped before the store closes. */
    importWorker,
  };
}

export type AdminServices = ReturnType<typeof createAdminServices>;
