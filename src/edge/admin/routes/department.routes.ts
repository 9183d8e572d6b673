import { defineRoute } from '../route.js';
import { CompanyPath } from '../schemas/company.schemas.js';
import {
  DepartmentCreateSchema,
  DepartmentPath,
  DepartmentSchema,
  DepartmentTreeSchema,
  DepartmentUpdateSchema,
  departmentView,
  treeView,
} from '../schemas/department.schemas.js';

export const departmentRoutes = [
  defineRoute({
    method: 'GET',
    path: '/companies/{companyId}/departments',
    operationId: 'getDepartmentTree',
    summary: 'The department tree, from the root department',
    tag: 'departments',
    access: 'operator',
    params: CompanyPath,
    status: 200,
    response: DepartmentTreeSchema,
    errors: ['tenant.not_found'],
    async handle({ params, caller, services }) {
      return treeView(await services.departments.tree(caller, params.companyId));
    },
  }),
  defineRoute({
    method: 'POST',
    path: '/companies/{companyId}/departments',
    operationId: 'createDepartment',
    summary: 'Add a department',
    tag: 'departments',
    access: 'operator',
    params: CompanyPath,
    body: DepartmentCreateSchema,
    status: 201,
    response: DepartmentSchema,
    errors: ['tenant.not_found', 'department.unknown', 'department.code_taken', 'department.name_taken'],
    async handle({ params, body, caller, services }) {
      return departmentView(await services.departments.create(caller, params.companyId, body));
    },
  }),
  defineRoute({
    method: 'GET',
    path: '/companies/{companyId}/departments/{deptCode}',
    operationId: 'getDepartment',
    summary: 'Get a department',
    tag: 'departments',
    access: 'operator',
    params: DepartmentPath,
    status: 200,
    response: DepartmentSchema,
    errors: ['tenant.not_found', 'department.unknown'],
    async handle({ params, caller, services }) {
      return departmentView(await services.departments.get(caller, params.companyId, params.deptCode));
    },
  }),
  defineRoute({
    method: 'PATCH',
    path: '/companies/{companyId}/departments/{deptCode}',
    operationId: 'updateDepartment',
    summary: 'Rename, move (cycle-checked), re-manage or change the status of a department',
    tag: 'departments',
    access: 'operator',
    params: DepartmentPath,
    body: DepartmentUpdateSchema,
    status: 200,
    response: DepartmentSchema,
    errors: ['tenant.not_found', 'department.unknown', 'department.name_taken', 'department.is_root', 'employee.not_found'],
    async handle({ params, body, caller, services }) {
      return departmentView(await services.departments.update(caller, params.companyId, params.deptCode, body));
    },
  }),
  defineRoute({
    method: 'DELETE',
    path: '/companies/{companyId}/departments/{deptCode}',
    operationId: 'deleteDepartment',
    summary: 'Delete an empty department (no members, no children; never the root)',
    tag: 'departments',
    access: 'operator',
    params: DepartmentPath,
    status: 204,
    errors: ['tenant.not_found', 'department.unknown', 'department.is_root', 'department.not_empty'],
    async handle({ params, caller, services }) {
      await services.departments.remove(caller, params.companyId, params.deptCode);
    },
  }),
];
