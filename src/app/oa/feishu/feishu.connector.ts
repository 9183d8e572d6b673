import type { OaCodeType } from '#src/domain/oa.js';
import { OaFailure, type OaIdentity, type OaProvider } from '#src/domain/oa-connector.js';
import { budgetOf, identityOf, type ConnectorDeps } from '../connector-deps.js';
import { createAppTokenCache, withAppToken } from '../token-cache.js';
import { callUpstream, joinUrl, obj, str, type UpstreamAnswer, type UpstreamBudget } from '../upstream.js';
import type { FeishuConfig } from './feishu.config.js';

export const FEISHU_API = 'https://open.feishu.cn';

/** 99991663 tenant token invalid, 99991664 app token invalid, 99991661 missing: drop and re-fetch. */
const INVALID_TOKEN = new Set([99991663, 99991664, 99991661, 99991668]);
/**
 * authen/v2/oauth/token codes for a refused code: 20003 not found, 20004 expired, 20065 used,
 * 20024 code/client mismatch, 20049 PKCE failed, 20071 redirect_uri mismatch, 20068/20069 bad request.
 */
const CODE_REFUSED = new Set([20003, 20004, 20065, 20024, 20049, 20071, 20068, 20069, 20070]);
/** 20010: the user may not use this app (not in its visibility, or not of this tenant). */
const NOT_MEMBER = new Set([20010]);

const code = (a: UpstreamAnswer) => Number(a.body.code ?? 0);

/**
 * Feishu / Lark (open.feishu.cn). Both code types: `authen/v2/oauth/token` → `authen/v1/user_info`.
 * The job number is read from `contact/v3/users/:user_id` with the cached tenant token when the user
 * info carries a `user_id`. The subject is the `union_id`; `tenant_key` is the tenant hint.
 */
export function createFeishuConnector(config: FeishuConfig, deps: ConnectorDeps): OaProvider {
  const api = config.apiBaseUrl ?? FEISHU_API;

  const tokens = createAppTokenCache(async (budget: UpstreamBudget) => {
    const a = await callUpstream(
      joinUrl(api, '/open-apis/auth/v3/tenant_access_token/internal'),
      { json: { app_id: config.appId, app_secret: config.appSecret }, retry: 'safe' },
      budget,
    );
    const token = str(a.body, 'tenant_access_token');
    if (code(a) !== 0 || !token) throw new OaFailure('upstream', `tenant_access_token: code ${code(a)} ${str(a.body, 'msg') ?? ''}`.trim());
    return { token, expiresInSec: Number(a.body.expire ?? 7200) };
  }, deps.now);

  async function employeeNo(userId: string, budget: UpstreamBudget): Promise<string | null> {
    const a = await withAppToken(
      tokens,
      budget,
      (token) =>
        callUpstream(
          joinUrl(api, `/open-apis/contact/v3/users/${encodeURIComponent(userId)}`, { user_id_type: 'user_id' }),
          { headers: { authorization: `Bearer ${token}` }, retry: 'safe' },
          budget,
        ),
      (r) => INVALID_TOKEN.has(code(r)),
    );
    // Without the contact scope the job number is simply unknown; the sign-in goes on (the caller
    // also ignores a failure here: a job number is not worth refusing a sign-in for).
    return code(a) === 0 ? str(obj(obj(a.body, 'data'), 'user'), 'employee_no') : null;
  }

  async function exchange(authCode: string, _codeType: OaCodeType): Promise<OaIdentity> {
    const budget = budgetOf(deps);
    const body: Record<string, string> = { grant_type: 'authorization_code', client_id: config.appId, client_secret: config.appSecret, code: authCode };
    if (config.redirectUri) body.redirect_uri = config.redirectUri;
    const t = await callUpstream(joinUrl(api, '/open-apis/authen/v2/oauth/token'), { json: body }, budget);
    if (CODE_REFUSED.has(code(t))) throw new OaFailure('code_invalid', `oauth/token: code ${code(t)}`);
    if (NOT_MEMBER.has(code(t))) throw new OaFailure('not_member', `oauth/token: code ${code(t)}`);
    // v2 answers at the top level; the v1 endpoint's shape (under `data`) is read too.
    const userToken = str(t.body, 'access_token') ?? str(obj(t.body, 'data'), 'access_token');
    if (code(t) !== 0 || !userToken) throw new OaFailure(t.status === 400 ? 'code_invalid' : 'upstream', `oauth/token: code ${code(t)} ${str(t.body, 'error') ?? ''}`.trim());
    const u = await callUpstream(joinUrl(api, '/open-apis/authen/v1/user_info'), { headers: { authorization: `Bearer ${userToken}` }, retry: 'safe' }, budget);
    const data = obj(u.body, 'data');
    const unionId = str(data, 'union_id');
    const openId = str(data, 'open_id');
    if (code(u) !== 0 || !(unionId ?? openId)) throw new OaFailure('upstream', `user_info: code ${code(u)} ${str(u.body, 'msg') ?? ''}`.trim());
    // The tenant is checked by the caller against `expectedTenant`: a shared app exchanges the code
    // once and picks the company by it.
    const tenant = str(data, 'tenant_key');
    const userId = str(data, 'user_id');
    return identityOf({
      subject: unionId ?? openId!,
      userId: userId ?? openId ?? unionId!,
      tenantHint: tenant,
      name: str(data, 'name') ?? str(data, 'en_name') ?? userId ?? openId!,
      mobile: str(data, 'mobile'),
      email: str(data, 'enterprise_email') ?? str(data, 'email'),
      avatarUrl: str(data, 'avatar_url'),
      employeeNo: str(data, 'employee_no') ?? (userId ? await employeeNo(userId, budget).catch(() => null) : null),
    });
  }

  return {
    expectedTenant: config.tenantKey ?? null,
    exchangeKey: `feishu:${config.appId}`,
    exchange,
    async test() {
      try {
        await tokens.get(budgetOf(deps));
        return { ok: true, detail: `tenant token fetched from ${api}` };
      } catch (error) {
        return { ok: false, detail: (error as Error).message };
      }
    },
  };
}
