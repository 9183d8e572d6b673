import type { OaCodeType } from '#src/domain/oa.js';
import { OaFailure, type OaIdentity, type OaProvider } from '#src/domain/oa-connector.js';
import { budgetOf, identityOf, joinMobile, type ConnectorDeps } from '../connector-deps.js';
import { createAppTokenCache, withAppToken } from '../token-cache.js';
import { callUpstream, joinUrl, obj, str, type UpstreamAnswer, type UpstreamBudget } from '../upstream.js';
import type { DingtalkConfig } from './dingtalk.config.js';

export const DINGTALK_API = 'https://api.dingtalk.com';
export const DINGTALK_OAPI = 'https://oapi.dingtalk.com';

/** oapi errcodes that mean the company token is invalid or expired: drop it and fetch another. */
const INVALID_TOKEN = new Set([40014, 42001, 40001]);
/** oapi errcodes for a sign-in code that is unknown, expired or used. */
const CODE_REFUSED = new Set([40078, 40029, 40078, 40068]);
/** Not a member of this company (getbyunionid), or no such user in it (v2/user/get). */
const NOT_MEMBER = new Set([60121, 60011, 33012]);

const errcode = (a: UpstreamAnswer) => Number(a.body.errcode ?? 0);

/**
 * DingTalk (help.dingtalk.io). AUTH_CODE: the OAuth2 scan-login code → `userAccessToken` →
 * `contact/users/me` → `topapi/user/getbyunionid` → `topapi/v2/user/get`. SESSION_ID: the in-app
 * sign-in code → `topapi/v2/user/getuserinfo` → `topapi/v2/user/get`. The company token (`oauth2/accessToken`)
 * is cached. The subject is the `unionId`, stable across both paths.
 */
