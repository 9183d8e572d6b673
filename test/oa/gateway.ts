/** Calls through the real `aliyun-api-gateway` client, for the OA and session suites. */
import { randomUUID } from 'node:crypto';
import type { AppCredentials } from '../../src/domain/app.js';
import type { RosterFixture } from '../support/roster.js';
import { gatewayClient, type IotEnvelope } from '../iot/support.js';

export const OA_PATHS = {
  create: ['/user/account/employee/createbyauthcode', '1.0.0'],
  session: ['/user/account/session/createbyauthcode', '1.0.0'],
  authIdentity: ['/user/account/session/authidentity', '1.0.3'],
  refresh: ['/account/checkOrRefreshSession', '1.0.4'],
  get: ['/industry/user/account/get', '1.0.4'],
} as const;

export type OaEndpoint = keyof typeof OA_PATHS;

/** Posts `{id, version, request:{apiVer, …}, params}` with the npm client; returns the envelope. */
export async function gw<T = Record<string, unknown>>(
  ctx: () => RosterFixture,
  app: AppCredentials,
  endpoint: OaEndpoint,
  params: Record<string, unknown>,
  request: Record<string, unknown> = {},
): Promise<IotEnvelope<T>> {
  const [path, apiVer] = OA_PATHS[endpoint];
  const data = { id: randomUUID(), version: '1.0', request: { apiVer, ...request }, params };
  return (await gatewayClient(app).post(`${ctx().baseUrl}${path}`, { data })) as IotEnvelope<T>;
}

/** `{code, message, localizedMsg}` of an envelope, for compact error assertions. */
export const outcome = (e: IotEnvelope<unknown>) => ({ code: e.code, message: e.message, localizedMsg: e.localizedMsg });

export const SEED = {
  codeInvalid: { code: 2459, message: 'oa error message', localizedMsg: '会话Id不存在' },
  phoneInvalid: { code: 2404, message: 'oa error message', localizedMsg: '手机号格式不正确' },
  phoneTaken: { code: 2441, message: 'employee is already existed', localizedMsg: '该手机号对应的员工已经存在' },
  backend: { code: 20004, message: 'Backend Service Error', localizedMsg: 'Backend Service Error' },
  timeout: { code: 20056, message: 'Hsf Invoke Timeout', localizedMsg: 'Hsf Invoke Timeout' },
  tokenMissing: { code: 2402, message: 'iotToken not exist', localizedMsg: 'iotToken不存在' },
  refreshInvalid: { code: 2401, message: 'refreshToken invalid', localizedMsg: 'refreshToken已经失效' },
} as const;
