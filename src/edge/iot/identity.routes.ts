import { displayPhone, type Employee } from '#src/domain/employee.js';
import { DomainError } from '#src/domain/errors.js';
import type { IdentityQueryService, SearchedAccount } from '#src/app/identity-query.service.js';
import { optionalString, readParams, requiredString } from './envelope.js';
import { boundedInteger, integerParam, stringListParam } from './iot-params.js';
import type { IotRoute } from './iot.routes.js';

export const IOT_IDENTITY_PATHS = {
  identityQuery: '/user/account/identity/query',
  identityList: '/iotx/account/queryIdentityList',
  identityPage: '/cloud/account/queryidentitydescbypage',
  accountQuery: '/industry/user/account/query',
} as const;

/** The only login source this directory has: its own accounts (the doc's example value). */
const LOGIN_SOURCE = 'openAccount';

/** 195166's item: the identity as the cloud account service describes it. */
function identityDesc(companyId: string, e: Employee) {
  return {
    scopeId: companyId,
    gmtModified: e.updatedAt,
    createAppKey: e.creator,
    loginId: e.loginName,
    gender: e.gender,
    avatarUrl: e.avatarUrl,
    nickName: e.name,
    // No session state is kept per identity: never shown online.
    onlineStatus: 0,
    modifier: e.modifier,
    gmtCreate: e.createdAt,
    lastLoginTime: null,
    phone: displayPhone(e),
    identityId: e.identityId,
    loginName: e.loginName,
    creater: e.creator,
    tenantId: companyId,
    loginSource: LOGIN_SOURCE,
    email: e.email,
  };
}

/** 186495's item: an account with its (deprecated) single organization and role, and their lists. */
function searchedAccount({ employee: e, department }: SearchedAccount) {
  return {
    organizationId: department?.deptCode ?? null,
    organizationShowName: department?.name ?? null,
    roleCode: e.roleCode,
    roleName: e.roleName,
    auid: e.identityId,
    phone: displayPhone(e),
    email: e.email,
    nickName: e.name,
    roleList: e.roleCode ? [{ roleCode: e.roleCode, roleName: e.roleName }] : [],
    orgList: department ? [{ organizationId: department.deptCode, organizationName: department.name }] : [],
    admin: e.isAdmin,
    main: e.isMain,
    workNumber: e.workNumber,
    loginName: e.loginName,
  };
}

/** The IoT identity reads beyond the seeds. */
export function identityRoutes(queries: IdentityQueryService): IotRoute[] {
  return [
    {
      path: IOT_IDENTITY_PATHS.identityQuery,
      apiVer: '1.0.0',
      async handle(app, { params }) {
        const p = readParams(params, ['loginId', 'loginSource', 'phone', 'email', 'opType']);
        const opType = integerParam(p, 'opType');
        let e: Employee;
        if (opType === 1) {
          const loginId = requiredString(p, 'loginId', 100);
          if (requiredString(p, 'loginSource', 50) !== LOGIN_SOURCE) throw new DomainError('request.invalid_params', { param: 'loginSource', rule: `must be ${LOGIN_SOURCE}` });
          e = await queries.queryIdentity(app, { opType, loginId });
        } else if (opType === 2) e = await queries.queryIdentity(app, { opType, phone: requiredString(p, 'phone', 40) });
        else if (opType === 3) e = await queries.queryIdentity(app, { opType, email: requiredString(p, 'email', 100) });
        else throw new DomainError('request.invalid_params', { param: 'opType', rule: 'must be 1, 2 or 3' });
        return { phone: displayPhone(e), identityId: e.identityId, nickName: e.name, loginId: e.loginName, avatarUrl: e.avatarUrl, loginName: e.loginName, loginSource: LOGIN_SOURCE };
      },
    },
    {
      path: IOT_IDENTITY_PATHS.identityList,
      apiVer: '1.0.6',
      async handle(app, { params }) {
        const p = readParams(params, ['identityIds']);
        const { companyId, employees } = await queries.identityList(app, stringListParam(p, 'identityIds', 64));
        return employees.map((e) => ({ tenantId: companyId, identityId: e.identityId, nickName: e.name, loginName: e.loginName, phone: displayPhone(e), email: e.email, avatarUrl: e.avatarUrl }));
      },
    },
    {
      path: IOT_IDENTITY_PATHS.identityPage,
      apiVer: '1.0.0',
      async handle(app, { params }) {
        const p = readParams(params, ['offset', 'count']);
        const offset = boundedInteger(p, 'offset', 0, Number.MAX_SAFE_INTEGER);
        const count = boundedInteger(p, 'count', 1, 100);
        const { companyId, employees } = await queries.identityPage(app, offset, count);
        return employees.map((e) => identityDesc(companyId, e));
      },
    },
    {
      path: IOT_IDENTITY_PATHS.accountQuery,
      apiVer: ['1.0.5', '1.0.6', '1.0.7'],
      async handle(app, { params }) {
        const p = readParams(params, ['keyWord', 'organizationId', 'roleCode', 'pageNo', 'pageSize', 'appId', 'employeeId']);
        optionalString(p, 'employeeId', 100);
        const pageNo = boundedInteger(p, 'pageNo', 1, 1_000_000, 1);
        const pageSize = integerParam(p, 'pageSize', 10);
        if (pageSize < 1 || pageSize > 100) throw new DomainError('employee.page_size_out_of_range');
        const { total, accounts } = await queries.searchAccounts(app, {
          appId: optionalString(p, 'appId', 100),
          keyWord: optionalString(p, 'keyWord', 100),
          organizationId: optionalString(p, 'organizationId', 50),
          roleCode: optionalString(p, 'roleCode', 50),
          pageNo,
          pageSize,
        });
        return { total, pageNo, pageSize, data: accounts.map(searchedAccount) };
      },
    },
  ];
}
