import type { BenefitsEmployeeMoreService } from '#src/app/benefits-employee-more.service.js';
import { invalidParam } from '#src/domain/errors.js';
import { readEmployeeFields, RULES, workNumberOf } from './employee-fields.js';
import { employeeView } from './employee.view.js';
import type { BenefitsParams } from './form-codec.js';
import { optionalChoice, optionalInteger, optionalText, requiredText } from './param-rules.js';
import { BENEFITS_PATHS, enterpriseCodeOf, type BenefitsRoute } from './routes.js';

/** `third_type`: the namespace of `userid` (ThirdTypeEnum). Roster keeps one userid per employee, so it is checked, not used. */
const THIRD_TYPES = [1, 2, 3, 4, 5, 6] as const;
/** getByDepartmentCode's paging (undocumented): batchGet's defaults, at most 50 a page (notes §3.4). */
const MAX_DEPT_PAGE_SIZE = 50;
const MAX_PAGE_NO = 1_000_000;
const DEPT_CODE = { max: 50 };

function requiredChoice<T extends number>(params: BenefitsParams, name: string, allowed: readonly T[]): T {
  const choice = optionalChoice(params, name, allowed);
  if (choice === undefined) throw invalidParam(name, 'is required');
  return choice;
}

/** `/employee/*` calls beyond the seed's (notes §3): each answers `data` as the SDK's model reads it. */
export function employeeMoreRoutes(more: BenefitsEmployeeMoreService, now: () => number): BenefitsRoute[] {
  return [
    {
      path: BENEFITS_PATHS.employeeUpdateMobile,
      mutating: true,
      async handle({ app, params }) {
        optionalChoice(params, 'third_type', THIRD_TYPES);
        const by = { userid: optionalText(params, 'userid', RULES.userid), workNumber: workNumberOf(params) };
        const mobile = { mobile: requiredText(params, 'mobile', RULES.mobile), mobileArea: optionalText(params, 'mobile_area', RULES.mobileArea) };
        return more.updateMobile(app, enterpriseCodeOf(params), by, mobile);
      },
    },
    {
      path: BENEFITS_PATHS.employeeGetListByField,
      async handle({ app, params }) {
        const field = requiredChoice(params, 'field_type', [1, 2] as const);
        const content = requiredText(params, 'field_content', { max: 100 });
        const at = now();
        // A bare array: the SDK would read a page object as one empty employee (notes §1.4).
        return (await more.listByField(app, field, content)).map((found) => ({
          ...employeeView(found, at),
          enterprise_name: found.company.companyName,
          enterprise_code: found.company.enterpriseCode,
        }));
      },
    },
    {
      path: BENEFITS_PATHS.employeeGetByDepartmentCode,
      async handle({ app, params }) {
        const deptCode = requiredText(params, 'dept_code', DEPT_CODE);
        const pageNo = optionalInteger(params, 'page_no', 1, MAX_PAGE_NO) ?? 1;
        const pageSize = optionalInteger(params, 'page_size', 1, MAX_DEPT_PAGE_SIZE) ?? 10;
        const at = now();
        return (await more.inDepartment(app, enterpriseCodeOf(params), deptCode, pageNo, pageSize)).map((e) => employeeView(e, at));
      },
    },
    {
      path: BENEFITS_PATHS.employeeGetCountByDepartmentCode,
      // "Method: POST/GET" on its docs page.
      methods: ['GET', 'POST'],
      async handle({ app, params }) {
        return more.countInDepartment(app, enterpriseCodeOf(params), requiredText(params, 'dept_code', DEPT_CODE));
      },
    },
    {
      path: BENEFITS_PATHS.employeeAttributeGet,
      async handle({ app, params }) {
        return more.attributes(app, enterpriseCodeOf(params), requiredText(params, 'userid', RULES.userid));
      },
    },
    {
      path: BENEFITS_PATHS.employeeTransfer,
      mutating: true,
      async handle({ app, params }) {
        const userid = requiredText(params, 'userid', RULES.userid);
        const target = requiredText(params, 'new_enterprise_code', RULES.enterpriseCode);
        return more.transfer(app, enterpriseCodeOf(params), userid, target);
      },
    },
    {
      path: BENEFITS_PATHS.employeeSyncSingle,
      mutating: true,
      async handle({ app, params }) {
        optionalChoice(params, 'third_type', THIRD_TYPES);
        const fields = readEmployeeFields(params);
        // EmployeeSyncRequest has no allow_simple_pwd nor password (notes §3.8): checked if sent, never kept.
        delete fields.password;
        delete fields.allowSimplePwd;
        const command = { userid: optionalText(params, 'userid', RULES.userid), status: optionalChoice(params, 'status', [1, 2] as const), fields };
        return more.syncOne(app, enterpriseCodeOf(params), command);
      },
    },
  ];
}