export function createDingtalkConnector(config: DingtalkConfig, deps: ConnectorDeps): OaProvider {
  const api = config.apiBaseUrl ?? DINGTALK_API;
  const oapi = config.oapiBaseUrl ?? DINGTALK_OAPI;
  const tokens = createAppTokenCache(async (tokenBudget: UpstreamBudget) => {
    const a = await callUpstream(joinUrl(api, '/v1.0/oauth2/accessToken'), { json: { appKey: config.clientId, appSecret: config.clientSecret }, retry: 'safe' }, tokenBudget).catch(
      (error: unknown) => (error instanceof OaFailure && error.reason === 'upstream' ? undefined : Promise.reject(error)),
    );
    const token = str(a?.body, 'accessToken');
    if (a?.status === 200 && token) return { token, expiresInSec: Number(a.body.expireIn ?? 7200) };
    // Deployments without the new API (or answering it with 404) still serve the older oapi gettoken.
    if (!a || a.status === 404) return legacyToken(tokenBudget);
    throw new OaFailure('upstream', `app token refused: ${str(a.body, 'code') ?? a.status} ${str(a.body, 'message') ?? ''}`.trim());
  }, deps.now);

  async function legacyToken(budget: UpstreamBudget) {
    const a = await callUpstream(joinUrl(oapi, '/gettoken', { appkey: config.clientId, appsecret: config.clientSecret }), { retry: 'safe' }, budget);
    const token = str(a.body, 'access_token');
    if (errcode(a) !== 0 || !token) throw new OaFailure('upstream', `gettoken: errcode ${errcode(a)} ${str(a.body, 'errmsg') ?? ''}`.trim());
    return { token, expiresInSec: Number(a.body.expires_in ?? 7200) };
  }

  /** A company-token oapi call; an invalid token is dropped and the call made once more. */
  async function oapiCall(path: string, body: unknown, budget: UpstreamBudget): Promise<UpstreamAnswer> {
    const answer = await withAppToken(
      tokens,
      budget,
      (token) => callUpstream(joinUrl(oapi, path, { access_token: token }), { json: body, retry: 'safe' }, budget),
      (a) => INVALID_TOKEN.has(errcode(a)),
    );
    const code = errcode(answer);
    if (code === 0) return answer;
    if (NOT_MEMBER.has(code)) throw new OaFailure('not_member', `${path}: errcode ${code} (not a member of ${config.corpId})`);
    throw new OaFailure('upstream', `${path}: errcode ${code} ${str(answer.body, 'errmsg') ?? ''}`.trim());
  }

  async function userDetail(userid: string, budget: UpstreamBudget) {
    const a = await oapiCall('/topapi/v2/user/get', { userid, language: 'zh_CN' }, budget);
    return obj(a.body, 'result') ?? {};
  }

  async function byAuthCode(code: string, budget: UpstreamBudget): Promise<OaIdentity> {
    const exchanged = await callUpstream(
      joinUrl(api, '/v1.0/oauth2/userAccessToken'),
      { json: { clientId: config.clientId, clientSecret: config.clientSecret, code, grantType: 'authorization_code' } },
      budget,
    );
    const userToken = str(exchanged.body, 'accessToken');
    if (exchanged.status !== 200 || !userToken) throw new OaFailure('code_invalid', `userAccessToken: ${str(exchanged.body, 'code') ?? exchanged.status}`);
    const corp = str(exchanged.body, 'corpId');
    if (corp && corp !== config.corpId) throw new OaFailure('not_member', `the code belongs to corp ${corp}`);
    const me = await callUpstream(joinUrl(api, '/v1.0/contact/users/me'), { headers: { 'x-acs-dingtalk-access-token': userToken }, retry: 'safe' }, budget);
    const unionId = str(me.body, 'unionId');
    if (me.status !== 200 || !unionId) throw new OaFailure('upstream', `contact/users/me: ${str(me.body, 'code') ?? me.status}`);
    const found = await oapiCall('/topapi/user/getbyunionid', { unionid: unionId }, budget);
    const userid = str(obj(found.body, 'result'), 'userid');
    if (!userid) throw new OaFailure('not_member', 'getbyunionid returned no userid');
    const detail = await userDetail(userid, budget);
    // The company's record (phone, email) wins over the personal one (users/me).
    return identityOf({
      subject: unionId,
      userId: userid,
      tenantHint: corp ?? config.corpId,
      name: str(detail, 'name') ?? str(me.body, 'nick') ?? userid,
      mobile: joinMobile(str(detail, 'mobile'), str(detail, 'state_code')) ?? joinMobile(str(me.body, 'mobile'), str(me.body, 'stateCode')),
      email: str(detail, 'org_email') ?? str(detail, 'email') ?? str(me.body, 'email'),
      avatarUrl: str(detail, 'avatar') ?? str(me.body, 'avatarUrl'),
      employeeNo: str(detail, 'job_number'),
    });
  }

  async function bySessionCode(code: string, budget: UpstreamBudget): Promise<OaIdentity> {
    const answer = await withAppToken(
      tokens,
      budget,
      (token) => callUpstream(joinUrl(oapi, '/topapi/v2/user/getuserinfo', { access_token: token }), { json: { code } }, budget),
      (a) => INVALID_TOKEN.has(errcode(a)),
    );
    const ec = errcode(answer);
    if (CODE_REFUSED.has(ec)) throw new OaFailure('code_invalid', `getuserinfo: errcode ${ec}`);
    if (ec !== 0) throw new OaFailure('upstream', `getuserinfo: errcode ${ec} ${str(answer.body, 'errmsg') ?? ''}`.trim());
    const info = obj(answer.body, 'result');
    const userid = str(info, 'userid');
    if (!userid) throw new OaFailure('upstream', 'getuserinfo returned no userid');
    const detail = await userDetail(userid, budget);
    return identityOf({
      subject: str(detail, 'unionid') ?? str(info, 'unionid') ?? userid,
      userId: userid,
      tenantHint: config.corpId,
      name: str(detail, 'name') ?? str(info, 'name') ?? userid,
      mobile: joinMobile(str(detail, 'mobile'), str(detail, 'state_code')),
      email: str(detail, 'org_email') ?? str(detail, 'email'),
      avatarUrl: str(detail, 'avatar'),
      employeeNo: str(detail, 'job_number'),
    });
  }

  return {
    expectedTenant: config.corpId,
    exchangeKey: `dingtalk:${config.clientId}`,
    exchange(code: string, codeType: OaCodeType) {
      const budget = budgetOf(deps);
      return codeType === 'AUTH_CODE' ? byAuthCode(code, budget) : bySessionCode(code, budget);
    },
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
