import { call } from './client';
import type { OaConnector, OaKind } from './types';

const inCompany = (companyId: string) => ({ params: { path: { companyId } } });
const connector = (companyId: string, connectorId: string) => ({ params: { path: { companyId, connectorId } } });

/** OA connectors through the SDK's client (the admin API's OA section). */
export const oa = {
  kinds: () => call<{ items: OaKind[] }>('GET', '/oa-connector-kinds').then((r) => r.items),
  list: (companyId: string) => call<{ items: OaConnector[] }>('GET', '/companies/{companyId}/oa-connectors', inCompany(companyId)).then((r) => r.items),
  create: (companyId: string, body: { kind: string; name?: string; config: Record<string, unknown> }) =>
    call<OaConnector>('POST', '/companies/{companyId}/oa-connectors', { ...inCompany(companyId), body }),
  update: (companyId: string, connectorId: string, body: { name?: string; config?: Record<string, unknown> }) =>
    call<OaConnector>('PATCH', '/companies/{companyId}/oa-connectors/{connectorId}', { ...connector(companyId, connectorId), body }),
  remove: (companyId: string, connectorId: string) => call<void>('DELETE', '/companies/{companyId}/oa-connectors/{connectorId}', connector(companyId, connectorId)),
  test: (companyId: string, connectorId: string) => call<{ ok: boolean; detail: string }>('POST', '/companies/{companyId}/oa-connectors/{connectorId}/test', connector(companyId, connectorId)),
};
