/** ROSTER_DEV_OA=off: codes of the development OA are refused with 2459, on both engines. */
import { describe, expect, it } from 'vitest';
import { testDatabases } from '../support/databases.js';
import { useRoster } from '../support/roster.js';
import { hostedApp, issueCode, newCompany } from '../iot/support.js';
import { gw, outcome, SEED } from './gateway.js';

for (const db of testDatabases()) {
  describe(`development OA switched off (${db.name})`, () => {
    const ctx = useRoster(db, { config: { devOa: 'off' } });

    it('refuses a development-OA code on createbyauthcode and session/createbyauthcode (2459) and creates nobody', async () => {
      const { company } = await newCompany(ctx);
      const app = await hostedApp(ctx, company.companyId);
      const code = await issueCode(ctx, company.companyId);
      expect(outcome(await gw(ctx, app, 'create', { authCode: code, codeType: 'AUTH_CODE' }))).toEqual(SEED.codeInvalid);
      expect(outcome(await gw(ctx, app, 'session', { authCode: code, codeType: 'AUTH_CODE' }))).toEqual(SEED.codeInvalid);
      expect(await ctx().c.store.repos.employees(company.companyId).pageAfter(0, 10)).toHaveLength(1);
    });
  });
}
