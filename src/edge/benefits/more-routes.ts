import type { BenefitsEmployeeMoreService } from '#src/app/benefits-employee-more.service.js';
import type { BenefitsEmployeeService } from '#src/app/benefits-employee.service.js';
import type { DepartmentMoreService } from '#src/app/department-more.service.js';
import type { BatchService } from '#src/app/jobs/batch.service.js';
import { batchRoutes } from './batch.routes.js';
import { departmentMoreRoutes } from './department-more.routes.js';
import { employeeMoreRoutes } from './employee-more.routes.js';
import type { BenefitsRoute } from './routes.js';
import { sdkEnterpriseCodeRecovery } from './sdk-enterprise-code.js';
import type { BenefitsAuthDeps } from './verify-benefits-sign.js';

/** What the SDK's other 14 calls need beyond the seed's endpoints. */
export interface MoreBenefitsDeps {
  employees: BenefitsEmployeeService;
  employeesMore: BenefitsEmployeeMoreService;
  departmentsMore: DepartmentMoreService;
  batches: BatchService;
}

/** The benefits SDK's 14 other EmployeeApi / DepartmentApi calls (notes: benefits-more-endpoints.md). */
export function moreBenefitsRoutes(deps: MoreBenefitsDeps & BenefitsAuthDeps): BenefitsRoute[] {
  return [
    ...employeeMoreRoutes(deps.employeesMore, deps.now),
    ...departmentMoreRoutes(deps.employees, deps.departmentsMore),
    ...batchRoutes(deps.batches, sdkEnterpriseCodeRecovery(deps, deps.employeesMore)),
  ];
}
