import type { EmployeeInCompany } from '#src/app/account.service.js';
import type { IssuedSession, SessionService } from '#src/app/session.service.js';
import { displayPhone } from '#src/domain/employee.js';
import { DomainError } from '#src/domain/errors.js';
import { optionalString, readParams, requiredString } from './envelope.js';
import { codeTypeParam, IOT_PATHS, type IotRoute } from './iot.routes.js';
import { SESSION_IDENTITY_SCHEMA } from './response-schemas.js';

/** `{identityId, iotToken, iotTokenExpire, refreshToken, refreshTokenExpire}`, lifetimes in seconds. */
function sessionData(s: IssuedSession) {
  return {
    identityId: s.identityId,
    iotToken: s.iotToken,
    iotTokenExpire: s.iotTokenExpire,
    refreshToken: s.refreshToken,
    refreshTokenExpire: s.refreshTokenExpire,
  };
}

/** `authidentity`'s data: the session's user and its company (tenant). */
export function identityData({ company, employee }: EmployeeInCompany) {
  return {
    companyId: company.companyId,
    companyName: company.companyName,
    identityId: employee.identityId,
    loginName: employee.loginName,
    nickName: employee.name,
    phone: displayPhone(employee),
    email: employee.email,
    avatarUrl: employee.avatarUrl,
    extraInfo: null,
    tenantId: company.companyId,
    tenantPk: company.mainPk,
  };
}

/** The IoT user-session APIs (notes §4, §6): issue from an OA code, identify, refresh. */
export function sessionRoutes(sessions: SessionService): IotRoute[] {
  return [
    {
      path: IOT_PATHS.sessionCreateByAuthCode,
      apiVer: '1.0.0',
      async handle(app, { params }) {
        const p = readParams(params, ['authCode', 'codeType']);
        const authCode = requiredString(p, 'authCode', 512);
        return sessionData(await sessions.createFromOaCode(app, authCode, codeTypeParam(p)));
      },
    },
    {
      path: IOT_PATHS.sessionAuthIdentity,
      apiVer: '1.0.3',
      dataSchema: SESSION_IDENTITY_SCHEMA,
      async handle(app, { params, iotToken }) {
        const p = readParams(params, ['iotToken']);
        // The doc's example carries the token in request.iotToken; params.iotToken is accepted too.
        const token = iotToken || optionalString(p, 'iotToken', 1024);
        if (!token) throw new DomainError('session.iot_token_invalid');
        return identityData(await sessions.identify(app, token));
      },
    },
    {
      path: IOT_PATHS.checkOrRefreshSession,
      apiVer: '1.0.4',
      async handle(app, { params }) {
        const p = readParams(params, ['identityId', 'refreshToken']);
        const identityId = requiredString(p, 'identityId', 64);
        const refreshToken = requiredString(p, 'refreshToken', 1024);
        return sessionData(await sessions.refresh(app, identityId, refreshToken));
      },
    },
  ];
}
