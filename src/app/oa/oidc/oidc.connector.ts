import { createRemoteJWKSet, jwtVerify, type JWTPayload } from 'jose';
import type { OaCodeType } from '#src/domain/oa.js';
import { OaFailure, type OaIdentity, type OaProvider, type WebSignIn } from '#src/domain/oa-connector.js';
import { budgetOf, identityOf, type ConnectorDeps } from '../connector-deps.js';
import { callUpstream, str, type UpstreamBudget } from '../upstream.js';
import type { OidcConfig } from './oidc.config.js';

interface Discovery {
  issuer: string;
  authorizationEndpoint: string | null;
  tokenEndpoint: string;
  userinfoEndpoint: string | null;
  jwksUri: string;
  authMethods: string[];
}

/** Discovery documents are re-read this often: keys and endpoints rotate rarely. */
const DISCOVERY_TTL_MS = 60 * 60 * 1000;

/** client_secret_basic: both parts form-urlencoded, then base64 (RFC 6749 §2.3.1). */
const basic = (id: string, secret: string) =>
  `Basic ${Buffer.from(`${encodeURIComponent(id)}:${encodeURIComponent(secret)}`).toString('base64')}`;

/**
 * Any OpenID Connect provider: discovery, the authorization-code exchange at the token endpoint
 * (client_secret_basic or _post), the ID token verified against the JWKS (`iss`, `aud`, `exp`,
 * signature), then the claims from userinfo (profile and phone claims usually live only there).
 * Both code types are the same exchange. The subject is `sub` (the link is per connector, so per issuer).
 */
