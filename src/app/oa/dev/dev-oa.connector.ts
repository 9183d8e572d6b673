import { createHash, randomBytes } from 'node:crypto';
import type { OaCodeType, OaConnector, OaProfile, OaSignIn } from '#src/domain/oa.js';
import type { Repositories } from '#src/domain/ports.js';

/** Codes of the built-in development OA live this long, like a real OA's login codes. */
export const DEV_OA_CODE_TTL_MS = 5 * 60 * 1000;

const hashCode = (code: string) => createHash('sha256').update(code).digest('hex');

export interface DevOaConnector extends OaConnector {
  /** Issues a single-use code for `profile` in `companyId`; returns the code (only ever shown here). */
  issueCode(repos: Repositories, companyId: string, profile: OaProfile, codeType: OaCodeType, now: number): Promise<string>;
}

/**
 * The development OA: it hands out whatever profile it was given, for any company, so every error
 * path of createbyauthcode can be exercised. Codes are stored hashed in Roster's own database, which
 * makes them single-use across every process that shares the store.
 */
export function createDevOaConnector(): DevOaConnector {
  return {
    async issueCode(repos, companyId, profile, codeType, now) {
      const code = randomBytes(24).toString('base64url');
      await repos.credentials.insertOaCode({
        codeHash: hashCode(code),
        companyId,
        codeType,
        profile: JSON.stringify(profile),
        expiresAt: now + DEV_OA_CODE_TTL_MS,
      });
      return code;
    },
    async exchange(repos, authCode, codeType, now): Promise<OaSignIn | undefined> {
      const row = await repos.credentials.consumeOaCode(hashCode(authCode), now);
      // A code presented with the other type was not issued for this kind of login.
      if (!row || row.codeType !== codeType) return undefined;
      return { companyId: row.companyId, profile: JSON.parse(row.profile) as OaProfile };
    },
  };
}

/** A stable OA user id for a dev profile given without one: the same phone text, the same user. */
export function devOaUserId(companyId: string, phone: string): string {
  return 'dev-' + createHash('sha256').update(`${companyId}\n${phone.trim()}`).digest('hex').slice(0, 24);
}
