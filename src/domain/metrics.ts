/**
 * The metrics port for calls Roster makes to other systems (OA/SSO upstreams). Connectors record
 * each call here; the edge exports them (`roster_oa_upstream_*` on `/metrics`). Only names and
 * outcome classes: never URLs with query strings, tokens or profile data.
 */
export interface UpstreamMetrics {
  /**
   * One finished call. `upstream` names the connector (`dingtalk`, `oidc`, …), `operation` what was
   * asked (`token`, `userinfo`); `failure` is a short class (`timeout`, `http_5xx`, `invalid_response`)
   * or undefined on success.
   */
  recordCall(call: { upstream: string; operation: string; seconds: number; failure?: string }): void;
}

/** For code built without metrics (tests, the CLI). */
export const NO_UPSTREAM_METRICS: UpstreamMetrics = { recordCall() {} };
