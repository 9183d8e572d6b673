import type { AdminRoute } from './route.js';
import { companyRoutes } from './routes/company.routes.js';

/** Every admin route, in the order the OpenAPI document lists them. */
export const ADMIN_ROUTES: AdminRoute[] = [...companyRoutes];
