/**
 * Issue 6 items 17 and 21 over the IoT dialect: control characters in params are a 460 on both
 * engines (never a PostgreSQL 5xx), and a new employee whose phone AND email are both taken gets
 * the phone's 2441, also when sign-ins race.
 */
import { describe, expect, it } from 'vitest';
import { testDatabases } from '../support/databases.js';
import { useRoster } from '../support/roster.js';
import { ERR, expectErr, expectOk, hostedApp, iotCaller, issueCode, newCompany, oaProfile, sharedApp, storedEmployees } from './support.js';

for (const db of testDatabases()) {
  describe(`IoT input hardening (${db.name})`, () => {
    const ctx = useRoster(db);
    const { call } = iotCaller(ctx);

    async function tenant() {
      const t = await newCompany(ctx);
      return { ...t, app: await hostedApp(ctx, t.company.companyId) };
    }

    describe('item 17: control characters are a 460', () => {
      it('refuses NUL and other control characters in get, querybycompanyid and createbyauthcode params', async () => {
        const { company, app } = await tenant();
        const shared = await sharedApp(ctx, [company.companyId]);
        const [mainEmployee] = await storedEmployees(ctx, company.companyId);
        const code = await issueCode(ctx, company.companyId);
        const calls: Array<[typeof app, 'get' | 'query' | 'create', Record<string, unknown>]> = [
          [app, 'get', { employeeId: `${mainEmployee!.employeeId}\u0000` }],
          [shared.app, 'get', { appId: `${shared.appIds[0]}\u0000` }],
          [shared.app, 'get', { appId: shared.appIds[0], employeeId: 'a\u001bb' }],
          [app, 'query', { companyId: `${company.companyId}\u0000` }],
          [app, 'query', { companyId: `${company.companyId}\n` }],
          [app, 'create', { authCode: `${code}\u0000`, codeType: 'AUTH_CODE' }],
          [app, 'create', { authCode: code, codeType: 'AUTH_CODE\u007f' }],
        ];
        for (const [caller, endpoint, params] of calls) {
          const { res, id } = await call(caller, endpoint, params);
          expectErr(res, id, ERR.param);
        }
        // The code was not spent by the refused calls.
        const ok = await call(app, 'create', { authCode: code, codeType: 'AUTH_CODE' });
        expectOk(ok.res, ok.id);
      });
    });

    describe('item 18: an OA email that outgrows its lower-case key', () => {
      it('signs in on both engines (never a 500), the employee kept without that email', async () => {
        const { company, app } = await tenant();
        const code = await issueCode(ctx, company.companyId, oaProfile({ email: `${'İ'.repeat(90)}@x.example` }));
        const { res, id } = await call(app, 'create', { authCode: code, codeType: 'AUTH_CODE' });
        expect(expectOk<{ email: string | null }>(res, id).email).toBeNull();
        expect(await storedEmployees(ctx, company.companyId)).toHaveLength(2);
      });
    });

    describe('OA profiles with control characters', () => {
      it('refuses a user id holding NUL with 2402 and keeps a name without its control characters, on both engines', async () => {
        const { company, app } = await tenant();
        const nul = await issueCode(ctx, company.companyId, { ...oaProfile(), oaUserId: 'u\u0000x' });
        const refused = await call(app, 'create', { authCode: nul, codeType: 'AUTH_CODE' });
        expectErr(refused.res, refused.id, ERR.registerFailed);
        const named = await issueCode(ctx, company.companyId, oaProfile({ name: 'Ada\u0000\u001b Lovelace' }));
        const ok = await call(app, 'create', { authCode: named, codeType: 'AUTH_CODE' });
        expect(expectOk<{ nickName: string }>(ok.res, ok.id).nickName).toBe('Ada Lovelace');
      });

      it('signs in an OA user id longer than the legacy 100-character column (never a 500 on PostgreSQL)', async () => {
        const { company, app } = await tenant();
        const code = await issueCode(ctx, company.companyId, { ...oaProfile(), oaUserId: `u${'x'.repeat(200)}` });
        const { res, id } = await call(app, 'create', { authCode: code, codeType: 'AUTH_CODE' });
        expectOk(res, id);
      });
    });

    describe('item 21: the phone conflict wins over the email conflict', () => {
      it('answers 2441 when the phone and the email both belong to the main account', async () => {
        const { company, app, main } = await tenant();
        const profile = oaProfile({ phone: main.phone, email: main.email });
        const { res, id } = await call(app, 'create', { authCode: await issueCode(ctx, company.companyId, profile), codeType: 'AUTH_CODE' });
        expectErr(res, id, ERR.phoneTaken);
      });

      it('answers 2441 when the phone belongs to one employee and the email to another', async () => {
        const { company, app, main } = await tenant();
        const other = oaProfile();
        const first = await call(app, 'create', { authCode: await issueCode(ctx, company.companyId, other), codeType: 'AUTH_CODE' });
        expectOk(first.res, first.id);
        const profile = oaProfile({ phone: other.phone, email: main.email });
        const { res, id } = await call(app, 'create', { authCode: await issueCode(ctx, company.companyId, profile), codeType: 'AUTH_CODE' });
        expectErr(res, id, ERR.phoneTaken);
      });

      it('12 concurrent sign-ins of different OA users with one phone and one email: one 200, the rest 2441', async () => {
        const { company, app } = await tenant();
        const shared = oaProfile();
        const codes = await Promise.all(
          Array.from({ length: 12 }, () => issueCode(ctx, company.companyId, oaProfile({ phone: shared.phone, email: shared.email }))),
        );
        const results = await Promise.all(codes.map((authCode) => call(app, 'create', { authCode, codeType: 'AUTH_CODE' })));
        const ok = results.filter((r) => JSON.parse(r.res.text).code === 200);
        expect(ok).toHaveLength(1);
        for (const r of results) if (!ok.includes(r)) expectErr(r.res, r.id, ERR.phoneTaken);
        expect(await storedEmployees(ctx, company.companyId)).toHaveLength(2);
      });
    });
  });
}
