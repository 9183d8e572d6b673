import { appActor } from '#src/app/audit-trail.js';
import type { BenefitsEmployeeService } from '#src/app/benefits-employee.service.js';
import type { DepartmentMoreService } from '#src/app/department-more.service.js';
import { departmentView } from './department.routes.js';
import { optionalText, requiredText } from './param-rules.js';
import { BENEFITS_PATHS, enterpriseCodeOf, type BenefitsCall, type BenefitsRoute } from './routes.js';

const DEPT_CODE = { max: 50 };

/** `/department/getHierarchy` and `/department/transferEmployee` (notes §4.1, §4.6). */
export function departmentMoreRoutes(employees: BenefitsEmployeeService, more: DepartmentMoreService): BenefitsRoute[] {
  const companyOf = async ({ app, params }: BenefitsCall) => (await employees.targetCompany(app, enterpriseCodeOf(params))).companyId;
  return [
    {
      path: BENEFITS_PATHS.departmentGetHierarchy,
      async handle(call) {
        // Optional: the SDK's own test calls it without dept_code (notes §4.1).
        const deptCode = optionalText(call.params, 'dept_code', DEPT_CODE);
        const hierarchy = await more.hierarchy(await companyOf(call), deptCode);
        // An insertion-ordered object: `basic` first, then top-down, as the SDK's LinkedHashMap keeps it.
        return Object.fromEntries([...hierarchy].map(([key, departments]) => [key, departments.map(departmentView)]));
      },
    },
    {
      path: BENEFITS_PATHS.departmentTransferEmployee,
      mutating: true,
      async handle(call) {
        const source = requiredText(call.params, 'source_dept_code', DEPT_CODE);
        const target = requiredText(call.params, 'target_dept_code', DEPT_CODE);
        await more.transferMembers(await companyOf(call), source, target, appActor(call.app));
        // A JSON boolean: the SDK reads a Boolean, and the docs' "S100" example would fail it (notes §4.6).
        return true;
      },
    },
  ];
}
