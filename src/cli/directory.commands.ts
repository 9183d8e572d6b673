import type { Employee, EmployeeListQuery, RosterAdmin } from '@roster/admin-sdk';
import { DomainError, invalidParam } from '#src/domain/errors.js';
import { integerFlag, optionalFlag, parseFlags, requireFlag, type Flags } from './args.js';

/** A command that works through the admin API (remote, or in this process). */
export type SdkCommand = (admin: RosterAdmin, argv: string[]) => Promise<Record<string, unknown>>;

/** Every SDK command also takes where to send it. */
export const TARGET_FLAGS = ['url', 'token'];
const flagsOf = (argv: string[], strings: string[], booleans: string[] = []) => parseFlags(argv, [...strings, ...TARGET_FLAGS], booleans).flags;

/** The employee of the company with this userid (resigned ones too), or employee.not_found. */
async function byUserid(admin: RosterAdmin, companyId: string, userid: string): Promise<Employee> {
  const page = await admin.employees.list(companyId, { userid, status: 'all', limit: 1 });
  const found = page.items[0];
  if (!found) throw new DomainError('employee.not_found', { param: '--userid', rule: `no employee ${userid}` });
  return found;
}

/** The employee fields `add` and `update` take, from their flags. */
function employeeFields(flags: Flags) {
  const gender = optionalFlag(flags, 'gender');
  if (gender !== undefined && !['1', '2', '3'].includes(gender)) throw invalidParam('--gender', 'must be 1, 2 or 3');
  const fields = {
    name: optionalFlag(flags, 'name'),
    mobile: optionalFlag(flags, 'mobile'),
    mobileArea: optionalFlag(flags, 'mobile-area'),
    email: optionalFlag(flags, 'email'),
    workNumber: optionalFlag(flags, 'work-number'),
    deptCode: optionalFlag(flags, 'dept'),
    level: optionalFlag(flags, 'level'),
    remark: optionalFlag(flags, 'remark'),
    gender: gender === undefined ? undefined : (Number(gender) as 1 | 2 | 3),
  };
  return Object.fromEntries(Object.entries(fields).filter(([, v]) => v !== undefined));
}

const EMPLOYEE_FIELD_FLAGS = ['name', 'mobile', 'mobile-area', 'email', 'work-number', 'dept', 'level', 'remark', 'gender'];

/** `get`, `resign`, `restore`: find by userid, then act. */
function employeeAction(act: (admin: RosterAdmin, companyId: string, e: Employee) => Promise<Employee>): SdkCommand {
  return async (admin, argv) => {
    const flags = flagsOf(argv, ['company', 'userid']);
    const companyId = requireFlag(flags, 'company');
    const employee = await byUserid(admin, companyId, requireFlag(flags, 'userid'));
    return act(admin, companyId, employee);
  };
}

/** `roster <group> <verb>` → command, for the commands that go through the admin API. */
export const SDK_COMMANDS: Record<string, SdkCommand> = {
  async 'company list'(admin, argv) {
    flagsOf(argv, []);
    const companies = [];
    let cursor: string | undefined;
    do {
      const page = await admin.companies.list({ limit: 200, ...(cursor ? { cursor } : {}) });
      companies.push(...page.items);
      cursor = page.nextCursor ?? undefined;
    } while (cursor);
    return { companies };
  },

  async 'employee add'(admin, argv) {
    const flags = flagsOf(argv, ['company', 'userid', ...EMPLOYEE_FIELD_FLAGS]);
    const userid = optionalFlag(flags, 'userid');
    return admin.employees.create(requireFlag(flags, 'company'), {
      ...employeeFields(flags),
      name: requireFlag(flags, 'name'),
      ...(userid ? { userid } : {}),
    });
  },

  async 'employee update'(admin, argv) {
    const flags = flagsOf(argv, ['company', 'userid', ...EMPLOYEE_FIELD_FLAGS]);
    const companyId = requireFlag(flags, 'company');
    const employee = await byUserid(admin, companyId, requireFlag(flags, 'userid'));
    return admin.employees.update(companyId, employee.employeeId, employeeFields(flags));
  },

  async 'employee list'(admin, argv) {
    const flags = flagsOf(argv, ['company', 'keyword', 'dept', 'status', 'level', 'category', 'limit', 'cursor'], ['total']);
    const status = optionalFlag(flags, 'status');
    if (status !== undefined && !['active', 'resigned', 'all'].includes(status)) throw invalidParam('--status', 'must be active, resigned or all');
    const query: EmployeeListQuery = {
      ...(status ? { status: status as 'all' } : {}),
      ...(optionalFlag(flags, 'keyword') ? { keyword: optionalFlag(flags, 'keyword') } : {}),
      ...(optionalFlag(flags, 'dept') ? { deptCode: optionalFlag(flags, 'dept') } : {}),
      ...(optionalFlag(flags, 'level') ? { level: optionalFlag(flags, 'level') } : {}),
      ...(optionalFlag(flags, 'category') ? { category: optionalFlag(flags, 'category') } : {}),
      ...(flags.total === true ? { total: true } : {}),
    };
    const companyId = requireFlag(flags, 'company');
    // With --limit (or --cursor): one page and its cursor; without: every match.
    if (optionalFlag(flags, 'limit') !== undefined || optionalFlag(flags, 'cursor') !== undefined) {
      const page = await admin.employees.list(companyId, { ...query, limit: integerFlag(flags, 'limit', 50), ...(optionalFlag(flags, 'cursor') ? { cursor: optionalFlag(flags, 'cursor') } : {}) });
      return { employees: page.items, nextCursor: page.nextCursor, ...(page.total === undefined ? {} : { total: page.total }) };
    }
    const employees: Employee[] = [];
    for await (const e of admin.employees.all(companyId, { ...query, limit: 200 })) employees.push(e);
    return { employees, nextCursor: null, ...(query.total ? { total: employees.length } : {}) };
  },

  'employee get': employeeAction(async (_admin, _companyId, e) => e),
  'employee resign': employeeAction((admin, companyId, e) => admin.employees.resign(companyId, e.employeeId)),
  'employee restore': employeeAction((admin, companyId, e) => admin.employees.restore(companyId, e.employeeId)),
  async 'employee delete'(admin, argv) {
    const flags = flagsOf(argv, ['company', 'userid']);
    const companyId = requireFlag(flags, 'company');
    const employee = await byUserid(admin, companyId, requireFlag(flags, 'userid'));
    await admin.employees.delete(companyId, employee.employeeId);
    return { deleted: true, companyId, employeeId: employee.employeeId, userid: employee.userid };
  },

  async 'app list'(admin, argv) {
    const flags = flagsOf(argv, ['company']);
    const companyId = optionalFlag(flags, 'company');
    return { apps: (await admin.apps.list(companyId ? { companyId } : {})).items };
  },

  async 'app rotate'(admin, argv) {
    const flags = flagsOf(argv, ['app', 'overlap']);
    const overlap = optionalFlag(flags, 'overlap');
    const { app, appSecret } = await admin.apps.rotateSecret(requireFlag(flags, 'app'), overlap === undefined ? {} : { overlapSeconds: integerFlag(flags, 'overlap', 0) });
    return { appKey: app.appKey, appSecret, previousSecretValidUntil: app.previousSecretValidUntil };
  },

  async 'app disable'(admin, argv) {
    return admin.apps.disable(requireFlag(flagsOf(argv, ['app']), 'app'));
  },

  async 'app enable'(admin, argv) {
    return admin.apps.enable(requireFlag(flagsOf(argv, ['app']), 'app'));
  },
};
