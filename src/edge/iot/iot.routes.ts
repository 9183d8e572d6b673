import { displayPhone, type EmployeeSummary } from '#src/domain/employee.js';
import { DomainError, type ErrorCode } from '#src/domain/errors.js';
import { OA_CODE_TYPES, type OaCodeType } from '#src/domain/oa.js';
import type { AppCredentials } from '#src/domain/app.js';
import type { AccountService, AccountView, EmployeeInCompany } from '#src/app/account.service.js';
import type { SessionService } from '#src/app/session.service.js';
import { optionalString, readParams, requiredString, type IotRequest } from './envelope.js';
import { ACCOUNT_DATA_SCHEMA, EMPLOYEE_PAGE_SCHEMA } from './response-schemas.js';

/** One IoT API: its path, the apiVer it serves and what it does with a verified request. */
export interface IotRoute {
  path: string;
  /** The apiVer served, or every one served when the API has several (e.g. account query 1.0.5–1.0.7). */
  apiVer: string | readonly string[];
  handle(app: AppCredentials, request: IotRequest): Promise<unknown>;
  /** Chinese `localizedMsg` where this endpoint's seed table words an error its own way. */
  localized?: Partial<Record<ErrorCode, string>>;
  /** The success data's JSON schema, on the hottest routes: their answer is written by a compiled serializer. */
  dataSchema?: Record<string, unknown>;
}

export const IOT_PATHS = {
  createByAuthCode: '/user/account/employee/createbyauthcode',
  sessionCreateByAuthCode: '/user/account/session/createbyauthcode',
  sessionAuthIdentity: '/user/account/session/authidentity',
  checkOrRefreshSession: '/account/checkOrRefreshSession',
  accountGet: '/industry/user/account/get',
  queryByCompanyId: '/user/account/employee/querybycompanyid',
} as const;

/** Seed 000's data: the employee with the company around it. */
function createdAccountData({ company, employee }: EmployeeInCompany) {
  return {
    accountId: employee.accountId,
    mainPk: company.mainPk,
    mainIdentityId: company.mainIdentityId,
    phone: displayPhone(employee),
    email: employee.email,
    employeeId: employee.employeeId,
    companyId: company.companyId,
    companyName: company.companyName,
    nickName: employee.name,
    avatarUrl: employee.avatarUrl,
  };
}

/** Seed 001's data; organization and role fields only where the directory knows them. */
export function accountData({ employee, department }: AccountView) {
  // Built field by field, in the seed's order: spreading optional parts would leave a slow
  // dictionary-mode object on the hottest path.
  const data: Record<string, unknown> = {};
  if (department) {
    data.organizationId = department.deptCode;
    data.organizationShowName = department.name;
  }
  if (employee.roleCode) {
    data.roleCode = employee.roleCode;
    data.roleName = employee.roleName;
  }
  data.auid = employee.identityId;
  data.phone = displayPhone(employee);
  data.email = employee.email;
  data.nickName = employee.name;
  data.admin = employee.isAdmin;
  data.main = employee.isMain;
  data.workNumber = employee.workNumber;
  data.loginName = employee.loginName;
  return data;
}

/** Seed 002's list item; `isMainAccount` is a boolean as in the seed's example. */
export function listedEmployee(company: { companyId: string; companyName: string }, e: EmployeeSummary) {
  return {
    phone: displayPhone(e),
    email: e.email,
    identityId: e.identityId,
    companyId: company.companyId,
    companyName: company.companyName,
    name: e.name,
    creater: e.creator,
    modifier: e.modifier,
    avatarUrl: e.avatarUrl,
    isMainAccount: e.isMain,
  };
}

/** A JSON integer param with a default when absent; anything but an integer is a 460. */
function integerParam(params: Record<string, unknown>, key: string, fallback: number): number {
  const v = params[key];
  if (v === undefined || v === null) return fallback;
  if (typeof v !== 'number' || !Number.isSafeInteger(v)) throw new DomainError('request.invalid_params', { param: key, rule: 'must be an integer' });
  return v;
}

/** The `codeType` param: AUTH_CODE or SESSION_ID, else 460. */
export function codeTypeParam(p: Record<string, unknown>): OaCodeType {
  const codeType = requiredString(p, 'codeType', 32);
  if (!(OA_CODE_TYPES as readonly string[]).includes(codeType)) {
    throw new DomainError('request.invalid_params', { param: 'codeType', rule: 'must be AUTH_CODE or SESSION_ID' });
  }
  return codeType as OaCodeType;
}

export function iotRoutes(accounts: AccountService, sessions: SessionService): IotRoute[] {
  return [
    {
      path: IOT_PATHS.createByAuthCode,
      apiVer: '1.0.0',
      async handle(app, { params }) {
        const p = readParams(params, ['authCode', 'codeType']);
        const authCode = requiredString(p, 'authCode', 512);
        return createdAccountData(await accounts.createFromOaCode(app, authCode, codeTypeParam(p)));
      },
    },
    {
      path: IOT_PATHS.accountGet,
      apiVer: '1.0.4',
      // Seed 001's table: `403 request forbidden. 请求没有权限` (the others say 请求被禁止).
      localized: { 'auth.forbidden': '请求没有权限' },
      dataSchema: ACCOUNT_DATA_SCHEMA,
      async handle(app, { params, iotToken }) {
        const p = readParams(params, ['appId', 'employeeId']);
        const employeeId = optionalString(p, 'employeeId', 100);
        // 可选 (notes §6): with an iotToken the caller acts as that user; without employeeId, it is the user's own account.
        // An empty iotToken is no token (clients that always send the field, empty when signed out).
        const user = iotToken ? await sessions.identify(app, iotToken) : undefined;
        if (user && employeeId === undefined) return accountData(await accounts.getOwnAccount(user.employee));
        return accountData(await accounts.getAccount(app, optionalString(p, 'appId', 100), employeeId));
      },
    },
    {
      path: IOT_PATHS.queryByCompanyId,
      apiVer: '1.0.0',
      dataSchema: EMPLOYEE_PAGE_SCHEMA,
      async handle(app, { params }) {
        const p = readParams(params, ['companyId', 'pageNo', 'pageSize']);
        const companyId = requiredString(p, 'companyId', 64);
        const pageNo = integerParam(p, 'pageNo', 1);
        const pageSize = integerParam(p, 'pageSize', 10);
        if (pageNo < 1) throw new DomainError('request.invalid_params', { param: 'pageNo', rule: 'must be at least 1' });
        if (pageSize < 1 || pageSize > 100) throw new DomainError('employee.page_size_out_of_range');
        const page = await accounts.listByCompany(app, companyId, pageNo, pageSize);
        return {
          total: page.total,
          pageNo,
          pageSize,
          pageCount: Math.ceil(page.total / pageSize),
          employeeList: page.employees.map((e) => listedEmployee(page, e)),
        };
      },
    },
  ];
}
