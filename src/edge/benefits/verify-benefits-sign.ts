import type { AccessService } from '#src/app/access.service.js';
import type { TokenService } from '#src/app/token.service.js';
import { acceptedSecrets, type AppCredentials } from '#src/domain/app.js';
import { DomainError, type ErrorCode } from '#src/domain/errors.js';
import { constantEquals } from '../http/constant-equals.js';
import type { RateLimiter } from '../http/rate-limiter.js';
import type { BenefitsParams } from './form-codec.js';
import { benefitsSign } from './sign.js';

export interface BenefitsAuthDeps {
  access: AccessService;
  tokens: TokenService;
  rateLimiter: RateLimiter;
  now: () => number;
}

/** Largest distance between the caller's clock and ours: "允许的时间戳偏差为5分钟" (notes §3). */
export const MAX_SKEW_SEC = 300;

const TIMESTAMP = /^[0-9]{10}$/;
// Tokens are 32 hex characters; anything else is refused without a store lookup.
const TOKEN = /^[0-9a-fA-F]{32}$/;

function required(params: BenefitsParams, name: string, code: ErrorCode): string {
  const value = params.get(name);
  if (!value) throw new DomainError(code, { param: name, rule: 'is required' });
  return value;
}

/** The checks that need no secret: no appsecret sent (1000210009), a sign (1000210006), a fresh timestamp (1000210001). */
function checkEnvelope(params: BenefitsParams, now: number): string {
  if (params.has('appsecret')) throw new DomainError('auth.secret_in_params');
  const sign = required(params, 'sign', 'auth.missing_signature');
  const timestamp = required(params, 'timestamp', 'auth.missing_credentials');
  if (!TIMESTAMP.test(timestamp)) throw new DomainError('auth.invalid_timestamp');
  if (Math.abs(now / 1000 - Number(timestamp)) > MAX_SKEW_SEC) throw new DomainError('auth.timestamp_expired');
  return sign;
}

/**
 * Recomputes the sign over everything received but `sign` (notes §2) with the app's hash, and
 * compares in constant time, case-insensitively (1000210002).
 */
function checkSign(params: BenefitsParams, app: AppCredentials, sign: string, now: number): void {
  const signed = [...params].filter(([name]) => name !== 'sign');
  // During a rotation's overlap window the previous secret signs too (admin API rotate-secret).
  if (!acceptedSecrets(app, now).some((secret) => constantEquals(benefitsSign(signed, secret, app.signType), sign.toLowerCase()))) {
    throw new DomainError('auth.invalid_signature');
  }
}

/** Taken only after the sign holds, so a forger cannot spend another app's rate limit (1000200052). */
function takeBudget(app: AppCredentials, deps: BenefitsAuthDeps): void {
  if (!deps.rateLimiter.take(app.appKey, app.rateLimit)) throw new DomainError('auth.rate_limited');
}

function checkSignAndBudget(params: BenefitsParams, app: AppCredentials, sign: string, deps: BenefitsAuthDeps): void {
  checkSign(params, app, sign, deps.now());
  takeBudget(app, deps);
}

/**
 * A call that changes data is accepted once per sign (issue 6): a replay within the timestamp window
 * is refused (1000210002, the sign is spent) before it takes any of the app's rate budget.
 */
async function claimSign(params: BenefitsParams, app: AppCredentials, sign: string, deps: BenefitsAuthDeps): Promise<void> {
  if (!(await deps.tokens.signs.claim(app.appKey, sign, Number(params.get('timestamp'))))) {
    throw new DomainError('auth.nonce_used', { param: 'sign', rule: 'was used already: a call that changes data is accepted once' });
  }
}

/** `/token/create`: the app is the one named by `appid` (its AppKey; unknown → 1000210003). */
export async function verifyTokenRequest(params: BenefitsParams, deps: BenefitsAuthDeps): Promise<AppCredentials> {
  const sign = checkEnvelope(params, deps.now());
  const appid = required(params, 'appid', 'auth.missing_credentials');
  const app = await deps.access.credentials(appid);
  if (!app) throw new DomainError('auth.invalid_app');
  checkSignAndBudget(params, app, sign, deps);
  return app;
}

/**
 * Every other call: the app is the one the live `access_token` was issued to (else 1000210004, which
 * makes the SDKs fetch a new token and retry). `appid` is not required (the docs omit it), but one
 * that names another app than the token's is refused (1000210003). A `mutating` call's sign is spent
 * here (see claimSign) and stays spent, whether the call then succeeds or is refused.
 */
export async function verifyAccessToken(params: BenefitsParams, deps: BenefitsAuthDeps, mutating = false): Promise<AppCredentials> {
  const sign = checkEnvelope(params, deps.now());
  const token = required(params, 'access_token', 'auth.missing_credentials');
  const appKey = TOKEN.test(token) ? await deps.tokens.resolve(token.toLowerCase()) : undefined;
  const app = appKey === undefined ? undefined : await deps.access.credentials(appKey);
  if (!app) throw new DomainError('auth.invalid_token');
  const appid = params.get('appid');
  if (appid && appid !== app.appKey) throw new DomainError('auth.invalid_app');
  checkSign(params, app, sign, deps.now());
  if (mutating) await claimSign(params, app, sign, deps);
  // The sign is claimed before the budget is spent, so a replayed capture is refused as a replay and
  // cannot throttle its owner; a call refused by the budget keeps its sign spent (no later replay).
  takeBudget(app, deps);
  return app;
}
