/**
 * Compatibility: the public npm client `aliyun-api-gateway@1.1.6`, unchanged, against all three
 * endpoints, with the seeds' example request bodies (only the placeholders replaced by real values).
 */
import { describe, expect, it } from 'vitest';
import { testDatabases } from '../support/databases.js';
import { useRoster } from '../support/roster.js';
import {
  ACCOUNT_KEYS,
  CREATED_ACCOUNT_KEYS,
  ENVELOPE_KEYS,
  LISTED_EMPLOYEE_KEYS,
  MAIN_PK,
  OPAQUE_ID,
  ORG_ROLE_KEYS,
  PAGE_KEYS,
  PATHS,
  clientFailure,
  expectRequestId,
  gatewayClient,
  hostedApp,
  issueCode,
  newCompany,
  oaProfile,
  sharedApp,
  type AccountData,
  type CreatedAccount,
  type EmployeePage,
  type IotEnvelope,
} from './support.js';

// The seeds' request examples, byte for byte but for the placeholders.
const SEED_000 = `{
	"id": "1509086454180",
	"version": "1.0",
	"request":{
		"apiVer": "1.0.0"
	},
	"params":{
		"authCode": "value0",
		"codeType": "value1"
	}
}`;
const SEED_001 = `{
	"id": "1509086454180",
	"version": "1.0",
	"request":{
		"apiVer": "1.0.4"
	},
	"params":{
		"appId": "value0",
		"employeeId": "value1"
	}
}`;
const SEED_002 = `{
	"id": "1509086454180",
	"version": "1.0",
	"request":{
		"apiVer": "1.0.0"
	},
	"params":{
		"companyId": "value0",
		"pageNo":1,
		"pageSize":10
	}
}`;

/** A seed body with its `valueN` placeholders replaced. */
function seedBody(seed: string, values: Record<string, string>): unknown {
  return JSON.parse(seed.replace(/"(value[0-9])"/g, (whole, name: string) => (name in values ? JSON.stringify(values[name]) : whole)));
}

