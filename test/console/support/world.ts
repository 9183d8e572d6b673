/**
 * A company with a console admin, made through the admin SDK with an operator token (as a script
 * would), for the browser tests to sign in to.
 */
import { createRosterAdmin, type Company, type RosterAdmin } from '@roster/admin-sdk';
import { uniqueMobile } from '../../benefits/support/world.js';
import type { RosterFixture } from '../../support/roster.js';

export const ADMIN_PASSWORD = 'Corr3ct-Horse-Battery';

export interface ConsoleWorld {
  sdk: RosterAdmin;
  token: string;
  company: Company;
  adminPhone: string;
}

/** A fresh company whose main account (its first admin) has a console password. */
export async function companyWithAdmin(roster: RosterFixture, name = 'Acme 控制台'): Promise<ConsoleWorld> {
  const { token } = await roster.c.admin.tokens.create({ name: 'console tests' });
  const sdk = createRosterAdmin({ baseUrl: roster.baseUrl, token });
  const adminPhone = uniqueMobile();
  const company = await sdk.companies.create({ name, main: { phone: adminPhone, name: 'Ada Admin', email: `ada${adminPhone}@acme.example` } });
  await sdk.employees.setAdminPassword(company.companyId, company.mainEmployeeId!, ADMIN_PASSWORD);
  return { sdk, token, company, adminPhone };
}
