import { DomainError, invalidParam } from '#src/domain/errors.js';
import { optionalFlag, parseFlags, requireFlag } from './args.js';
import { TARGET_FLAGS, type SdkCommand } from './directory.commands.js';

/**
 * `roster admin password set --company ID --password P [--userid U]`: the console password of the
 * company's main account, or of the employee with that userid — who is made a company admin first
 * (the command's name says what it is for). Through the admin API like the other directory commands.
 */
export const ADMIN_PASSWORD_COMMANDS: Record<string, SdkCommand> = {
  async 'admin password'(admin, argv) {
    const { flags, positionals } = parseFlags(argv, ['company', 'password', 'userid', ...TARGET_FLAGS]);
    if (positionals[0] !== 'set' || positionals.length > 1) throw invalidParam('verb', 'must be set: roster admin password set --company ID --password P [--userid U]');
    const companyId = requireFlag(flags, 'company');
    const password = requireFlag(flags, 'password');
    const userid = optionalFlag(flags, 'userid');
    let employeeId: string;
    if (userid === undefined) {
      const company = await admin.companies.get(companyId);
      if (!company.mainEmployeeId) throw new DomainError('company.not_initialized', { param: '--company', rule: 'has no main account; name an admin with --userid' });
      employeeId = company.mainEmployeeId;
    } else {
      const found = (await admin.employees.list(companyId, { userid, status: 'all', limit: 1 })).items[0];
      if (!found) throw new DomainError('employee.not_found', { param: '--userid', rule: `no employee ${userid}` });
      employeeId = found.employeeId;
      if (!found.isAdmin) await admin.employees.update(companyId, employeeId, { isAdmin: true });
    }
    await admin.employees.setAdminPassword(companyId, employeeId, password);
    return { ok: true, companyId, employeeId };
  },
};
