import type { OaIdentity } from '#src/domain/oa-connector.js';
import type { UpstreamBudget } from './upstream.js';

/** What every connector kind is built with besides its own config. */
export interface ConnectorDeps {
  /** The time one exchange may spend upstream, in ms (fits the endpoints' documented 3000 ms). */
  budgetMs: number;
  now: () => number;
}

/** A fresh budget for one exchange or test. */
export function budgetOf(deps: ConnectorDeps): UpstreamBudget {
  return { deadline: Date.now() + deps.budgetMs };
}

/**
 * A mobile number as the providers split it (DingTalk: `mobile` without the country code and
 * `state_code` beside it) put back together; mainland numbers stay national.
 */
export function joinMobile(mobile: string | null, stateCode: string | null): string | null {
  if (!mobile) return null;
  if (!stateCode || stateCode === '86' || mobile.startsWith('+')) return mobile;
  return `+${stateCode}${mobile}`;
}

/** Drops empty strings so an OA's `""` reads as "not given". */
export function identityOf(fields: OaIdentity): OaIdentity {
  const clean = (v: string | null) => (v && v.trim() !== '' ? v : null);
  return {
    ...fields,
    mobile: clean(fields.mobile),
    email: clean(fields.email),
    avatarUrl: clean(fields.avatarUrl),
    employeeNo: clean(fields.employeeNo),
    tenantHint: clean(fields.tenantHint),
  };
}
