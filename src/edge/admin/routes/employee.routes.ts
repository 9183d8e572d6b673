import type { ErrorCode } from '#src/domain/errors.js';
import { defineRoute } from '../route.js';
import { CompanyPath } from '../schemas/company.schemas.js';
import {
  EmployeeCreateSchema,
  EmployeeListQuery,
  EmployeePageSchema,
  EmployeePath,
  EmployeeSchema,
  EmployeeUpdateSchema,
  employeeView,
  ResignSchema,
} from '../schemas/employee.schemas.js';

/** What a write of employee fields can break: the directory's rules, as in every door. */
const FIELD_ERRORS: ErrorCode[] = [
  'tenant.not_found',
  'employee.phone_taken',
  'employee.email_taken',
  'employee.code_taken',
  'employee.mobile_area_unknown',
  'employee.card_no_invalid',
  'department.unknown',
  'level.unknown',
  'category.unknown',
  'attribute.not_enabled',
  'cost_center.unknown',
];

export const employeeRoutes = [
  defineRoute({
    method: 'GET',
    path: '/companies/{companyId}/employees',
    operationId: 'listEmployees',
    summary: 'List employees in creation order, filtered, with cursor paging',
    description: 'Filters narrow together. `total=true` also answers the exact number of matches: from counters when only `status` filters (fast at any size), else a count of the matches (leave it off for speed).',
    tag: 'employees',
    access: 'operator',
    params: CompanyPath,
    query: EmployeeListQuery,
    status: 200,
    response: EmployeePageSchema,
    errors: ['tenant.not_found', 'department.unknown'],
    async handle({ params, query, caller, services }) {
      const page = await services.employees.list(caller, params.companyId, { ...query, withTotal: query.total });
      const now = services.now();
      return { items: page.employees.map((e) => employeeView(e, now)), nextCursor: page.nextCursor, ...(page.total === undefined ? {} : { total: page.total }) };
    },
  }),
  defineRoute({
    method: 'POST',
    path: '/companies/{companyId}/employees',
    operationId: 'createEmployee',
    summary: 'Add an employee',
    tag: 'employees',
    access: 'operator',
    params: CompanyPath,
    body: EmployeeCreateSchema,
    status: 201,
    response: EmployeeSchema,
    errors: [...FIELD_ERRORS, 'employee.userid_taken'],
    async handle({ params, body, caller, services }) {
      return employeeView(await services.employees.create(caller, params.companyId, body), services.now());
    },
  }),
  defineRoute({
    method: 'GET',
    path: '/companies/{companyId}/employees/{employeeId}',
    operationId: 'getEmployee',
    summary: 'Get an employee (resigned ones too)',
    tag: 'employees',
    access: 'operator',
    params: EmployeePath,
    status: 200,
    response: EmployeeSchema,
    errors: ['tenant.not_found', 'employee.not_found'],
    async handle({ params, caller, services }) {
      return employeeView(await services.employees.get(caller, params.companyId, params.employeeId), services.now());
    },
  }),
  defineRoute({
    method: 'PATCH',
    path: '/companies/{companyId}/employees/{employeeId}',
    operationId: 'updateEmployee',
    summary: 'Change the given fields of an employee',
    tag: 'employees',
    access: 'operator',
    params: EmployeePath,
    body: EmployeeUpdateSchema,
    status: 200,
    response: EmployeeSchema,
    errors: [...FIELD_ERRORS, 'employee.not_found'],
    async handle({ params, body, caller, services }) {
      return employeeView(await services.employees.update(caller, params.companyId, params.employeeId, body), services.now());
    },
  }),
  defineRoute({
    method: 'POST',
    path: '/companies/{companyId}/employees/{employeeId}/resign',
    operationId: 'resignEmployee',
    summary: 'Resign an employee now or from a date',
    tag: 'employees',
    access: 'operator',
    params: EmployeePath,
    body: ResignSchema,
    status: 200,
    response: EmployeeSchema,
    errors: ['tenant.not_found', 'employee.not_found'],
    async handle({ params, body, caller, services }) {
      const at = body.resignAt === undefined ? undefined : Date.parse(body.resignAt);
      return employeeView(await services.employees.resign(caller, params.companyId, params.employeeId, at), services.now());
    },
  }),
  defineRoute({
    method: 'POST',
    path: '/companies/{companyId}/employees/{employeeId}/restore',
    operationId: 'restoreEmployee',
    summary: 'Undo a resignation',
    tag: 'employees',
    access: 'operator',
    params: EmployeePath,
    status: 200,
    response: EmployeeSchema,
    errors: ['tenant.not_found', 'employee.not_found'],
    async handle({ params, caller, services }) {
      return employeeView(await services.employees.restore(caller, params.companyId, params.employeeId), services.now());
    },
  }),
  defineRoute({
    method: 'DELETE',
    path: '/companies/{companyId}/employees/{employeeId}',
    operationId: 'deleteEmployee',
    summary: 'Delete an employee for good (erasure, as the IoT dialect’s unregister)',
    description:
      'The row and every personal field go; the phone, email, work number and userid are free again, and counts and pages follow at once. The company’s main account cannot be deleted (403).',
    tag: 'employees',
    access: 'operator',
    params: EmployeePath,
    status: 204,
    errors: ['tenant.not_found', 'employee.not_found', 'auth.forbidden'],
    async handle({ params, caller, services }) {
      await services.employees.delete(caller, params.companyId, params.employeeId);
    },
  }),
];
