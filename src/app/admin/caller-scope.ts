import type { OperatorToken } from '#src/domain/admin-ports.js';
import { assertThat } from '#src/domain/errors.js';

/** Who calls the admin API, as far as scoping goes. */
export type Caller = Pick<OperatorToken, 'companyId'>;

/**
 * A company-scoped caller reaches only its own company. Any other company answers tenant.not_found,
 * exactly as one that does not exist, so a scoped token cannot even learn which ids are real.
 */
export function assertCompanyInScope(caller: Caller, companyId: string): void {
  assertThat(caller.companyId === null || caller.companyId === companyId, 'tenant.not_found');
}

/** Installation-wide operations (creating companies, shared apps) need an installation token. */
export function assertInstallationCaller(caller: Caller): void {
  assertThat(caller.companyId === null, 'auth.forbidden', { rule: 'needs an installation token' });
}
