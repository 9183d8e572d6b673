import type { OaCodeType } from './oa.js';

/** The kinds of OA a company can sign in with. `dev` is Roster's built-in development OA. */
export const OA_CONNECTOR_KINDS = ['dingtalk', 'wecom', 'feishu', 'oidc', 'dev'] as const;
export type OaConnectorKind = (typeof OA_CONNECTOR_KINDS)[number];

/**
 * Who signed in, as the OA reports it. Callers never see the upstream tokens. Unchecked: the OA may
 * hand out anything (a phone in any shape, no phone at all).
 */
export interface OaIdentity {
  /** Stable per connector: the key the employee link is made on (DingTalk unionId, WeCom userid, Feishu union_id, OIDC sub). */
  subject: string;
  /** The OA's user id inside the company, proposed as the benefits `userid` (DingTalk/WeCom userid, Feishu user_id or open_id, OIDC sub). */
  userId: string;
  /** The company (corp id, tenant key, issuer) the OA says the user belongs to, when it says. */
  tenantHint: string | null;
  name: string;
  mobile: string | null;
  email: string | null;
  avatarUrl: string | null;
  employeeNo: string | null;
}

/** Why a connector refused a sign-in; each reason maps onto one catalogue code. */
export type OaFailureReason =
  /** The OA refused the code: unknown, expired, used (→ 2459). */
  | 'code_invalid'
  /** The user is not a member of the connector's company (→ 2459). */
  | 'not_member'
  /** The OA could not be reached or answered 5xx / something unreadable (→ 20004). */
  | 'upstream'
  /** The OA did not answer in time (→ 20056). */
  | 'timeout';

/** A refused or failed exchange. `detail` is for logs and `connector test`, never for the wire. */
export class OaFailure extends Error {
  constructor(
    readonly reason: OaFailureReason,
    readonly detail: string,
  ) {
    super(`${reason}: ${detail}`);
    this.name = 'OaFailure';
  }
}

/** A connector configured for a company: the stored record, secrets in clear (decrypted on read). */
export interface OaConnectorRecord {
  connectorId: string;
  companyId: string;
  kind: OaConnectorKind;
  name: string;
  /** The kind's config, validated by its schema; holds secrets. */
  config: Record<string, unknown>;
  createdAt: number;
  /** Moves on every config change; a live connector built from an older config is rebuilt. */
  updatedAt: number;
}

/** The connector's own outcome of `test`: what worked, or why not. */
export interface OaConnectionReport {
  ok: boolean;
  /** e.g. `app token fetched (expires in 7200 s)` or `discovery: token endpoint …`. */
  detail: string;
}

/**
 * One live OA connector: turns a login code of a code type into an identity. Implementations own
 * their endpoints, response checks and app-token cache; every upstream call is bounded in time.
 * Throws OaFailure (never anything else for an upstream problem).
 */
export interface OaProvider {
  exchange(code: string, codeType: OaCodeType): Promise<OaIdentity>;
  /** Fetches the app token or the discovery document; never throws. */
  test(): Promise<OaConnectionReport>;
  /**
   * The company hint this connector expects an identity to carry (corp id, tenant key, issuer), or
   * null when it cannot tell; used to route a shared app's code to the right company.
   */
  readonly expectedTenant: string | null;
  /** Identifies the upstream app whose code this is: connectors with the same key can exchange each other's codes. */
  readonly exchangeKey: string;
  /** Sign-in in a browser (the console): where to send the user, and the code that comes back. */
  readonly webSignIn?: WebSignIn;
}

/** What a browser sign-in carries to the OA and back (RFC 6749 state, RFC 7636 PKCE, OIDC nonce). */
export interface WebSignInRequest {
  state: string;
  nonce: string;
  /** S256 challenge of the verifier kept server-side. */
  codeChallenge: string;
  /** Where the OA sends the browser back (registered at the OA). */
  redirectUri: string;
}

/** A provider's browser sign-in: its documented login URL, and the exchange of the code it returns. */
export interface WebSignIn {
  authorizeUrl(request: WebSignInRequest): Promise<string>;
  /** Throws OaFailure; an OIDC provider checks the nonce and the PKCE verifier. */
  exchange(code: string, check: { codeVerifier: string; nonce: string; redirectUri: string }): Promise<OaIdentity>;
}

/** Stored connectors. The config is sealed at rest and handed back in clear. */
export interface OaConnectorRepository {
  insert(record: OaConnectorRecord): Promise<void>;
  get(connectorId: string): Promise<OaConnectorRecord | undefined>;
  listByCompany(companyId: string): Promise<OaConnectorRecord[]>;
  /** The connectors of every company a shared app is installed in. */
  listForSharedApp(appKey: string): Promise<OaConnectorRecord[]>;
  /** Replaces the connector's config (and name when given); false when there is no such connector. */
  update(connectorId: string, config: Record<string, unknown>, name: string | undefined, updatedAt: number): Promise<boolean>;
  /** Removes the connector; false when there was none. Employee links stay (a re-added connector gets a new id). */
  remove(connectorId: string): Promise<boolean>;
}

/** Links of ONE company's employees to their OA users: unique per (company, connector, subject). */
export interface OaLinkRepository {
  /** The linked employee's id, if any. */
  find(connectorId: string, subject: string): Promise<string | undefined>;
  /** Throws ConflictError('employee_oa_links_pk') when the OA user is already linked. */
  insert(connectorId: string, subject: string, employeeId: string, now: number): Promise<void>;
}
