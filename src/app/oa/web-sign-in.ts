import type { OaConnectorRecord, OaProvider, WebSignIn, WebSignInRequest } from '#src/domain/oa-connector.js';

/** Each OA's documented web-login page (QR code or account login), by kind. */
const LOGIN_PAGES: Partial<Record<OaConnectorRecord['kind'], (config: Record<string, unknown>, r: WebSignInRequest) => string>> = {
  // DingTalk "login to a third-party website": the code comes back as `authCode` (or `code`).
  dingtalk: (c, r) => `https://login.dingtalk.com/oauth2/auth?${new URLSearchParams({ redirect_uri: r.redirectUri, response_type: 'code', client_id: String(c['clientId']), scope: 'openid', state: r.state, prompt: 'consent' })}`,
  // WeCom web login (企业微信 Web 登录) of a self-built app.
  wecom: (c, r) => `https://login.work.weixin.qq.com/wwlogin/sso/login?${new URLSearchParams({ login_type: 'CorpApp', appid: String(c['corpId']), agentid: String(c['agentId']), redirect_uri: r.redirectUri, state: r.state })}`,
  // Feishu / Lark web-app authorization (authen/v1/authorize), redeemed at authen/v2/oauth/token.
  feishu: (c, r) => {
    const host = String(c['apiBaseUrl'] ?? '').includes('larksuite') ? 'https://accounts.larksuite.com' : 'https://accounts.feishu.cn';
    return `${host}/open-apis/authen/v1/authorize?${new URLSearchParams({ client_id: String(c['appId']), response_type: 'code', redirect_uri: r.redirectUri, state: r.state })}`;
  },
};

/**
 * A connector's browser sign-in: the provider's own (OIDC: code + PKCE + nonce against the JWKS), else
 * the kind's documented login page, whose code is the provider's PC login code (AUTH_CODE). Undefined
 * for a kind without one (the development OA).
 */
export function webSignInOf(record: OaConnectorRecord, provider: OaProvider): WebSignIn | undefined {
  if (provider.webSignIn) return provider.webSignIn;
  const page = LOGIN_PAGES[record.kind];
  if (!page) return undefined;
  return {
    authorizeUrl: async (r) => page(record.config, r),
    exchange: (code) => provider.exchange(code, 'AUTH_CODE'),
  };
}

/** Whether a kind can sign a console admin in through a browser. */
export const hasWebSignIn = (kind: OaConnectorRecord['kind']): boolean => kind === 'oidc' || LOGIN_PAGES[kind] !== undefined;
