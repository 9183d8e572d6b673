import type { AuditChange } from '#src/app/admin/audit.service.js';
import type { AdminRoute } from './route.js';

const OBJECT_OF_TAG: Record<string, string> = { companies: 'company', employees: 'employee', departments: 'department', apps: 'app', 'oa-connectors': 'oaConnector' };
/** Path segments named in the plural or kebab case → the object type every door records (camelCase, singular). */
const OBJECT_OF_SEGMENT: Record<string, string> = { levels: 'level', categories: 'category', attributes: 'attribute', 'cost-centers': 'costCenter', installations: 'installation', 'admin-password': 'adminPassword', 'main-account': 'mainAccount' };

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
  const createdId = route.status === 201 || route.status === 202 ? (text(r['importId']) ?? text(r['employeeId']) ?? text(r['deptCode']) ?? text(app?.['appKey']) ?? text(r['appId']) ?? text(r['costCenterId']) ?? text(r['connectorId']) ?? text(r['companyId'])) : undefined;
  const segment = route.path.split('/').filter((s) => s && !s.startsWith('{')).pop() ?? route.tag;
  return {
    action: route.operationId,
    objectType: OBJECT_OF_TAG[route.tag] ?? OBJECT_OF_SEGMENT[segment] ?? segment,
    objectId: createdId ?? lastPathId ?? null,
    companyId: text(params?.['companyId']) ?? text(body?.['companyId']) ?? text(r['companyId']) ?? text(app?.['companyId']) ?? null,
    changedFields: Object.keys(body ?? {}).sort(),
  };
}
