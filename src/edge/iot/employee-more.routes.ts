import { displayPhone } from '#src/domain/employee.js';
import { DomainError } from '#src/domain/errors.js';
import type { IdentityService } from '#src/app/identity.service.js';
import { optionalString, readParams, requiredString } from './envelope.js';
import { boundedInteger, integerParam } from './iot-params.js';
import type { IotRoute } from './iot.routes.js';

export const IOT_EMPLOYEE_PATHS = {
  create: '/user/account/employee/create',
  modifyPhone: '/user/account/employee/modifyphone',
  unregister: '/user/account/unregister',
} as const;

const CREATE_PARAMS = [
  'companyId', 'companyName', 'phone', 'email', 'name', 'avatarUrl', 'creater', 'isMainAccount', 'dingCorpId', 'dingUserId',
  'extraInfo', 'password', 'openId', 'outPlatformType', 'loginName', 'accountId', 'mainIdentityId',
] as const;

/** The IoT employee writes beyond the seeds: create (1.0.4), modifyphone (1.0.0), unregister (1.0.1). */
export function employeeMoreRoutes(identities: IdentityService): IotRoute[] {
  return [
    {
      path: IOT_EMPLOYEE_PATHS.create,
      apiVer: '1.0.4',
      async handle(app, { params }) {
        const p = readParams(params, CREATE_PARAMS);
        // Validated and echoed, not stored: the directory keeps no DingTalk binding or extra info.
        for (const key of ['companyName', 'dingCorpId', 'dingUserId', 'openId', 'accountId', 'mainIdentityId'] as const) optionalString(p, key, 100);
        const extraInfo = optionalString(p, 'extraInfo', 2000);
        integerParam(p, 'outPlatformType', 0);
        // The main account is the one the company is set up with; another cannot be created here.
        if (boundedInteger(p, 'isMainAccount', 0, 1, 0) !== 0) {
          throw new DomainError('request.invalid_params', { param: 'isMainAccount', rule: 'must be 0: the main account comes with the company' });
        }
        const { company, employee } = await identities.createEmployee(app, {
          companyId: requiredString(p, 'companyId', 64),
          name: requiredString(p, 'name', 100),
          phone: requiredString(p, 'phone', 40),
          email: optionalString(p, 'email', 100),
          avatarUrl: optionalString(p, 'avatarUrl', 500),
          creator: optionalString(p, 'creater', 100),
          loginName: optionalString(p, 'loginName', 100),
          password: optionalString(p, 'password', 128),
        });
        return {
          phone: displayPhone(employee),
          email: employee.email,
          companyId: company.companyId,
          companyName: company.companyName,
          name: employee.name,
          creater: employee.creator,
          avatarUrl: employee.avatarUrl,
          isMainAccount: 0,
          identityId: employee.identityId,
          thirdPartyId: optionalString(p, 'openId', 100) ?? null,
          dingCorpId: optionalString(p, 'dingCorpId', 100) ?? null,
          dingUserId: optionalString(p, 'dingUserId', 100) ?? null,
          extraInfo: extraInfo ?? null,
          accountId: employee.accountId,
          mainIdentityId: company.mainIdentityId,
        };
      },
    },
    {
      path: IOT_EMPLOYEE_PATHS.modifyPhone,
      apiVer: '1.0.0',
      async handle(app, { params }) {
        const p = readParams(params, ['companyId', 'identityId', 'phone']);
        return identities.modifyPhone(app, requiredString(p, 'companyId', 64), requiredString(p, 'identityId', 64), requiredString(p, 'phone', 40));
      },
    },
    {
      path: IOT_EMPLOYEE_PATHS.unregister,
      apiVer: '1.0.1',
      async handle(app, { params }) {
        const p = readParams(params, ['identityId']);
        const identityId = optionalString(p, 'identityId', 64);
        // 362939: a blank or unknown identityId is `460 identityId is blank!` (需要注销的账号不存在).
        if (!identityId || identityId.trim() === '') throw new DomainError('employee.unregister_unknown');
        await identities.unregister(app, identityId);
        return '';
      },
    },
  ];
}
