import type { AdminRepositories } from '#src/domain/admin-ports.js';
import type { Store } from '#src/domain/ports.js';
import type { DepartmentService } from '../department.service.js';
import type { DirectoryService } from '../directory.service.js';
import type { OaConnectorsService } from '../oa/oa-connectors.service.js';
import type { PasswordHasher } from '../password.js';
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
  /** Companies' OA connectors (the same service the IoT sign-ins resolve codes through). */
  oaConnectors: OaConnectorsService;
}

/** Everything the admin API calls, built once by the container. */
export function createAdminServices(deps: AdminServicesDeps) {
  const { store, admin, directory, now } = deps;
  const tokens = createOperatorTokenService({ store, tokens: admin.tokens, tenants: store.repos.tenants, now });
  const oaConnectors = createOaConnectorAdminService({ store, connectors: deps.oaConnectors });
  const sessions = createAdminSessionService({ store, sessions: admin.sessions, tokens: admin.tokens, authenticateToken: (t) => tokens.authenticate(t), now, passwords: deps.passwords });
  return {
    /** The container's clock: views judge resignation against it. */
    now,
    tokens,
    companies: createCompanyAdminService({ directory, companies: admin.companies }),
    employees: createEmployeeAdminService({ store, directory, list: admin.employees, now }),
    apps: createAppAdminService({ directory, apps: admin.apps, installs: store.repos.apps, now, defaultRateLimit: deps.defaultRateLimit, onAppChanged: deps.onAppChanged, assertConnectorUsable: oaConnectors.assertUsable }),
    oaConnectors,
    departments: createDepartmentAdminService({ directory, departments: deps.departments, list: admin.employees }),
    sessions,
    oaSignIn: createConsoleOaSignIn({ store, connectors: deps.oaConnectors, sessions, pending: admin.sessions, now }),
    audit: createAuditService({ audit: admin.audit, now, retentionDays: deps.auditRetentionDays }),
    setup: createSetupAdminService({ store, directory, costCenters: admin.costCenters }),
  };
}

export type AdminServices = ReturnType<typeof createAdminServices>;
