import type { Container } from '#src/container.js';
import { invalidParam } from '#src/domain/errors.js';
import type { OaCodeType } from '#src/domain/oa.js';
import { devOaUserId } from '#src/app/oa/dev/dev-oa.connector.js';
import { optionalFlag, parseFlags, requireFlag } from './args.js';

/** A command that runs on the local store's container (not through the admin API). */
export type AdminCommand = (c: Container, argv: string[]) => Promise<Record<string, unknown>>;

const CODE_TYPES: readonly OaCodeType[] = ['AUTH_CODE', 'SESSION_ID'];

/**
 * `roster oa code`: issues a login code of Roster's development OA, as a sign-in page would. It stays
 * local (the development OA is this process's), every other directory command goes through the SDK.
 */
export const DEV_OA_COMMANDS: Record<string, AdminCommand> = {
  async 'oa code'(c, argv) {
    const { flags } = parseFlags(argv, ['company', 'phone', 'name', 'email', 'avatar', 'type', 'user-id']);
    if (c.config.devOa === 'off') throw invalidParam('oa code', 'the development OA is off (ROSTER_DEV_OA=off)');
    const companyId = requireFlag(flags, 'company');
    const phone = requireFlag(flags, 'phone');
    const typeFlag = optionalFlag(flags, 'type');
    if (typeFlag !== undefined && !(CODE_TYPES as readonly string[]).includes(typeFlag)) throw invalidParam('--type', `must be one of ${CODE_TYPES.join(', ')}`);
    const type = (typeFlag as OaCodeType | undefined) ?? 'AUTH_CODE';
    const profile = {
      oaUserId: optionalFlag(flags, 'user-id') ?? devOaUserId(companyId, phone),
      phone,
      name: requireFlag(flags, 'name'),
      email: optionalFlag(flags, 'email') ?? null,
      avatarUrl: optionalFlag(flags, 'avatar') ?? null,
    };
    const authCode = await c.oa.issueCode(c.store.repos, companyId, profile, type, c.now());
    return { authCode, codeType: type, expiresInSeconds: 300 };
  },
};
