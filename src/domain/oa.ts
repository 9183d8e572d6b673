import type { Repositories } from './ports.js';

/** How the OA login happened: `AUTH_CODE` on a PC, `SESSION_ID` in the app. */
export const OA_CODE_TYPES = ['AUTH_CODE', 'SESSION_ID'] as const;
export type OaCodeType = (typeof OA_CODE_TYPES)[number];

/** What an OA says about the person who signed in. Unchecked: the OA may hand out anything. */
export interface OaProfile {
  /** The OA's own, stable user id. */
  oaUserId: string;
  phone: string;
  name: string;
  email: string | null;
  avatarUrl: string | null;
}

export interface OaSignIn {
  companyId: string;
  profile: OaProfile;
}

/**
 * The development OA's port (real OA systems implement `OaProvider` in oa-connector.ts): it turns a
 * login code into a profile. Codes are single-use:
 * `exchange` consumes the code, inside the caller's transaction when the connector stores codes in
 * Roster's database, so a failed employee creation leaves the code usable.
 */
export interface OaConnector {
  /** The sign-in behind the code, or undefined for an unknown, used, expired or mistyped code. */
  exchange(repos: Repositories, authCode: string, codeType: OaCodeType, now: number): Promise<OaSignIn | undefined>;
}
