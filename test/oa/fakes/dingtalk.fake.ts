/**
 * A loopback DingTalk: api.dingtalk.com (`oauth2/accessToken`, `oauth2/userAccessToken`,
 * `contact/users/me`) and oapi.dingtalk.com (`topapi/user/getbyunionid`, `topapi/v2/user/getuserinfo`,
 * `topapi/v2/user/get`), answering the documented bodies and errors (40078, 60121, 40014, 42001).
 */
import type { OaCodeType } from '../../../src/domain/oa.js';
import { freshCode, startLoopback, type Loopback } from './loopback.js';

export interface DingUser {
  userid: string;
  unionid: string;
  name: string;
  mobile?: string;
  state_code?: string;
  email?: string;
  avatar?: string;
  job_number?: string;
}

export interface DingtalkFake extends Loopback {
  corpId: string;
  clientId: string;
  clientSecret: string;
  /** How many company tokens were handed out. */
  tokensIssued: number;
  /** Lifetime of new company tokens, seconds. */
  tokenLifeSec: number;
  /** Serve only the older `oapi/gettoken` (the new `oauth2/accessToken` answers 404). */
  legacyTokenOnly: boolean;
  addUser(user: DingUser): void;
  /** A single-use code for `unionid` (AUTH_CODE, of `corpId`) or `userid` (SESSION_ID). */
  code(user: DingUser, codeType: OaCodeType, corpId?: string): string;
  /** Every company token handed out so far stops working (40014), as when DingTalk revokes them. */
  revokeTokens(): void;
  /** Every company token handed out so far has expired (42001) before its announced time. */
  expireTokens(): void;
}

export async function startDingtalkFake(): Promise<DingtalkFake> {
  const users = new Map<string, DingUser>();
  // Everyone with a DingTalk account (users/me answers them), members of the company or not.
  const people = new Map<string, DingUser>();
  const authCodes = new Map<string, { unionid: string; corpId: string }>();
  const sessionCodes = new Map<string, string>();
  const userTokens = new Map<string, string>();
  const tokens = new Map<string, number>();
  // Handlers read the fake's live settings (a test may change them mid-run).
  let fake!: DingtalkFake;

  const companyToken = (q: URLSearchParams) => {
    const t = q.get('access_token') ?? '';
    const expires = tokens.get(t);
    if (expires === undefined) return { status: 200, body: { errcode: 40014, errmsg: '不合法的access_token' } };
    if (expires <= Date.now()) return { status: 200, body: { errcode: 42001, errmsg: 'access_token超时' } };
    return undefined;
  };

  const lb = await startLoopback({
    'GET /gettoken': ({ query }) => {
      if (query.get('appkey') !== fake.clientId || query.get('appsecret') !== fake.clientSecret) return { body: { errcode: 40089, errmsg: '不合法的corpid或corpsecret' } };
      const token = freshCode('dl');
      tokens.set(token, Date.now() + fake.tokenLifeSec * 1000);
      fake.tokensIssued += 1;
      return { body: { errcode: 0, errmsg: 'ok', access_token: token, expires_in: fake.tokenLifeSec } };
    },
    'POST /v1.0/oauth2/accessToken': ({ body }) => {
      if (fake.legacyTokenOnly) return { status: 404, body: { code: 'NotFound', message: 'no such API' } };
      if (body.appKey !== fake.clientId || body.appSecret !== fake.clientSecret) return { status: 400, body: { code: 'invalidClientIdOrSecret', message: '无效的clientId或者clientSecret' } };
      const token = freshCode('dt');
      tokens.set(token, Date.now() + fake.tokenLifeSec * 1000);
      fake.tokensIssued += 1;
      return { body: { accessToken: token, expireIn: fake.tokenLifeSec } };
    },
    'POST /v1.0/oauth2/userAccessToken': ({ body }) => {
      const grant = authCodes.get(String(body.code));
      if (body.clientId !== fake.clientId || body.clientSecret !== fake.clientSecret) return { status: 400, body: { code: 'invalidClientIdOrSecret', message: 'bad client' } };
      if (!grant) return { status: 400, body: { code: 'invalidAuthCode', message: '不合法的临时授权码', requestid: 'r1' } };
      authCodes.delete(String(body.code));
      const token = freshCode('ut');
      userTokens.set(token, grant.unionid);
      return { body: { accessToken: token, refreshToken: freshCode('rt'), expireIn: 7200, corpId: grant.corpId } };
    },
    'GET /v1.0/contact/users/me': ({ headers }) => {
      const unionid = userTokens.get(String(headers['x-acs-dingtalk-access-token']));
      const user = people.get(String(unionid));
      if (!user) return { status: 401, body: { code: 'InvalidAuthentication', message: '不合法的access_token' } };
      return { body: { nick: user.name, avatarUrl: user.avatar ?? '', mobile: user.mobile ?? '', stateCode: user.state_code ?? '86', openId: 'open' + user.userid, unionId: user.unionid, email: user.email ?? '' } };
    },
    'POST /topapi/user/getbyunionid': ({ query, body }) => {
      const bad = companyToken(query);
      if (bad) return bad;
      const user = [...users.values()].find((u) => u.unionid === body.unionid);
      if (!user) return { body: { errcode: 60121, errmsg: '找不到该用户' } };
      return { body: { errcode: 0, errmsg: 'ok', result: { contact_type: 0, userid: user.userid } } };
    },
    'POST /topapi/v2/user/getuserinfo': ({ query, body }) => {
      const bad = companyToken(query);
      if (bad) return bad;
      const userid = sessionCodes.get(String(body.code));
      if (!userid) return { body: { errcode: 40078, errmsg: '不存在的临时授权码' } };
      sessionCodes.delete(String(body.code));
      const u = users.get(userid)!;
      return { body: { errcode: 0, errmsg: 'ok', result: { userid: u.userid, unionid: u.unionid, name: u.name, device_id: 'd', sys: false, sys_level: 0 } } };
    },
    'POST /topapi/v2/user/get': ({ query, body }) => {
      const bad = companyToken(query);
      if (bad) return bad;
      const u = users.get(String(body.userid));
      if (!u) return { body: { errcode: 60121, errmsg: '找不到该用户' } };
      return {
        body: {
          errcode: 0,
          errmsg: 'ok',
          result: { userid: u.userid, unionid: u.unionid, name: u.name, avatar: u.avatar ?? '', state_code: u.state_code ?? '86', mobile: u.mobile ?? '', hide_mobile: false, job_number: u.job_number ?? '', email: u.email ?? '', active: true, admin: false, dept_id_list: [1] },
        },
      };
    },
  });
  fake = Object.assign(lb, {
    corpId: 'dingcorp001',
    clientId: 'dingclientid',
    clientSecret: 'dingsecret',
    tokensIssued: 0,
    tokenLifeSec: 7200,
    legacyTokenOnly: false,
    addUser: (u: DingUser) => void users.set(u.userid, u),
    code(u: DingUser, codeType: OaCodeType, corpId = fake.corpId) {
      const c = freshCode('dc');
      people.set(u.unionid, u);
      if (codeType === 'AUTH_CODE') authCodes.set(c, { unionid: u.unionid, corpId });
      else sessionCodes.set(c, u.userid);
      return c;
    },
    revokeTokens: () => tokens.clear(),
    expireTokens: () => {
      for (const t of tokens.keys()) tokens.set(t, 0);
    },
  });
  return fake;
}
