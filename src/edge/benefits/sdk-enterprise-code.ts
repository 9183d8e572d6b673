import type { BenefitsEmployeeMoreService } from '#src/app/benefits-employee-more.service.js';
import { constantEquals } from '../http/constant-equals.js';
import type { BenefitsParams } from './form-codec.js';
import { benefitsSign } from './sign.js';
import type { BenefitsAuthDeps } from './verify-benefits-sign.js';

/** Most member codes tried for one request: bounds the hashing a signed-in caller can cause. */
const MAX_CODES_TRIED = 1_000;
const TOKEN = /^[0-9a-fA-F]{32}$/;

/**
 * The lenient path of notes §1.3, for the JSON-array calls (department batchSynchronize,
 * batchSetParent, batchSetManager): the Java SDK signs `enterprise_code` but never sends it, so a
 * group or operator account's sign cannot match what arrived. When the query has no
 * `enterprise_code` and the sign does not match as received, each enterprise code the app acts for
 * is tried in its sorted place; the one that makes the sign match is added to the parameters, and the
 * ordinary check (verifyAccessToken) then passes and the call acts on that enterprise. Nothing is
 * added otherwise, and the ordinary check answers as it always does (1000210002 for a bad sign).
 */
export function sdkEnterpriseCodeRecovery(deps: Pick<BenefitsAuthDeps, 'tokens' | 'access'>, more: BenefitsEmployeeMoreService) {
  return async function recoverEnterpriseCode(params: BenefitsParams): Promise<BenefitsParams> {
    const sign = params.get('sign')?.toLowerCase();
    const token = params.get('access_token');
    if (params.has('enterprise_code') || !sign || !token || !TOKEN.test(token)) return params;
    const appKey = await deps.tokens.resolve(token.toLowerCase());
    const app = appKey === undefined ? undefined : await deps.access.credentials(appKey);
    if (!app) return params;
    const signed = [...params].filter(([name]) => name !== 'sign');
    const matches = (extra: Array<[string, string]>) => constantEquals(benefitsSign([...signed, ...extra], app.appSecret, app.signType), sign);
    if (matches([])) return params;
    for (const code of await more.memberCodes(app, MAX_CODES_TRIED)) {
      if (matches([['enterprise_code', code]])) return new Map(params).set('enterprise_code', code);
    }
    return params;
  };
}
