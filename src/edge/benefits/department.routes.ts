import { appActor } from '#src/app/audit-trail.js';
import type { BenefitsEmployeeService } from '#src/app/benefits-employee.service.js';
import type { DepartmentDetail, DepartmentService } from '#src/app/department.service.js';
import { RULES } from './employee-fields.js';
import { optionalChoice, optionalText, requiredText, type TextRule } from './param-rules.js';
import { BENEFITS_PATHS, enterpriseCodeOf, type BenefitsCall, type BenefitsRoute } from './routes.js';

const DEPT_CODE: TextRule = { max: 50 };
// The docs give no length for a department name; the stored column holds 100.
const DEPT_NAME: TextRule = { max: 100 };

/** `/department/get`'s data, spelled as the SDK's DepartmentResp reads it: `dept_Code` (sic). */
export function departmentView({ department: d, managerWorkNumber }: DepartmentDetail) {
  return {
    name: d.name,
    status: d.status,
    dept_Code: d.deptCode,
    parent_code: d.parentCode,
    manager_code: managerWorkNumber,
    manager_userid: d.managerUserid,
    // The root (the enterprise itself) is the company's primary department.
    is_primary: d.isRoot,
  };
}

/** `/department/*` (notes §5). Every call acts on the company that `enterprise_code` resolves to. */
export function departmentRoutes(employees: BenefitsEmployeeService, departments: DepartmentService): BenefitsRoute[] {
  const companyOf = async ({ app, params }: BenefitsCall) => (await employees.targetCompany(app, enterpriseCodeOf(params))).companyId;
  return [
    {
      path: BENEFITS_PATHS.departmentAdd,
      mutating: true,
      async handle(call) {
        const { params } = call;
        const input = {
          deptCode: requiredText(params, 'dept_code', DEPT_CODE),
          name: requiredText(params, 'name', DEPT_NAME),
          parentCode: optionalText(params, 'parent_code', DEPT_CODE),
          status: optionalChoice(params, 'status', [1, 2] as const),
        };
        return (await departments.add(await companyOf(call), input, appActor(call.app))).deptCode;
      },
    },
    {
      path: BENEFITS_PATHS.departmentUpdate,
      mutating: true,
      async handle(call) {
        const { params } = call;
        const deptCode = requiredText(params, 'dept_code', DEPT_CODE);
        const patch = {
          name: optionalText(params, 'name', DEPT_NAME),
          parentCode: optionalText(params, 'parent_code', DEPT_CODE),
          managerUserid: optionalText(params, 'manager_userid', RULES.userid),
          status: optionalChoice(params, 'status', [1, 2] as const),
        };
        return (await departments.update(await companyOf(call), deptCode, patch, appActor(call.app))).deptCode;
      },
    },
    {
      path: BENEFITS_PATHS.departmentDelete,
      mutating: true,
      async handle(call) {
        const deptCode = requiredText(call.params, 'dept_code', DEPT_CODE);
        await departments.remove(await companyOf(call), deptCode, appActor(call.app));
        return deptCode;
      },
    },
    {
      path: BENEFITS_PATHS.departmentGet,
      async handle(call) {
        const deptCode = requiredText(call.params, 'dept_code', DEPT_CODE);
        return departmentView(await departments.describe(await companyOf(call), deptCode));
      },
    },
  ];
}
