import type { OaCodeType } from '#src/domain/oa.js';
import { OaFailure, type OaIdentity, type OaProvider } from '#src/domain/oa-connector.js';
import { budgetOf, identityOf, type ConnectorDeps } from '../connector-deps.js';
import { createAppTokenCache, withAppToken } from '../token-cache.js';
import { callUpstream, joinUrl, obj, str, type UpstreamAnswer, type UpstreamBudget } from '../upstream.js';
import type { WecomConfig } from './wecom.config.js';

export const WECOM_API = 'https://qyapi.weixin.qq.com';

/** 40014 invalid access_token, 42001 expired, 40001 invalid credential: drop it and fetch another. */
const INVALID_TOKEN = new Set([40014, 42001, 40001]);
/** 40029 invalid code (unknown, expired, used); 40078 a bad state of the code. */
const CODE_REFUSED = new Set([40029, 40078]);
/** 60111 no such userid in the company; 60121 not found; 60103 not a member. */
const NOT_MEMBER = new Set([60111, 60121, 60103]);

const errcode = (a: UpstreamAnswer) => Number(a.body.errcode ?? 0);

/** The job number from `alias` or from a custom attribute (`extattr.attrs[{name, value | text.value}]`). */
function employeeNoOf(user: Record<string, unknown>, from: string | undefined): string | null {
  if (!from) return null;
  if (from === 'alias') return str(user, 'alias');
  const name = from.slice('extattr:'.length);
  const attrs = obj(user, 'extattr')?.attrs;
  const attr = Array.isArray(attrs) ? (attrs as Array<Record<string, unknown>>).find((a) => a?.name === name) : undefined;
  return attr ? (str(attr, 'value') ?? str(obj(attr, 'text'), 'value')) : null;
}

/**
 * WeCom / 企业微信 (developer.work.weixin.qq.com). AUTH_CODE: the web-login code → `auth/getuserinfo`
 * → `user/get`. SESSION_ID: the in-client OAuth code (`snsapi_privateinfo`) → `auth/getuserinfo`
 * with a `user_ticket` → `auth/getuserdetail` (the only source of the mobile) and `user/get`. The
 * app token (`gettoken`, per app secret) is cached. The subject is the member's `userid`.
 */
export function createWecomConnector(config: WecomConfig, deps: ConnectorDeps): OaProvider {
  const api = config.apiBaseUrl ?? WECOM_API;

  const tokens = createAppTokenCache(async (budget: UpstreamBudget) => {
    const a = await callUpstream(joinUrl(api, '/cgi-bin/gettoken', { corpid: config.corpId, corpsecret: config.secret }), { retry: 'safe' }, budget);
    const token = str(a.body, 'access_token');
    if (errcode(a) !== 0 || !token) throw new OaFailure('upstream', `gettoken: errcode ${errcode(a)} ${str(a.body, 'errmsg') ?? ''}`.trim());
    return { token, expiresInSec: Number(a.body.expires_in ?? 7200) };
  }, deps.now);

  /** One call with the app token; an invalid token is dropped and the call made once more. */
  function call(path: string, query: Record<string, string>, json: unknown, budget: UpstreamBudget, retry: 'safe' | 'none') {
    return withAppToken(
      tokens,
      budget,
      (token) => callUpstream(joinUrl(api, path, { access_token: token, ...query }), { json, retry }, budget),
      (a) => INVALID_TOKEN.has(errcode(a)),
    );
  }

  function checked(path: string, a: UpstreamAnswer): Record<string, unknown> {
    const code = errcode(a);
    if (code === 0) return a.body;
    if (NOT_MEMBER.has(code)) throw new OaFailure('not_member', `${path}: errcode ${code}`);
    throw new OaFailure('upstream', `${path}: errcode ${code} ${str(a.body, 'errmsg') ?? ''}`.trim());
  }

  async function exchange(code: string, codeType: OaCodeType): Promise<OaIdentity> {
    const budget = budgetOf(deps);
    const info = await call('/cgi-bin/auth/getuserinfo', { code }, undefined, budget, 'none');
    if (CODE_REFUSED.has(errcode(info))) throw new OaFailure('code_invalid', `auth/getuserinfo: errcode ${errcode(info)}`);
    checked('auth/getuserinfo', info);
    // `auth/getuserinfo` says `userid`; the older `user/getuserinfo` said `UserId`.
    const userid = str(info.body, 'userid') ?? str(info.body, 'UserId');
    // Non-members come back with an openid / external_userid instead of a userid.
    if (!userid) throw new OaFailure('not_member', `the user is not a member of corp ${config.corpId}`);
    const user = checked('user/get', await call('/cgi-bin/user/get', { userid }, undefined, budget, 'safe'));
    let detail: Record<string, unknown> = {};
    const ticket = str(info.body, 'user_ticket');
    if (codeType === 'SESSION_ID' && ticket) {
      detail = checked('auth/getuserdetail', await call('/cgi-bin/auth/getuserdetail', {}, { user_ticket: ticket }, budget, 'safe'));
    }
    return identityOf({
      subject: userid,
      userId: userid,
      tenantHint: config.corpId,
      name: str(user, 'name') ?? userid,
      mobile: str(detail, 'mobile') ?? str(user, 'mobile'),
      email: str(detail, 'biz_mail') ?? str(detail, 'email') ?? str(user, 'biz_mail') ?? str(user, 'email'),
      avatarUrl: str(detail, 'avatar') ?? str(user, 'avatar'),
      employeeNo: employeeNoOf(user, config.employeeNoFrom),
    });
  }

  return {
    expectedTenant: config.corpId,
    exchangeKey: `wecom:${config.corpId}:${config.agentId}`,
    exchange,
    async test() {
      try {
        await tokens.get(budgetOf(deps));
        return { ok: true, detail: `app token fetched from ${api}` };
      } catch (error) {
        return { ok: false, detail: (error as Error).message };
      }
    },
  };
}
