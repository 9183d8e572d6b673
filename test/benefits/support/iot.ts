/** IoT-dialect calls for the one-directory tests, signed by the public npm client `aliyun-api-gateway`. */
import { randomUUID } from 'node:crypto';
import { createRequire } from 'node:module';
import type { AppCredentials } from '../../../src/domain/app.js';

interface GatewayClient {
  post(url: string, opts: { data: unknown; headers?: Record<string, string> }): Promise<unknown>;
}

const require = createRequire(import.meta.url);
const { Client } = require('aliyun-api-gateway') as { Client: new (key: string, secret: string) => GatewayClient };

export interface IotEnvelope {
  id: string | null;
  code: number;
  message: string | null;
  data: Record<string, unknown> | null;
}

/** The IoT paths and the apiVer each serves (seeds 000–002). */
export const IOT = {
  createByAuthCode: { path: '/user/account/employee/createbyauthcode', apiVer: '1.0.0' },
  accountGet: { path: '/industry/user/account/get', apiVer: '1.0.4' },
  queryByCompanyId: { path: '/user/account/employee/querybycompanyid', apiVer: '1.0.0' },
} as const;

/** POSTs the IoT envelope `{id, version, request:{apiVer}, params}` signed with the app's key and secret. */
export async function iotCall(baseUrl: string, app: AppCredentials, api: { path: string; apiVer: string }, params: Record<string, unknown>): Promise<IotEnvelope> {
  const client = new Client(app.appKey, app.appSecret);
  const body = { id: randomUUID(), version: '1.0', request: { apiVer: api.apiVer }, params };
  return (await client.post(`${baseUrl}${api.path}`, { data: body, headers: { accept: 'application/json' } })) as IotEnvelope;
}
