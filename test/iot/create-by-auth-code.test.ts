/**
 * POST /user/account/employee/createbyauthcode (seed 000) over HTTP: the OA code exchange, every
 * business error it can answer, and what concurrent sign-ins do.
 */
import { describe, expect, it } from 'vitest';
import { testDatabases } from '../support/databases.js';
import { useRoster } from '../support/roster.js';
import {
  CREATED_ACCOUNT_KEYS,
  ERR,
  OPAQUE_ID,
  envelope,
  expectErr,
  expectIotError,
  expectOk,
  hostedApp,
  iotCaller,
  issueCode,
  newCompany,
  oaProfile,
  sharedApp,
  storedEmployees,
  type CreatedAccount,
  type Signer,
} from './support.js';

const MINUTE = 60_000;

for (const db of testDatabases()) {
  describe(`createbyauthcode (${db.name})`, () => {
    const ctx = useRoster(db);
    const { call, post } = iotCaller(ctx);
    const create = (app: Signer, authCode: unknown, codeType: unknown = 'AUTH_CODE', request = {}) =>
      call(app, 'create', { authCode, codeType }, request);

    /** A company with a hosted app. */
    async function tenant(opts: { initialized?: boolean; mainPhone?: string } = {}) {
      const t = await newCompany(ctx, opts);
      return { ...t, app: await hostedApp(ctx, t.company.companyId) };
    }

    describe('success', () => {
      it('creates the employee and returns every seed-000 field with real values', async () => {
        const { company, app } = await tenant();
        const profile = oaProfile({ phone: '+86 188-0000-4321', name: '李四', email: 'li.si@example.com', avatarUrl: 'https://cdn.example.com/li.png' });
        const { res, id } = await create(app, await issueCode(ctx, company.companyId, profile));

        const data = expectOk<CreatedAccount>(res, id);
        expect(Object.keys(data)).toEqual(CREATED_ACCOUNT_KEYS);
        const [, stored] = await storedEmployees(ctx, company.companyId);
        expect(data).toEqual({
          accountId: stored!.accountId,
          mainPk: company.mainPk,
          mainIdentityId: company.mainIdentityId,
          phone: '18800004321',
          email: 'li.si@example.com',
          employeeId: stored!.employeeId,
          companyId: company.companyId,
          companyName: company.companyName,
          nickName: '李四',
          avatarUrl: 'https://cdn.example.com/li.png',
        });
        expect(data.accountId).toMatch(OPAQUE_ID);
        expect(data.employeeId).toMatch(OPAQUE_ID);
        expect(stored).toMatchObject({ phoneE164: '+8618800004321', oaUserId: profile.oaUserId, isMain: false, isAdmin: false });
      });

      it('answers null email and avatarUrl when the OA gives none', async () => {
        const { company, app } = await tenant();
        const code = await issueCode(ctx, company.companyId, oaProfile({ email: null, avatarUrl: null }));
        const { res, id } = await create(app, code);
        expect(expectOk<CreatedAccount>(res, id)).toMatchObject({ email: null, avatarUrl: null });
      });

      it('returns the same employee when the same OA user signs in again with a new code', async () => {
        const { company, app } = await tenant();
        const profile = oaProfile();
        const first = await create(app, await issueCode(ctx, company.companyId, profile));
        const again = await create(app, await issueCode(ctx, company.companyId, profile, 'SESSION_ID'), 'SESSION_ID');
        const a = expectOk<CreatedAccount>(first.res, first.id);
        const b = expectOk<CreatedAccount>(again.res, again.id);
        expect(b).toEqual(a);
        expect(await storedEmployees(ctx, company.companyId)).toHaveLength(2);
      });

      it('works for a shared app installed in the code\'s company', async () => {
        const { company } = await tenant();
        const { app } = await sharedApp(ctx, [company.companyId]);
        const { res, id } = await create(app, await issueCode(ctx, company.companyId));
        expect(expectOk<CreatedAccount>(res, id).companyId).toBe(company.companyId);
      });
    });

    describe('2459 oa error message (会话Id不存在): unknown, used, expired or mistyped codes', () => {
      it('answers 2459 for a code nobody issued', async () => {
        const { app } = await tenant();
        const { res, id } = await create(app, 'no-such-code-0123456789');
        expectErr(res, id, ERR.codeInvalid);
      });

      it('spends a code once: the second use answers 2459', async () => {
        const { company, app } = await tenant();
        const code = await issueCode(ctx, company.companyId);
        const first = await create(app, code);
        expectOk(first.res, first.id);
        const second = await create(app, code);
        expectErr(second.res, second.id, ERR.codeInvalid);
      });

      it('answers 2459 for a code past its 5 minutes', async () => {
        const { company, app } = await tenant();
        const code = await issueCode(ctx, company.companyId, oaProfile(), 'AUTH_CODE', Date.now() - 6 * MINUTE);
        const { res, id } = await create(app, code);
        expectErr(res, id, ERR.codeInvalid);
        expect(await storedEmployees(ctx, company.companyId)).toHaveLength(1);
      });

      it('answers 2459 for a code presented with the other codeType, and leaves it usable with the right one', async () => {
        const { company, app } = await tenant();
        const code = await issueCode(ctx, company.companyId, oaProfile(), 'AUTH_CODE');
        const wrong = await create(app, code, 'SESSION_ID');
        expectErr(wrong.res, wrong.id, ERR.codeInvalid);
        const right = await create(app, code, 'AUTH_CODE');
        expectOk(right.res, right.id);
      });
    });

    describe('2404 oa error message (手机号格式不正确)', () => {
      it.each(['12345', '1380013800', '138001380001', '23800138000', 'not a phone', '', '+999 1234'])(
        'answers 2404 for the OA phone %j and creates nothing',
        async (phone) => {
          const { company, app } = await tenant();
          const { res, id } = await create(app, await issueCode(ctx, company.companyId, oaProfile({ phone })));
          expectErr(res, id, ERR.phoneInvalid);
          expect(await storedEmployees(ctx, company.companyId)).toHaveLength(1);
        },
      );

      it('accepts a mobile number in a newly opened range (possible, not necessarily allocated)', async () => {
        const { company, app } = await tenant();
        const { res, id } = await create(app, await issueCode(ctx, company.companyId, oaProfile({ phone: '16800001111' })));
        expect(expectOk<CreatedAccount>(res, id).phone).toBe('16800001111');
      });
    });

    describe('2441 employee is already existed (该手机号对应的员工已经存在)', () => {
      it('answers 2441 when another OA user brings the main account\'s phone in another spelling', async () => {
        const { company, app } = await tenant({ mainPhone: '+8613800138000' });
        const { res, id } = await create(app, await issueCode(ctx, company.companyId, oaProfile({ phone: '138 0013 8000' })));
        expectErr(res, id, ERR.phoneTaken);
      });

      it('answers 2441 when the phone belongs to an employee created from another OA user', async () => {
        const { company, app } = await tenant();
        const first = await create(app, await issueCode(ctx, company.companyId, oaProfile({ phone: '13912345678' })));
        expectOk(first.res, first.id);
        const second = await create(app, await issueCode(ctx, company.companyId, oaProfile({ phone: '+86 139 1234 5678' })));
        expectErr(second.res, second.id, ERR.phoneTaken);
        expect(await storedEmployees(ctx, company.companyId)).toHaveLength(2);
      });

      it('lets the same phone exist once in each of two companies', async () => {
        const a = await tenant();
        const b = await tenant();
        for (const t of [a, b]) {
          const { res, id } = await create(t.app, await issueCode(ctx, t.company.companyId, oaProfile({ phone: '13700001111' })));
          expectOk(res, id);
        }
      });

      it('leaves the code unspent after 2441: the retry answers 2441 again, not 2459', async () => {
        const { company, app } = await tenant({ mainPhone: '13800138000' });
        const code = await issueCode(ctx, company.companyId, oaProfile({ phone: '13800138000' }));
        for (let i = 0; i < 2; i++) {
          const { res, id } = await create(app, code);
          expectErr(res, id, ERR.phoneTaken);
        }
      });
    });

    describe('2402 registerAccount failed (账号注册失败)', () => {
      it('answers 2402 when the email belongs to another employee of the company (any case)', async () => {
        const { company, app, main } = await tenant();
        const { res, id } = await create(app, await issueCode(ctx, company.companyId, oaProfile({ email: main.email.toUpperCase() })));
        expectErr(res, id, ERR.registerFailed);
        expect(await storedEmployees(ctx, company.companyId)).toHaveLength(1);
      });
    });

    describe('2405 identity is not existed (公司未初始化)', () => {
      it('answers 2405 for a company without a main account, and the same code works once it is initialized', async () => {
        const { company, app } = await tenant({ initialized: false });
        const code = await issueCode(ctx, company.companyId);
        const before = await create(app, code);
        expectErr(before.res, before.id, ERR.notInitialized);

        const initialized = await ctx().c.directory.initCompany(company.companyId, { phone: '13600001111', name: 'boss' });
        const after = await create(app, code);
        expect(expectOk<CreatedAccount>(after.res, after.id)).toMatchObject({
          companyId: company.companyId,
          mainIdentityId: initialized.mainIdentityId,
        });
      });
    });

    describe('403 request forbidden. (请求被禁止)', () => {
      it('answers 403 for a code of a company the app does not belong to, and does not spend the code', async () => {
        const mine = await tenant();
        const theirs = await tenant();
        const code = await issueCode(ctx, theirs.company.companyId);
        const { res, id } = await create(mine.app, code);
        expectErr(res, id, ERR.forbidden);
        expect(await storedEmployees(ctx, theirs.company.companyId)).toHaveLength(1);
        const owner = await create(theirs.app, code);
        expectOk(owner.res, owner.id);
      });

      it('answers 403 to a shared app for a company it is not installed in', async () => {
        const installed = await tenant();
        const other = await tenant();
        const { app } = await sharedApp(ctx, [installed.company.companyId]);
        const { res, id } = await create(app, await issueCode(ctx, other.company.companyId));
        expectErr(res, id, ERR.forbidden);
      });
    });

    describe('460 request parameter error. and other envelope problems', () => {
      const BAD_PARAMS: Array<[string, Record<string, unknown>]> = [
        ['no params', {}],
        ['no authCode', { codeType: 'AUTH_CODE' }],
        ['no codeType', { authCode: 'abc' }],
        ['empty authCode', { authCode: '', codeType: 'AUTH_CODE' }],
        ['blank authCode', { authCode: '   ', codeType: 'AUTH_CODE' }],
        ['null authCode', { authCode: null, codeType: 'AUTH_CODE' }],
        ['numeric authCode', { authCode: 12345, codeType: 'AUTH_CODE' }],
        ['array authCode', { authCode: ['abc'], codeType: 'AUTH_CODE' }],
        ['unknown codeType', { authCode: 'abc', codeType: 'PASSWORD' }],
        ['lower-case codeType', { authCode: 'abc', codeType: 'auth_code' }],
        ['huge authCode', { authCode: 'x'.repeat(10_000), codeType: 'AUTH_CODE' }],
        ['unknown param', { authCode: 'abc', codeType: 'AUTH_CODE', companyId: 'x' }],
      ];
      it.each(BAD_PARAMS)('answers 460 for %s', async (_label, params) => {
        const { app } = await tenant();
        const { res, id } = await call(app, 'create', params);
        expectErr(res, id, ERR.param);
      });

      it('answers 460, echoing the id, when params is not an object', async () => {
        const { app } = await tenant();
        for (const params of ['abc', 1, ['authCode']]) {
          const body = { ...envelope('create', {}), params };
          expectErr(await post(app, 'create', body), body.id, ERR.param);
        }
      });

      it('treats an unknown param as an error even with a valid code, and leaves the code unspent', async () => {
        const { company, app } = await tenant();
        const code = await issueCode(ctx, company.companyId);
        const bad = await call(app, 'create', { authCode: code, codeType: 'AUTH_CODE', extra: true });
        expectErr(bad.res, bad.id, ERR.param);
        const good = await create(app, code);
        expectOk(good.res, good.id);
      });

      it('answers 20003 Find Backend Error for an apiVer the endpoint does not serve, leaving the code unspent', async () => {
        const { company, app } = await tenant();
        const code = await issueCode(ctx, company.companyId);
        for (const apiVer of ['1.0.4', '1.0', '2.0.0']) {
          const { res, id } = await create(app, code, 'AUTH_CODE', { apiVer });
          expectErr(res, id, ERR.wrongApiVer);
        }
        const good = await create(app, code);
        expectOk(good.res, good.id);
      });

      it('echoes a numeric id as a string and a missing id as null', async () => {
        const { app } = await tenant();
        const numeric = { ...envelope('create', {}), id: 1509086454180 };
        expectErr(await post(app, 'create', numeric), '1509086454180', ERR.param);
        const { id: _drop, ...noId } = envelope('create', {});
        expectErr(await post(app, 'create', noId), null, ERR.param);
      });
    });

    describe('localized messages', () => {
      it('answers in Chinese by default and in English for request.language en-US or Accept-Language: en', async () => {
        const { app } = await tenant();
        const zh = await create(app, 'unknown');
        expectIotError(zh.res, zh.id, 2459, 'oa error message', '会话Id不存在');

        const en = await create(app, 'unknown', 'AUTH_CODE', { language: 'en-US' });
        expectIotError(en.res, en.id, 2459, 'oa error message', 'oa error message');
        // Java-style locale names count too.
        const javaLocale = await create(app, 'unknown', 'AUTH_CODE', { language: 'en_US' });
        expectIotError(javaLocale.res, javaLocale.id, 2459, 'oa error message', 'oa error message');
        const locale = await create(app, 'unknown', 'AUTH_CODE', { locale: 'en-US' });
        expectIotError(locale.res, locale.id, 2459, 'oa error message', 'oa error message');

        const body = envelope('create', { authCode: 'unknown', codeType: 'AUTH_CODE' });
        const header = await post(app, 'create', body, { headers: { 'accept-language': 'en' } });
        expectIotError(header, body.id, 2459, 'oa error message', 'oa error message');

        // request.language wins over the header.
        const both = envelope('create', { authCode: 'unknown', codeType: 'AUTH_CODE' }, { language: 'zh-CN' });
        expectIotError(await post(app, 'create', both, { headers: { 'accept-language': 'en-US,en;q=0.9' } }), both.id, 2459, 'oa error message', '会话Id不存在');
      });

      it('keeps success envelopes free of messages whatever the language', async () => {
        const { company, app } = await tenant();
        const { res, id } = await create(app, await issueCode(ctx, company.companyId), 'AUTH_CODE', { language: 'en-US' });
        expectOk(res, id);
      });
    });

    describe('concurrency', () => {
      it('20 concurrent sign-ins of different OA users with one phone: exactly one 200, the rest 2441', async () => {
        const { company, app } = await tenant();
        const codes = await Promise.all(
          Array.from({ length: 20 }, (_, i) =>
            issueCode(ctx, company.companyId, oaProfile({ phone: i % 2 ? '13511112222' : '+86 135 1111 2222' })),
          ),
        );
        const results = await Promise.all(codes.map((code) => create(app, code)));
        const ok = results.filter((r) => JSON.parse(r.res.text).code === 200);
        expect(ok).toHaveLength(1);
        for (const r of results) if (!ok.includes(r)) expectErr(r.res, r.id, ERR.phoneTaken);
        const stored = await storedEmployees(ctx, company.companyId);
        expect(stored).toHaveLength(2);
        expect(stored.map((e) => e.seq)).toEqual([1, 2]);
      });

      it('10 concurrent uses of one code: exactly one success, the rest 2459', async () => {
        const { company, app } = await tenant();
        const code = await issueCode(ctx, company.companyId);
        const results = await Promise.all(Array.from({ length: 10 }, () => create(app, code)));
        const ok = results.filter((r) => JSON.parse(r.res.text).code === 200);
        expect(ok).toHaveLength(1);
        for (const r of results) if (!ok.includes(r)) expectErr(r.res, r.id, ERR.codeInvalid);
        expect(await storedEmployees(ctx, company.companyId)).toHaveLength(2);
      });

      it('8 concurrent sign-ins of one OA user (8 codes): all succeed with the same employee, created once', async () => {
        const { company, app } = await tenant();
        const profile = oaProfile();
        const codes = await Promise.all(Array.from({ length: 8 }, () => issueCode(ctx, company.companyId, profile)));
        const results = await Promise.all(codes.map((code) => create(app, code)));
        const employeeIds = new Set(results.map((r) => expectOk<CreatedAccount>(r.res, r.id).employeeId));
        expect(employeeIds.size).toBe(1);
        expect(await storedEmployees(ctx, company.companyId)).toHaveLength(2);
      });
    });
  });
}
