import type { AuditChange } from '#src/app/admin/audit.service.js';
import type { AdminRoute } from './route.js';

const OBJECT_OF_TAG: Record<string, string> = { companies: 'company', employees: 'employee', departments: 'department', apps: 'app', 'oa-connectors': 'oaConnector' };
/** Path segments named in the plural or kebab case → the object type every door records (camelCase, singular). */
const OBJECT_OF_SEGMENT: Record<string, string> = { levels: 'level', categories: 'category', attributes: 'attribute', 'cost-centers': 'costCenter', installations: 'installation', 'admin-password': 'adminPassword', 'main-account': 'mainAccount', 'employee-imports': 'employeeImport' };

type Loose = Record<string, unknown> | undefined;
const text = (v: unknown): string | undefined => (typeof v === 'string' || typeof v === 'number' ? String(v) : undefined);

/**
 * What a successful change was, for the audit log: the operation, the object (the new one's id for a
 * create, else the last id in the path), its company, and the names — never the values — of the
 * fields sent.
 */
export function describeChange(route: AdminRoute, params: Loose, body: Loose, result: unknown): AuditChange {
  const r = (result ?? {}) as Record<string, unknown>;
  const app = r['app'] as Record<string, unknown> | undefined;
  const pathIds = route.path.match(/\{(\w+)\}/g)?.map((p) => p.slice(1, -1)) ?? [];
  const lastPathId = pathIds.length ? text(params?.[pathIds[pathIds.length - 1]!]) : undefined;
  const segment = route.path.split('/').filter((s) => s && !s.startsWith('{')).pop() ?? route.tag;
  const objectType = OBJECT_OF_TAG[route.tag] ?? OBJECT_OF_SEGMENT[segment] ?? segment;
  return {
    action: route.operationId,
    objectType,
    // A create names the new object, never its container (the company in the path).
    objectId: (isCreate(route) ? createdIdOf(objectType, r) : lastPathId) ?? null,
    companyId: text(params?.['companyId']) ?? text(body?.['companyId']) ?? text(r['companyId']) ?? text(app?.['companyId']) ?? null,
    changedFields: Object.keys(body ?? {}).sort(),
  };
}

/** The field naming a new object of each type, in the answer (or the record a service's transaction returns). */
const NEW_ID_FIELD: Record<string, string> = { employee: 'employeeId', department: 'deptCode', app: 'appKey', installation: 'appId', costCenter: 'costCenterId', oaConnector: 'connectorId', company: 'companyId', employeeImport: 'importId' };

function createdIdOf(objectType: string, r: Record<string, unknown>): string | undefined {
  const field = NEW_ID_FIELD[objectType];
  if (field === undefined) return undefined;
  return text(r[field]) ?? text((r['app'] as Record<string, unknown> | undefined)?.[field]);
}

/** True when `change` names what it changed: a create's event waits for the new object's id. */
export function namesItsObject(route: AdminRoute, change: AuditChange): boolean {
  return change.objectId !== null || !isCreate(route);
}

const isCreate = (route: AdminRoute) => route.status === 201 || route.status === 202;