export function createOidcConnector(config: OidcConfig, deps: ConnectorDeps): OaProvider {
  let discovered: { at: number; doc: Discovery; jwks: ReturnType<typeof createRemoteJWKSet> } | undefined;
  let inflight: Promise<NonNullable<typeof discovered>> | undefined;

  async function discover(budget: UpstreamBudget) {
    if (discovered && deps.now() - discovered.at < DISCOVERY_TTL_MS) return discovered;
    inflight ??= (async () => {
      const url = `${config.issuer.replace(/\/+$/, '')}/.well-known/openid-configuration`;
      const a = await callUpstream(url, { retry: 'safe' }, budget);
      const tokenEndpoint = str(a.body, 'token_endpoint');
      const jwksUri = str(a.body, 'jwks_uri');
      const issuer = str(a.body, 'issuer');
      if (a.status !== 200 || !tokenEndpoint || !jwksUri || !issuer) throw new OaFailure('upstream', `discovery at ${url} answered HTTP ${a.status} without the endpoints`);
      const methods = a.body.token_endpoint_auth_methods_supported;
      const doc: Discovery = {
        issuer,
        authorizationEndpoint: str(a.body, 'authorization_endpoint'),
        tokenEndpoint,
        userinfoEndpoint: str(a.body, 'userinfo_endpoint'),
        jwksUri,
        authMethods: Array.isArray(methods) ? methods.filter((m): m is string => typeof m === 'string') : ['client_secret_basic'],
      };
      discovered = { at: deps.now(), doc, jwks: createRemoteJWKSet(new URL(jwksUri), { timeoutDuration: 2_000 }) };
      return discovered;
    })().finally(() => {
      inflight = undefined;
    });
    return inflight;
  }

  function authMethod(doc: Discovery): 'client_secret_basic' | 'client_secret_post' {
    if (config.tokenEndpointAuthMethod) return config.tokenEndpointAuthMethod;
    return doc.authMethods.includes('client_secret_basic') || !doc.authMethods.includes('client_secret_post') ? 'client_secret_basic' : 'client_secret_post';
  }

  async function verifyIdToken(idToken: string, d: NonNullable<typeof discovered>): Promise<JWTPayload> {
    try {
      const { payload } = await jwtVerify(idToken, d.jwks, { issuer: d.doc.issuer, audience: config.clientId });
      return payload;
    } catch (error) {
      const name = (error as Error).name;
      if (name === 'TimeoutError' || (error as { code?: string }).code === 'ERR_JWKS_TIMEOUT') throw new OaFailure('timeout', 'the JWKS did not answer in time');
      throw new OaFailure('upstream', `ID token refused: ${(error as { code?: string }).code ?? name}`);
    }
  }

  async function exchange(code: string, _codeType: OaCodeType): Promise<OaIdentity> {
    return redeem(code, { redirectUri: config.redirectUri });
  }

  /**
   * The authorization code at the token endpoint, the ID token verified, the claims read. A browser
   * sign-in of the console also sends its PKCE verifier and checks the ID token's nonce.
   */
  async function redeem(code: string, check: { redirectUri: string; codeVerifier?: string; nonce?: string }): Promise<OaIdentity> {
    const budget = budgetOf(deps);
    const d = await discover(budget);
    const form: Record<string, string> = { grant_type: 'authorization_code', code, redirect_uri: check.redirectUri };
    if (check.codeVerifier) form.code_verifier = check.codeVerifier;
    const headers: Record<string, string> = {};
    if (authMethod(d.doc) === 'client_secret_basic') headers.authorization = basic(config.clientId, config.clientSecret);
    else Object.assign(form, { client_id: config.clientId, client_secret: config.clientSecret });
    const t = await callUpstream(d.doc.tokenEndpoint, { form, headers }, budget);
    const error = str(t.body, 'error');
    // RFC 6749 §5.2: unknown, expired and used codes (and a redirect_uri mismatch) are all invalid_grant.
    if (error === 'invalid_grant') throw new OaFailure('code_invalid', 'token endpoint: invalid_grant');
    const idToken = str(t.body, 'id_token');
    const accessToken = str(t.body, 'access_token');
    if (t.status !== 200 || !idToken || !accessToken) throw new OaFailure('upstream', `token endpoint answered HTTP ${t.status}${error ? ` ${error}` : ''}`);
    const claims: Record<string, unknown> = { ...(await verifyIdToken(idToken, d)) };
    // OIDC Core §3.1.3.7: the ID token must carry the nonce of this sign-in (a replayed one does not).
    if (check.nonce !== undefined && claims.nonce !== check.nonce) throw new OaFailure('code_invalid', 'the ID token carries another nonce');
    if (d.doc.userinfoEndpoint) {
      const u = await callUpstream(d.doc.userinfoEndpoint, { headers: { authorization: `Bearer ${accessToken}` }, retry: 'safe' }, budget);
      if (u.status !== 200) throw new OaFailure('upstream', `userinfo answered HTTP ${u.status}`);
      // OIDC Core §5.3.2: a userinfo answer for another subject must not be used.
      if (str(u.body, 'sub') !== str(claims, 'sub')) throw new OaFailure('upstream', 'userinfo names another subject');
      Object.assign(claims, u.body);
    }
    const sub = str(claims, 'sub')!;
    const emailOk = claims.email_verified === true || config.trustUnverifiedEmail === true;
    const phoneOk = claims.phone_number_verified !== false;
    return identityOf({
      subject: sub,
      userId: sub,
      tenantHint: d.doc.issuer.replace(/\/+$/, ''),
      name: str(claims, 'name') ?? str(claims, 'nickname') ?? str(claims, 'preferred_username') ?? sub,
      mobile: phoneOk ? str(claims, 'phone_number') : null,
      email: emailOk ? str(claims, 'email') : null,
      avatarUrl: str(claims, 'picture'),
      employeeNo: config.employeeNoClaim ? str(claims, config.employeeNoClaim) : null,
    });
  }

  const webSignIn: WebSignIn = {
    async authorizeUrl(r) {
      const d = await discover(budgetOf(deps));
      if (!d.doc.authorizationEndpoint) throw new OaFailure('upstream', 'discovery names no authorization_endpoint');
      const url = new URL(d.doc.authorizationEndpoint);
      const query = { response_type: 'code', client_id: config.clientId, redirect_uri: r.redirectUri, scope: 'openid profile email phone', state: r.state, nonce: r.nonce, code_challenge: r.codeChallenge, code_challenge_method: 'S256' };
      for (const [k, v] of Object.entries(query)) url.searchParams.set(k, v);
      return url.toString();
    },
    exchange: (code, check) => redeem(code, check),
  };

  return {
    expectedTenant: config.issuer.replace(/\/+$/, ''),
    exchangeKey: `oidc:${config.issuer}:${config.clientId}`,
    exchange,
    webSignIn,
    async test() {
      try {
        const d = await discover(budgetOf(deps));
        return { ok: true, detail: `discovery read: issuer ${d.doc.issuer}, token endpoint ${d.doc.tokenEndpoint}, auth ${authMethod(d.doc)}` };
      } catch (error) {
        return { ok: false, detail: (error as Error).message };
      }
    },
  };
}