for (const db of testDatabases()) {
  describe(`IoT dialect through the aliyun-api-gateway npm client (${db.name})`, () => {
    const ctx = useRoster(db);
    const url = (path: string) => `${ctx().baseUrl}${path}`;

    describe('POST /user/account/employee/createbyauthcode (seed 000)', () => {
      it('answers the seed body, with a real code, with every field of seed 000 filled with real values', async () => {
        const { company, main } = await newCompany(ctx);
        const app = await hostedApp(ctx, company.companyId);
        const profile = oaProfile({ phone: '18800001234', name: 'aaa', email: 'abc@example.com', avatarUrl: 'http://aa.bb.com/a.jpg' });
        const code = await issueCode(ctx, company.companyId, profile, 'AUTH_CODE');

        const result = (await gatewayClient(app).post(url(PATHS.create), {
          data: seedBody(SEED_000, { value0: code, value1: 'AUTH_CODE' }),
        })) as IotEnvelope<CreatedAccount>;

        expect(Object.keys(result)).toEqual(ENVELOPE_KEYS);
        expect(Object.keys(result.data)).toEqual(CREATED_ACCOUNT_KEYS);
        expect(result).toEqual({
          id: '1509086454180',
          code: 200,
          message: null,
          localizedMsg: null,
          data: {
            accountId: expect.stringMatching(OPAQUE_ID),
            mainPk: company.mainPk,
            mainIdentityId: company.mainIdentityId,
            phone: '18800001234',
            email: 'abc@example.com',
            employeeId: expect.stringMatching(OPAQUE_ID),
            companyId: company.companyId,
            companyName: company.companyName,
            nickName: 'aaa',
            avatarUrl: 'http://aa.bb.com/a.jpg',
          },
        });
        expect(company.mainPk).toMatch(MAIN_PK);
        expect(company.mainIdentityId).toMatch(OPAQUE_ID);
        expect(result.data.accountId).not.toBe(result.data.employeeId);
        expect(main.phone).not.toBe(result.data.phone);
      });

      it('accepts a SESSION_ID (app login) code the same way', async () => {
        const { company } = await newCompany(ctx);
        const app = await hostedApp(ctx, company.companyId);
        const profile = oaProfile();
        const code = await issueCode(ctx, company.companyId, profile, 'SESSION_ID');
        const result = (await gatewayClient(app).post(url(PATHS.create), {
          data: seedBody(SEED_000, { value0: code, value1: 'SESSION_ID' }),
        })) as IotEnvelope<CreatedAccount>;
        expect(result).toMatchObject({ id: '1509086454180', code: 200, data: { phone: profile.phone, companyId: company.companyId } });
      });

      it('returns business errors as a resolved 200 envelope, not a thrown error', async () => {
        const { company } = await newCompany(ctx);
        const app = await hostedApp(ctx, company.companyId);
        const client = gatewayClient(app);

        // The seed's placeholders verbatim: "value1" is no codeType.
        expect(await client.post(url(PATHS.create), { data: seedBody(SEED_000, {}) })).toEqual({
          id: '1509086454180',
          code: 460,
          message: 'request parameter error. (codeType: must be AUTH_CODE or SESSION_ID)',
          localizedMsg: '请求参数错误（codeType：必须是 AUTH_CODE 或 SESSION_ID）',
          data: null,
        });
        // A well-formed but unknown code.
        expect(await client.post(url(PATHS.create), { data: seedBody(SEED_000, { value1: 'AUTH_CODE' }) })).toEqual({
          id: '1509086454180',
          code: 2459,
          message: 'oa error message',
          localizedMsg: '会话Id不存在',
          data: null,
        });
      });
    });

    describe('POST /industry/user/account/get (seed 001)', () => {
      it('answers the seed body for a shared app (appId + employeeId) with seed 001 fields', async () => {
        const { company } = await newCompany(ctx);
        const { app, appIds } = await sharedApp(ctx, [company.companyId]);
        const profile = oaProfile({ phone: '135 0000 1111', email: 'test_1@taobao.com', name: 'tpc' });
        const created = await ctx().c.accounts.createFromOaCode(app, await issueCode(ctx, company.companyId, profile), 'AUTH_CODE');

        const result = (await gatewayClient(app).post(url(PATHS.get), {
          data: seedBody(SEED_001, { value0: appIds[0]!, value1: created.employee.employeeId }),
        })) as IotEnvelope<AccountData>;

        expect(Object.keys(result)).toEqual(ENVELOPE_KEYS);
        expect(result).toEqual({
          id: '1509086454180',
          code: 200,
          message: null,
          localizedMsg: null,
          data: {
            auid: created.employee.identityId,
            phone: '13500001111',
            email: 'test_1@taobao.com',
            nickName: 'tpc',
            admin: false,
            main: false,
            workNumber: null,
            loginName: '+8613500001111',
          },
        });
        expect(Object.keys(result.data)).toEqual(ACCOUNT_KEYS);
      });

      it('answers the main account, with the organization and role fields of the example, when employeeId is absent', async () => {
        const { company, main } = await newCompany(ctx);
        const app = await hostedApp(ctx, company.companyId);

        const result = (await gatewayClient(app).post(url(PATHS.get), {
          data: { id: '1509086454180', version: '1.0', request: { apiVer: '1.0.4' }, params: {} },
        })) as IotEnvelope<AccountData>;

        expect(Object.keys(result.data)).toEqual([...ORG_ROLE_KEYS, ...ACCOUNT_KEYS]);
        expect(result).toEqual({
          id: '1509086454180',
          code: 200,
          message: null,
          localizedMsg: null,
          data: {
            organizationId: 'ROOT',
            organizationShowName: company.companyName,
            roleCode: 'ADMINISTRATOR',
            roleName: '管理员',
            auid: company.mainIdentityId,
            phone: main.phone,
            email: main.email,
            nickName: main.name,
            admin: true,
            main: true,
            workNumber: null,
            loginName: `+86${main.phone}`,
          },
        });
      });

      it('returns 107313 for the seed placeholders sent by a hosted app (its tenant follows from the AppKey)', async () => {
        const { company } = await newCompany(ctx);
        const app = await hostedApp(ctx, company.companyId);
        expect(await gatewayClient(app).post(url(PATHS.get), { data: seedBody(SEED_001, {}) })).toEqual({
          id: '1509086454180',
          code: 107313,
          message: 'the user is not exist',
          localizedMsg: '人员不存在或已删除',
          data: null,
        });
      });
    });

    describe('POST /user/account/employee/querybycompanyid (seed 002)', () => {
      it('answers the seed body with the real companyId with every field of seed 002', async () => {
        const { company, main } = await newCompany(ctx);
        const app = await hostedApp(ctx, company.companyId);
        const profile = oaProfile({ phone: '13800006666', email: 'alice@example.com', name: '测试', avatarUrl: 'http://www.example.com/abc.jpg' });
        const created = await ctx().c.accounts.createFromOaCode(app, await issueCode(ctx, company.companyId, profile), 'AUTH_CODE');

        const result = (await gatewayClient(app).post(url(PATHS.query), {
          data: seedBody(SEED_002, { value0: company.companyId }),
        })) as IotEnvelope<EmployeePage>;

        expect(Object.keys(result)).toEqual(ENVELOPE_KEYS);
        expect(Object.keys(result.data)).toEqual(PAGE_KEYS);
        for (const e of result.data.employeeList) expect(Object.keys(e)).toEqual(LISTED_EMPLOYEE_KEYS);
        expect(result).toEqual({
          id: '1509086454180',
          code: 200,
          message: null,
          localizedMsg: null,
          data: {
            total: 2,
            pageNo: 1,
            pageSize: 10,
            pageCount: 1,
            employeeList: [
              {
                phone: main.phone,
                email: main.email,
                identityId: company.mainIdentityId,
                companyId: company.companyId,
                companyName: company.companyName,
                name: main.name,
                creater: 'roster',
                modifier: 'roster',
                avatarUrl: null,
                isMainAccount: true,
              },
              {
                phone: '13800006666',
                email: 'alice@example.com',
                identityId: created.employee.identityId,
                companyId: company.companyId,
                companyName: company.companyName,
                name: '测试',
                creater: app.appKey,
                modifier: app.appKey,
                avatarUrl: 'http://www.example.com/abc.jpg',
                isMainAccount: false,
              },
            ],
          },
        });
      });

      it('answers 403 request forbidden. for the seed placeholder companyId', async () => {
        const { company } = await newCompany(ctx);
        const app = await hostedApp(ctx, company.companyId);
        expect(await gatewayClient(app).post(url(PATHS.query), { data: seedBody(SEED_002, {}) })).toEqual({
          id: '1509086454180',
          code: 403,
          message: 'request forbidden.',
          localizedMsg: '请求被禁止',
          data: null,
        });
      });
    });

    describe('gateway failures as the client reports them', () => {
      it('throws with the HTTP status, the request id and the server string-to-sign on a wrong secret', async () => {
        const { company } = await newCompany(ctx);
        const app = await hostedApp(ctx, company.companyId);
        const body = seedBody(SEED_002, { value0: company.companyId });

        const failure = await clientFailure(gatewayClient(app, 'not-the-secret').post(url(PATHS.query), { data: body }));

        expect(failure.code).toBe(400);
        expectRequestId(failure.headers);
        const serverStringToSign = failure.headers['x-ca-error-message']!;
        // The client's own debug output compares the two strings with '#' for newlines.
        expect(serverStringToSign).toMatch(
          new RegExp(
            '^Invalid Signature, Server StringToSign:POST#application/json#[A-Za-z0-9+/]{22}==#application/json##' +
              `x-ca-key:${app.appKey}#x-ca-nonce:[0-9a-f-]{36}#x-ca-stage:RELEASE#x-ca-timestamp:[0-9]{13}#` +
              `${PATHS.query}$`,
          ),
        );
        expect(failure.message).toBe(
          `POST ${url(PATHS.query)} failed width code(400). request id: ${failure.headers['x-ca-request-id']}, ` +
            `error message: ${serverStringToSign}`,
        );
      });

      it('throws 400 Invalid AppKey for an AppKey the server does not know', async () => {
        const failure = await clientFailure(
          gatewayClient({ appKey: '999999999', appSecret: 'x' }).post(url(PATHS.get), { data: seedBody(SEED_001, {}) }),
        );
        expect(failure.code).toBe(400);
        expect(failure.headers['x-ca-error-message']).toBe('Invalid AppKey');
        expectRequestId(failure.headers);
      });
    });
  });
}
