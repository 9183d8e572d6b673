import type { AdminRoute } from './route.js';
import { companyRoutes } from './routes/company.routes.js';
import { appRoutes } from './routes/app.routes.js';
import { auditRoutes } from './routes/audit.routes.js';
import { departmentRoutes } from './routes/department.routes.js';
import { employeeRoutes } from './routes/employee.routes.js';
import { sessionRoutes } from './routes/session.routes.js';
import { setupRoutes } from './routes/setup.routes.js';
import { exportRoutes } from './routes/export.routes.js';
import { importRoutes } from './routes/import.routes.js';
import { oaConnectorRoutes } from './routes/oa-connector.routes.js';
import { oaSignInRoutes } from './routes/oa-sign-in.routes.js';

/** Every admin route, in the order the OpenAPI document lists them. */
export const ADMIN_ROUTES: AdminRoute[] = [...companyRoutes, ...employeeRoutes, ...departmentRoutes, ...setupRoutes, ...appRoutes, ...auditRoutes, ...sessionRoutes, ...oaSignInRoutes, ...importRoutes, ...exportRoutes, ...oaConnectorRoutes];
