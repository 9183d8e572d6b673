import { invalidParam } from '#src/domain/errors.js';
import type { BenefitsParams } from './form-codec.js';
import { verifyTokenRequest, type BenefitsAuthDeps } from './verify-benefits-sign.js';

/**
 * `/token/create` (notes §1): the only call without an access_token. Issues a new token each time and
 * leaves the older ones valid until they expire.
 */
export async function createAccessToken(params: BenefitsParams, deps: BenefitsAuthDeps) {
  const app = await verifyTokenRequest(params, deps);
  const grantType = params.get('grant_type');
  if (grantType && grantType !== 'client_credential') throw invalidParam('grant_type', 'must be client_credential');
  const { accessToken, expiresIn } = await deps.tokens.issue(app.appKey);
  return { access_token: accessToken, expires_in: expiresIn };
}
