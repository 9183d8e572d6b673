import { defineRoute } from '../route.js';
import { CompanyCreateSchema, CompanyListQuery, CompanyPageSchema, CompanyPath, CompanySchema, CompanyUpdateSchema, companyView, MainAccountSchema} from '../schemas/company.schemas.js';

export const companyRoutes = [
  defineRoute({
    method: 'GET',
    path: '/companies',
    operationId: 'listCompanies',
    summary: 'List companies in creation order (a company token sees only its own)',
    tag: 'companies',
    access: 'operator',
    query: CompanyListQuery,
    status: 200,
    response: CompanyPageSchema,
    errors: [],
    async handle({ query, caller, services }) {
      const page = await services.companies.list(caller, query.cursor, query.limit, query.parentCompanyId);
      return { items: page.companies.map(companyView), nextCursor: page.nextCursor };
    },
  }),
  defineRoute({
    method: 'POST',
    path: '/companies',
    operationId: 'createCompany',
    summary: 'Create a company (installation tokens only)',
    tag: 'companies',
    access: 'installation',
    body: CompanyCreateSchema,
    status: 201,
    response: CompanySchema,
    errors: ['tenant.not_found', 'employee.phone_invalid'],
    async handle({ body, caller, services }) {
      return companyView(
        await services.companies.create(caller, {
          name: body.name,
          ...(body.kind ? { kind: body.kind } : {}),
          parentCompanyId: body.parentCompanyId,
          enterpriseCode: body.enterpriseCode,
          main: body.main,
        }),
      );
    },
  }),
  defineRoute({
    method: 'GET',
    path: '/companies/{companyId}',
    operationId: 'getCompany',
    summary: 'Get a company',
    tag: 'companies',
    access: 'operator',
    params: CompanyPath,
    status: 200,
    response: CompanySchema,
    errors: ['tenant.not_found'],
    async handle({ params, caller, services }) {
      return companyView(await services.companies.get(caller, params.companyId));
    },
  }),
  defineRoute({
    method: 'PATCH',
    path: '/companies/{companyId}',
    operationId: 'updateCompany',
    summary: 'Rename a company',
    tag: 'companies',
    access: 'operator',
    params: CompanyPath,
    body: CompanyUpdateSchema,
    status: 200,
    response: CompanySchema,
    errors: ['tenant.not_found'],
    async handle({ params, body, caller, services }) {
      return companyView(await services.companies.update(caller, params.companyId, body));
    },
  }),
  defineRoute({
    method: 'POST',
    path: '/companies/{companyId}/main-account',
    operationId: 'initializeCompany',
    summary: 'Give a company without one its main account (first admin): it becomes initialized',
    tag: 'companies',
    access: 'operator',
    params: CompanyPath,
    body: MainAccountSchema,
    status: 200,
    response: CompanySchema,
    errors: ['tenant.not_found', 'employee.phone_invalid', 'employee.phone_taken', 'employee.email_taken'],
    async handle({ params, body, caller, services }) {
      return companyView(await services.companies.initialize(caller, params.companyId, body));
    },
  }),
];
