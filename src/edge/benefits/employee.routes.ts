import type { BenefitsEmployeeService } from '#src/app/benefits-employee.service.js';
import { parseDateTime } from '#src/domain/dates.js';
import { invalidParam } from '#src/domain/errors.js';
import { readEmployeeFields, RULES, workNumberOf } from './employee-fields.js';
import { employeeView } from './employee.view.js';
import type { BenefitsParams } from './form-codec.js';
import { optionalInteger, optionalText, requiredText, sent } from './param-rules.js';
import { BENEFITS_PATHS, enterpriseCodeOf, type BenefitsRoute } from './routes.js';

/** batchGet's page bounds: the docs advise ≤ 50; 100 matches the IoT dialect's limit. */
const MAX_PAGE_SIZE = 100;
const MAX_PAGE_INDEX = 1_000_000;

function resignTimeOf(params: BenefitsParams): number | undefined {
  const text = sent(params, 'resign_time');
  if (text === undefined) return undefined;
  const at = parseDateTime(text);
  if (at === null) throw invalidParam('resign_time', 'must be a real time yyyy-MM-dd HH:mm:ss');
  return at;
}

/** `/employee/*` (seed 003 and notes §5): each answers `data` as the SDK's response model reads it. */
export function employeeRoutes(employees: BenefitsEmployeeService, now: () => number): BenefitsRoute[] {
  return [
    {
      path: BENEFITS_PATHS.employeeAdd,
      mutating: true,
      async handle({ app, params }) {
        const userid = requiredText(params, 'userid', RULES.userid);
        const name = requiredText(params, 'name', RULES.name);
        const employee = await employees.add(app, enterpriseCodeOf(params), userid, { ...readEmployeeFields(params), name });
        return employee.userid;
      },
    },
    {
      path: BENEFITS_PATHS.employeeUpdate,
      mutating: true,
      async handle({ app, params }) {
        const userid = requiredText(params, 'userid', RULES.userid);
        const fields = readEmployeeFields(params);
        // A name is required where it is given: blank is not a name.
        if (fields.name !== undefined && fields.name.trim() === '') throw invalidParam('name', 'is required');
        return (await employees.update(app, enterpriseCodeOf(params), userid, fields)).userid;
      },
    },
    {
      path: BENEFITS_PATHS.employeeGet,
      async handle({ app, params }) {
        const found = await employees.get(app, enterpriseCodeOf(params), {
          userid: optionalText(params, 'userid', RULES.userid),
          workNumber: workNumberOf(params),
          mobile: optionalText(params, 'mobile', RULES.mobile),
          mobileArea: optionalText(params, 'mobile_area', RULES.mobileArea),
          email: optionalText(params, 'email', RULES.email),
        });
        return employeeView(found, now());
      },
    },
    {
      path: BENEFITS_PATHS.employeeBatchGet,
      async handle({ app, params }) {
        const pageIndex = optionalInteger(params, 'page_index', 1, MAX_PAGE_INDEX) ?? 1;
        const pageSize = optionalInteger(params, 'page_size', 1, MAX_PAGE_SIZE) ?? 10;
        const page = await employees.batchGet(app, enterpriseCodeOf(params), pageIndex, pageSize);
        const at = now();
        // camelCase envelope keys around snake_case items, as the SDK's Pagination model reads them.
        return { totalCount: page.total, dataList: page.employees.map((e) => employeeView(e, at)) };
      },
    },
    {
      path: BENEFITS_PATHS.employeeResign,
      mutating: true,
      async handle({ app, params }) {
        const userid = requiredText(params, 'userid', RULES.userid);
        return (await employees.resign(app, enterpriseCodeOf(params), userid, resignTimeOf(params))).userid;
      },
    },
    {
      path: BENEFITS_PATHS.employeeRestore,
      mutating: true,
      async handle({ app, params }) {
        const userid = requiredText(params, 'userid', RULES.userid);
        return (await employees.restore(app, enterpriseCodeOf(params), userid)).userid;
      },
    },
  ];
}
