import type { Container } from '#src/container.js';
import type { CompanyKind } from '#src/domain/company.js';
import { invalidParam } from '#src/domain/errors.js';
import type { OaCodeType } from '#src/domain/oa.js';
import type { SignType } from '#src/domain/app.js';
import { cliActor } from '#src/app/audit-trail.js';
import { devOaUserId } from '#src/app/oa/dev/dev-oa.connector.js';
import { integerFlag, optionalFlag, parseFlags, requireFlag } from './args.js';

export type AdminCommand = (c: Container, argv: string[]) => Promise<Record<string, unknown>>;

const oneOf = <T extends string>(value: string | undefined, allowed: readonly T[], flag: string): T | undefined => {
  if (value === undefined) return undefined;
  if (!(allowed as readonly string[]).includes(value)) throw invalidParam(flag, `must be one of ${allowed.join(', ')}`);
  return value as T;
};

function mainFrom(flags: Record<string, unknown>) {
  const phone = optionalFlag(flags as never, 'main-phone');
  return phone
    ? { phone, name: optionalFlag(flags as never, 'main-name'), email: optionalFlag(flags as never, 'main-email') }
    : undefined;
}

/** `roster <group> <verb>` → handler. Each prints its result (`--json` for machines). */
export const ADMIN_COMMANDS: Record<string, AdminCommand> = {
  async 'company create'(c, argv) {
    const { flags } = parseFlags(argv, ['name', 'main-phone', 'main-name', 'main-email', 'kind', 'parent', 'enterprise-code']);
    const company = await c.directory.createCompany({
      name: requireFlag(flags, 'name'),
      kind: oneOf<CompanyKind>(optionalFlag(flags, 'kind'), ['enterprise', 'group', 'operator'], '--kind'),
      parentCompanyId: optionalFlag(flags, 'parent'),
      enterpriseCode: optionalFlag(flags, 'enterprise-code'),
      main: mainFrom(flags),
    }, cliActor());
    return {
      companyId: company.companyId,
      companyName: company.companyName,
      mainPk: company.mainPk,
      mainIdentityId: company.mainIdentityId,
      kind: company.kind,
      ...(company.enterpriseCode ? { enterpriseCode: company.enterpriseCode } : {}),
    };
  },

  async 'company init'(c, argv) {
    const { flags, positionals } = parseFlags(argv, ['main-phone', 'main-name', 'main-email']);
    const companyId = positionals[0];
    if (!companyId) throw invalidParam('ID', 'company id is required');
    const main = mainFrom(flags);
    if (!main) throw invalidParam('--main-phone', 'is required');
    const company = await c.directory.initCompany(companyId, main, cliActor());
    return { companyId: company.companyId, companyName: company.companyName, mainPk: company.mainPk, mainIdentityId: company.mainIdentityId };
  },

  async 'app create'(c, argv) {
    const { flags } = parseFlags(argv, ['company', 'name', 'rate-limit', 'sign-type', 'oa', 'sessions'], ['shared']);
    const shared = flags.shared === true;
    const companyId = optionalFlag(flags, 'company');
    if (shared === (companyId !== undefined)) throw invalidParam('--company', 'give either --company ID (hosted) or --shared');
    const oaConnectorId = optionalFlag(flags, 'oa');
    if (oaConnectorId) {
      if (!companyId) throw invalidParam('--oa', 'a shared app names its connector with roster app set-oa once installed');
      await c.oaConnectors.assertInCompany(companyId, oaConnectorId);
    }
    const maxSessions = integerFlag(flags, 'sessions', 1);
    if (maxSessions < 1 || maxSessions > 100) throw invalidParam('--sessions', 'must be between 1 and 100');
    const app = await c.directory.createApp({
      companyId,
      name: optionalFlag(flags, 'name'),
      rateLimit: integerFlag(flags, 'rate-limit', c.config.defaultRateLimit),
      signType: oneOf<SignType>(optionalFlag(flags, 'sign-type'), ['sha1', 'sha256', 'sha512'], '--sign-type'),
      oaConnectorId,
      maxSessions,
    }, cliActor());
    return {
      appKey: app.appKey,
      appSecret: app.appSecret,
      kind: app.kind,
      rateLimit: app.rateLimit,
      signType: app.signType,
      ...(oaConnectorId ? { oaConnectorId } : {}),
      sessions: maxSessions,
    };
  },

  async 'app install'(c, argv) {
    const { flags } = parseFlags(argv, ['app', 'company']);
    const appId = await c.directory.installApp(requireFlag(flags, 'app'), requireFlag(flags, 'company'), cliActor());
    return { appId };
  },

  async 'oa code'(c, argv) {
    const { flags } = parseFlags(argv, ['company', 'phone', 'name', 'email', 'avatar', 'type', 'user-id']);
    if (c.config.devOa === 'off') throw invalidParam('oa code', 'the development OA is off (ROSTER_DEV_OA=off)');
    const companyId = requireFlag(flags, 'company');
    const phone = requireFlag(flags, 'phone');
    const type = oneOf<OaCodeType>(optionalFlag(flags, 'type'), ['AUTH_CODE', 'SESSION_ID'], '--type') ?? 'AUTH_CODE';
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

  async 'dept add'(c, argv) {
    const { flags } = parseFlags(argv, ['company', 'code', 'name', 'parent']);
    const companyId = requireFlag(flags, 'company');
    await c.directory.getCompany(companyId);
    const d = await c.departments.add(companyId, {
      deptCode: requireFlag(flags, 'code'),
      name: requireFlag(flags, 'name'),
      parentCode: optionalFlag(flags, 'parent'),
    }, cliActor());
    return { deptCode: d.deptCode, name: d.name, parentCode: d.parentCode };
  },

  'level add': settingsCommand('levels'),
  'category add': settingsCommand('categories'),
  'attribute enable': settingsCommand('enabled_attributes'),

  async 'cost-center add'(c, argv) {
    const { flags } = parseFlags(argv, ['company', 'name']);
    const id = await c.directory.addCostCenter(requireFlag(flags, 'company'), requireFlag(flags, 'name'), cliActor());
    return { costCenterId: id };
  },
};

function settingsCommand(kind: 'levels' | 'categories' | 'enabled_attributes'): AdminCommand {
  return async (c, argv) => {
    const { flags, positionals } = parseFlags(argv, ['company']);
    if (positionals.length === 0) throw invalidParam('NAME', 'give at least one name');
    const all = await c.directory.addSettings(requireFlag(flags, 'company'), kind, positionals, cliActor());
    return { [kind === 'enabled_attributes' ? 'attributes' : kind]: all };
  };
}
