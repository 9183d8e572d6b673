/**
 * A loopback Feishu / Lark (open.feishu.cn): `authen/v2/oauth/token` (HTTP 400 with 20003 / 20004 /
 * 20065 for unknown, expired and used codes), `authen/v1/user_info`, `auth/v3/tenant_access_token/internal`
 * and `contact/v3/users/:id` (99991663 for an invalid tenant token).
 */
import { freshCode, startLoopback, type Loopback } from './loopback.js';

export interface FeishuUser {
  union_id: string;
  open_id: string;
  user_id?: string;
  name: string;
  mobile?: string;
  email?: string;
  avatar_url?: string;
  tenant_key: string;
  employee_no?: string;
}

export interface FeishuFake extends Loopback {
  appId: string;
  appSecret: string;
  tenantKey: string;
  tokensIssued: number;
  code(user: FeishuUser, opts?: { expired?: boolean }): string;
  revokeTokens(): void;
}

export async function startFeishuFake(): Promise<FeishuFake> {
  const codes = new Map<string, { user: FeishuUser; expired: boolean; used: boolean }>();
  const userTokens = new Map<string, FeishuUser>();
  const tenantTokens = new Set<string>();
  const directory = new Map<string, FeishuUser>();
  let fake!: FeishuFake;
  const lb = await startLoopback({
    'POST /open-apis/authen/v2/oauth/token': ({ body }) => {
      if (body.client_id !== fake.appId || body.client_secret !== fake.appSecret) return { status: 400, body: { code: 20002, error: 'invalid_client', error_description: 'client secret invalid' } };
      const grant = codes.get(String(body.code));
      if (!grant) return { status: 400, body: { code: 20003, error: 'invalid_grant', error_description: 'The authorization code is not found' } };
      if (grant.used) return { status: 400, body: { code: 20065, error: 'invalid_grant', error_description: 'The authorization code has been used' } };
      if (grant.expired) return { status: 400, body: { code: 20004, error: 'invalid_grant', error_description: 'The authorization code has expired' } };
      grant.used = true;
      const token = freshCode('u-');
      userTokens.set(token, grant.user);
      directory.set(grant.user.user_id ?? grant.user.open_id, grant.user);
      return { body: { code: 0, access_token: token, expires_in: 7200, token_type: 'Bearer', scope: 'contact:user.phone:readonly' } };
    },
    'GET /open-apis/authen/v1/user_info': ({ headers }) => {
      const u = userTokens.get(String(headers.authorization ?? '').replace(/^Bearer /, ''));
      if (!u) return { status: 401, body: { code: 20005, msg: 'invalid access token' } };
      return {
        body: {
          code: 0,
          msg: 'success',
          data: { name: u.name, en_name: '', avatar_url: u.avatar_url ?? '', open_id: u.open_id, union_id: u.union_id, email: u.email ?? '', enterprise_email: '', user_id: u.user_id ?? '', mobile: u.mobile ?? '', tenant_key: u.tenant_key },
        },
      };
    },
    'POST /open-apis/auth/v3/tenant_access_token/internal': ({ body }) => {
      if (body.app_id !== fake.appId || body.app_secret !== fake.appSecret) return { body: { code: 10014, msg: 'app secret invalid' } };
      const token = freshCode('t-');
      tenantTokens.add(token);
      fake.tokensIssued += 1;
      return { body: { code: 0, msg: 'ok', tenant_access_token: token, expire: 7200 } };
    },
    'GET /open-apis/contact/v3/users/*': ({ headers, path }) => {
      if (!tenantTokens.has(String(headers.authorization ?? '').replace(/^Bearer /, ''))) return { status: 400, body: { code: 99991663, msg: 'Invalid access token for authorization.' } };
      const u = directory.get(decodeURIComponent(path.split('/').pop()!));
      if (!u) return { status: 400, body: { code: 41050, msg: 'no user authority error' } };
      return { body: { code: 0, msg: 'success', data: { user: { user_id: u.user_id, name: u.name, employee_no: u.employee_no ?? '' } } } };
    },
  });
  fake = Object.assign(lb, {
    appId: 'cli_a1b2c3d4e5',
    appSecret: 'feishu-secret',
    tenantKey: 'tenant-abc',
    tokensIssued: 0,
    code(user: FeishuUser, opts: { expired?: boolean } = {}) {
      const c = freshCode('fc');
      codes.set(c, { user, expired: opts.expired === true, used: false });
      return c;
    },
    revokeTokens: () => tenantTokens.clear(),
  });
  return fake;
}
