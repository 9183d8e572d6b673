/**
 * A loopback WeCom (qyapi.weixin.qq.com): `gettoken`, `auth/getuserinfo` (members get a userid, and a
 * user_ticket for in-client codes; non-members an openid), `user/get`, `auth/getuserdetail`; the
 * documented errors 40029 (invalid code), 40014 / 42001 (token invalid / expired), 60111.
 */
import type { OaCodeType } from '../../../src/domain/oa.js';
import { freshCode, startLoopback, type Loopback } from './loopback.js';

export interface WecomUser {
  userid: string;
  name: string;
  /** Only handed out by getuserdetail (the in-client path), as for apps created after 2022-06-20. */
  mobile?: string;
  email?: string;
  avatar?: string;
  alias?: string;
  /** Custom attributes as WeCom nests them: `extattr.attrs[{type: 0, name, text: {value}}]`. */
  attrs?: Record<string, string>;
}

export interface WecomFake extends Loopback {
  corpId: string;
  secret: string;
  tokensIssued: number;
  tokenLifeSec: number;
  addUser(user: WecomUser): void;
  code(user: WecomUser, codeType: OaCodeType): string;
  /** A code of someone who is not a member of the company (answers an openid). */
  outsiderCode(): string;
  revokeTokens(): void;
  /** Every company token handed out so far has expired (42001) before its announced time. */
  expireTokens(): void;
}

export async function startWecomFake(): Promise<WecomFake> {
  const users = new Map<string, WecomUser>();
  const codes = new Map<string, { userid: string | null; codeType: OaCodeType }>();
  const tickets = new Map<string, string>();
  const tokens = new Map<string, number>();
  let fake!: WecomFake;
  const tokenError = (q: URLSearchParams) => {
    const expires = tokens.get(q.get('access_token') ?? '');
    if (expires === undefined) return { body: { errcode: 40014, errmsg: 'invalid access_token' } };
    if (expires <= Date.now()) return { body: { errcode: 42001, errmsg: 'access_token expired' } };
    return undefined;
  };
  const lb = await startLoopback({
    'GET /cgi-bin/gettoken': ({ query }) => {
      if (query.get('corpid') !== fake.corpId || query.get('corpsecret') !== fake.secret) return { body: { errcode: 40001, errmsg: 'invalid credential' } };
      const token = freshCode('wt');
      tokens.set(token, Date.now() + fake.tokenLifeSec * 1000);
      fake.tokensIssued += 1;
      return { body: { errcode: 0, errmsg: 'ok', access_token: token, expires_in: fake.tokenLifeSec } };
    },
    'GET /cgi-bin/auth/getuserinfo': ({ query }) => {
      const bad = tokenError(query);
      if (bad) return bad;
      const grant = codes.get(query.get('code') ?? '');
      if (!grant) return { body: { errcode: 40029, errmsg: 'invalid code' } };
      codes.delete(query.get('code')!);
      if (!grant.userid) return { body: { errcode: 0, errmsg: 'ok', openid: 'oOUTSIDER', external_userid: 'wmOUT' } };
      if (grant.codeType === 'AUTH_CODE') return { body: { errcode: 0, errmsg: 'ok', userid: grant.userid } };
      const ticket = freshCode('tk');
      tickets.set(ticket, grant.userid);
      return { body: { errcode: 0, errmsg: 'ok', userid: grant.userid, user_ticket: ticket, expires_in: 1800 } };
    },
    'GET /cgi-bin/user/get': ({ query }) => {
      const bad = tokenError(query);
      if (bad) return bad;
      const u = users.get(query.get('userid') ?? '');
      if (!u) return { body: { errcode: 60111, errmsg: 'userid not found' } };
      // No mobile or email on this path for new apps.
      const extattr = { attrs: Object.entries(u.attrs ?? {}).map(([name, value]) => ({ type: 0, name, text: { value }, value })) };
      return { body: { errcode: 0, errmsg: 'ok', userid: u.userid, name: u.name, alias: u.alias ?? '', department: [1], status: 1, extattr } };
    },
    'POST /cgi-bin/auth/getuserdetail': ({ query, body }) => {
      const bad = tokenError(query);
      if (bad) return bad;
      const userid = tickets.get(String(body.user_ticket));
      if (!userid) return { body: { errcode: 40029, errmsg: 'invalid user_ticket' } };
      const u = users.get(userid)!;
      return { body: { errcode: 0, errmsg: 'ok', userid, gender: '1', avatar: u.avatar ?? '', qr_code: '', mobile: u.mobile ?? '', email: u.email ?? '', biz_mail: '', address: '' } };
    },
  });
  fake = Object.assign(lb, {
    corpId: 'ww0123456789abcdef',
    secret: 'wecom-secret',
    tokensIssued: 0,
    tokenLifeSec: 7200,
    addUser: (u: WecomUser) => void users.set(u.userid, u),
    code(u: WecomUser, codeType: OaCodeType) {
      const c = freshCode('wc');
      codes.set(c, { userid: u.userid, codeType });
      return c;
    },
    outsiderCode() {
      const c = freshCode('wo');
      codes.set(c, { userid: null, codeType: 'AUTH_CODE' });
      return c;
    },
    revokeTokens: () => tokens.clear(),
    expireTokens: () => {
      for (const t of tokens.keys()) tokens.set(t, 0);
    },
  });
  return fake;
}
