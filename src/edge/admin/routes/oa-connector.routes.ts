import type { ErrorCode } from '#src/domain/errors.js';
import { defineRoute } from '../route.js';
import { CompanyPath } from '../schemas/company.schemas.js';
import {
  ConnectorCreateSchema,
  ConnectorIdPath,
  ConnectorKindListSchema,
  ConnectorListSchema,
  ConnectorPath,
  ConnectorSchema,
  ConnectorTestSchema,
  ConnectorUpdateSchema,
  connectorView,
} from '../schemas/oa-connector.schemas.js';

const ONE: ErrorCode[] = ['tenant.not_found', 'oa.connector_unknown'];

export const oaConnectorRoutes = [
  defineRoute({
    method: 'GET',
    path: '/oa-connector-kinds',
    operationId: 'listOaConnectorKinds',
    summary: 'The kinds of OA connector and the settings each takes (from each kind’s own config schema)',
    tag: 'oa-connectors',
    access: 'operator',
    status: 200,
    response: ConnectorKindListSchema,
    errors: [],
    async handle({ services }) {
      return { items: services.oaConnectors.kinds() };
    },
  }),
  defineRoute({
    method: 'GET',
    path: '/companies/{companyId}/oa-connectors',
    operationId: 'listOaConnectors',
    summary: 'The company’s OA connectors (secrets never shown)',
    tag: 'oa-connectors',
    access: 'operator',
    params: CompanyPath,
    status: 200,
    response: ConnectorListSchema,
    errors: ['tenant.not_found'],
    async handle({ params, caller, services }) {
      return { items: (await services.oaConnectors.list(caller, params.companyId)).map(connectorView) };
    },
  }),
  defineRoute({
    method: 'POST',
    path: '/companies/{companyId}/oa-connectors',
    operationId: 'createOaConnector',
    summary: 'Add an OA connector to the company',
    description: 'A bad config is 400 naming the key (`config.corpId` is required, `config.apiBaseUrl` must be an http(s) URL, an unknown key).',
    tag: 'oa-connectors',
    access: 'operator',
    params: CompanyPath,
    body: ConnectorCreateSchema,
    status: 201,
    response: ConnectorSchema,
    errors: ['tenant.not_found'],
    async handle({ params, body, caller, services }) {
      return connectorView(await services.oaConnectors.create(caller, params.companyId, body));
    },
  }),
  defineRoute({
    method: 'GET',
    path: '/companies/{companyId}/oa-connectors/{connectorId}',
    operationId: 'getOaConnector',
    summary: 'Get an OA connector (secrets never shown)',
    tag: 'oa-connectors',
    access: 'operator',
    params: ConnectorPath,
    status: 200,
    response: ConnectorSchema,
    errors: ONE,
    async handle({ params, caller, services }) {
      return connectorView(await services.oaConnectors.get(caller, params.companyId, params.connectorId));
    },
  }),
  defineRoute({
    method: 'PATCH',
    path: '/companies/{companyId}/oa-connectors/{connectorId}',
    operationId: 'updateOaConnector',
    summary: 'Rename an OA connector or change its settings (its id and the employees’ links stay)',
    tag: 'oa-connectors',
    access: 'operator',
    params: ConnectorPath,
    body: ConnectorUpdateSchema,
    status: 200,
    response: ConnectorSchema,
    errors: ONE,
    async handle({ params, body, caller, services }) {
      return connectorView(await services.oaConnectors.update(caller, params.companyId, params.connectorId, body));
    },
  }),
  defineRoute({
    method: 'DELETE',
    path: '/companies/{companyId}/oa-connectors/{connectorId}',
    operationId: 'deleteOaConnector',
    summary: 'Remove an OA connector (employees’ links stay; a re-added connector gets a new id)',
    tag: 'oa-connectors',
    access: 'operator',
    params: ConnectorPath,
    status: 204,
    errors: ONE,
    async handle({ params, caller, services }) {
      await services.oaConnectors.remove(caller, params.companyId, params.connectorId);
    },
  }),
  defineRoute({
    method: 'POST',
    path: '/companies/{companyId}/oa-connectors/{connectorId}/test',
    operationId: 'testOaConnector',
    summary: 'Test the connection: fetch the app token (or the discovery document) and say what worked',
    description: 'An OA that refuses or cannot be reached is `ok: false` with the reason in `detail` (not an error).',
    tag: 'oa-connectors',
    access: 'operator',
    params: ConnectorPath,
    status: 200,
    response: ConnectorTestSchema,
    errors: ONE,
    async handle({ params, caller, services }) {
      return services.oaConnectors.test(caller, params.companyId, params.connectorId);
    },
  }),
  defineRoute({
    method: 'GET',
    path: '/oa-connectors/{connectorId}',
    operationId: 'findOaConnector',
    summary: 'Get an OA connector by its id alone (for tools that know only the id)',
    tag: 'oa-connectors',
    access: 'operator',
    params: ConnectorIdPath,
    status: 200,
    response: ConnectorSchema,
    errors: ['oa.connector_unknown'],
    async handle({ params, caller, services }) {
      return connectorView(await services.oaConnectors.find(caller, params.connectorId));
    },
  }),
];
