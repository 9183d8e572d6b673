import type { SettingKind } from '#src/domain/ports.js';
import { defineRoute, type AdminRoute } from '../route.js';
import { CompanyPath } from '../schemas/company.schemas.js';
import { CostCenterCreateSchema, CostCenterListSchema, CostCenterSchema, NameListSchema, NamesAddSchema } from '../schemas/setup.schemas.js';

/** List and add for one of the company's name dictionaries. */
function dictionary(segment: string, kind: SettingKind, noun: string, opName: string): AdminRoute[] {
  const path = `/companies/{companyId}/${segment}`;
  return [
    defineRoute({
      method: 'GET',
      path,
      operationId: `list${opName}`,
      summary: `The company's ${noun}`,
      tag: 'setup',
      access: 'operator',
      params: CompanyPath,
      status: 200,
      response: NameListSchema,
      errors: ['tenant.not_found'],
      async handle({ params, caller, services }) {
        return { items: await services.setup.listSettings(caller, params.companyId, kind) };
      },
    }),
    defineRoute({
      method: 'POST',
      path,
      operationId: `add${opName}`,
      summary: `Add ${noun} (existing ones are kept); answers the whole list`,
      tag: 'setup',
      access: 'operator',
      params: CompanyPath,
      body: NamesAddSchema,
      status: 200,
      response: NameListSchema,
      errors: ['tenant.not_found'],
      async handle({ params, body, caller, services }) {
        return { items: await services.setup.addSettings(caller, params.companyId, kind, body.names) };
      },
    }),
  ];
}

export const setupRoutes = [
  ...dictionary('levels', 'levels', 'levels', 'Levels'),
  ...dictionary('categories', 'categories', 'categories', 'Categories'),
  ...dictionary('attributes', 'enabled_attributes', 'enabled extension attributes', 'Attributes'),
  defineRoute({
    method: 'GET',
    path: '/companies/{companyId}/cost-centers',
    operationId: 'listCostCenters',
    summary: "The company's cost centers",
    tag: 'setup',
    access: 'operator',
    params: CompanyPath,
    status: 200,
    response: CostCenterListSchema,
    errors: ['tenant.not_found'],
    async handle({ params, caller, services }) {
      return { items: await services.setup.listCostCenters(caller, params.companyId) };
    },
  }),
  defineRoute({
    method: 'POST',
    path: '/companies/{companyId}/cost-centers',
    operationId: 'createCostCenter',
    summary: 'Add a cost center; answers its id',
    tag: 'setup',
    access: 'operator',
    params: CompanyPath,
    body: CostCenterCreateSchema,
    status: 201,
    response: CostCenterSchema,
    errors: ['tenant.not_found'],
    async handle({ params, body, caller, services }) {
      return services.setup.addCostCenter(caller, params.companyId, body.name);
    },
  }),
];
