import type { RosterAdmin } from '@roster/admin-sdk';
import { invalidParam } from '#src/domain/errors.js';
import { integerFlag, optionalFlag, parseFlags, requireFlag, type Flags } from './args.js';
import type { SdkCommand } from './directory.commands.js';
import { TARGET_FLAGS } from './directory.commands.js';

const flagsOf = (argv: string[], strings: string[], booleans: string[] = []) => parseFlags(argv, [...strings, ...TARGET_FLAGS], booleans);

const oneOf = <T extends string>(value: string | undefined, allowed: readonly T[], flag: string): T | undefined => {
  if (value === undefined) return undefined;
  if (!(allowed as readonly string[]).includes(value)) throw invalidParam(flag, `must be one of ${allowed.join(', ')}`);
  return value as T;
};

function mainFrom(flags: Flags) {
  const phone = optionalFlag(flags, 'main-phone');
  if (!phone) return undefined;
  const name = optionalFlag(flags, 'main-name');
  const email = optionalFlag(flags, 'main-email');
  return { phone, ...(name ? { name } : {}), ...(email ? { email } : {}) };
}

/** `level add`, `category add`, `attribute enable`: names as positionals. */
function dictionaryCommand(pick: (admin: RosterAdmin) => { add?: (c: string, n: string[]) => Promise<string[]>; enable?: (c: string, n: string[]) => Promise<string[]> }, key: string): SdkCommand {
  return async (admin, argv) => {
    const { flags, positionals } = flagsOf(argv, ['company']);
    if (positionals.length === 0) throw invalidParam('NAME', 'give at least one name');
    const dictionary = pick(admin);
    const add = (dictionary.add ?? dictionary.enable)!;
    return { [key]: await add(requireFlag(flags, 'company'), positionals) };
  };
}

/**
 * The setup commands, through the admin API like the directory commands (same answers as before
 * they moved: scripts that read them keep working). `oa code` stays local: it drives the dev OA.
 */
export const SETUP_COMMANDS: Record<string, SdkCommand> = {
  async 'company create'(admin, argv) {
    const { flags } = flagsOf(argv, ['name', 'main-phone', 'main-name', 'main-email', 'kind', 'parent', 'enterprise-code']);
    const kind = oneOf(optionalFlag(flags, 'kind'), ['enterprise', 'group', 'operator'] as const, '--kind');
    const parent = optionalFlag(flags, 'parent');
    const enterpriseCode = optionalFlag(flags, 'enterprise-code');
    const main = mainFrom(flags);
    const company = await admin.companies.create({
      name: requireFlag(flags, 'name'),
      ...(kind ? { kind } : {}),
      ...(parent ? { parentCompanyId: parent } : {}),
      ...(enterpriseCode ? { enterpriseCode } : {}),
      ...(main ? { main } : {}),
    });
    return {
      companyId: company.companyId,
      companyName: company.name,
      mainPk: company.mainPk,
      mainIdentityId: company.mainIdentityId,
      kind: company.kind,
      ...(company.enterpriseCode ? { enterpriseCode: company.enterpriseCode } : {}),
    };
  },

  async 'company init'(admin, argv) {
    const { flags, positionals } = flagsOf(argv, ['main-phone', 'main-name', 'main-email']);
    const companyId = positionals[0];
    if (!companyId) throw invalidParam('ID', 'company id is required');
    const main = mainFrom(flags);
    if (!main) throw invalidParam('--main-phone', 'is required');
    const company = await admin.companies.initialize(companyId, main);
    return { companyId: company.companyId, companyName: company.name, mainPk: company.mainPk, mainIdentityId: company.mainIdentityId };
  },

  async 'app create'(admin, argv) {
    const { flags } = flagsOf(argv, ['company', 'name', 'rate-limit', 'sign-type', 'oa', 'sessions'], ['shared']);
    const shared = flags.shared === true;
    const companyId = optionalFlag(flags, 'company');
    if (shared === (companyId !== undefined)) throw invalidParam('--company', 'give either --company ID (hosted) or --shared');
    const name = optionalFlag(flags, 'name');
    const signType = oneOf(optionalFlag(flags, 'sign-type'), ['sha1', 'sha256', 'sha512'] as const, '--sign-type');
    const oaConnectorId = optionalFlag(flags, 'oa');
    if (oaConnectorId && !companyId) throw invalidParam('--oa', 'a shared app names its connector with roster app set-oa once installed');
    const sessions = optionalFlag(flags, 'sessions') === undefined ? undefined : integerFlag(flags, 'sessions', 1);
    if (sessions !== undefined && (sessions < 1 || sessions > 100)) throw invalidParam('--sessions', 'must be between 1 and 100');
    const { app, appSecret } = await admin.apps.create({
      ...(companyId ? { companyId } : {}),
      ...(name ? { name } : {}),
      ...(optionalFlag(flags, 'rate-limit') !== undefined ? { rateLimit: integerFlag(flags, 'rate-limit', 0) } : {}),
      ...(signType ? { signType } : {}),
      ...(oaConnectorId ? { oaConnectorId } : {}),
      ...(sessions !== undefined ? { sessionLimit: sessions } : {}),
    });
    return {
      appKey: app.appKey,
      appSecret,
      kind: app.kind,
      rateLimit: app.rateLimit,
      signType: app.signType,
      ...(app.oaConnectorId ? { oaConnectorId: app.oaConnectorId } : {}),
      sessions: app.sessionLimit,
    };
  },

  async 'app install'(admin, argv) {
    const { flags } = flagsOf(argv, ['app', 'company']);
    const { appId } = await admin.apps.install(requireFlag(flags, 'app'), requireFlag(flags, 'company'));
    return { appId };
  },

  async 'dept add'(admin, argv) {
    const { flags } = flagsOf(argv, ['company', 'code', 'name', 'parent']);
    const parent = optionalFlag(flags, 'parent');
    const d = await admin.departments.create(requireFlag(flags, 'company'), {
      deptCode: requireFlag(flags, 'code'),
      name: requireFlag(flags, 'name'),
      ...(parent ? { parentCode: parent } : {}),
    });
    return { deptCode: d.deptCode, name: d.name, parentCode: d.parentCode };
  },

  'level add': dictionaryCommand((a) => a.setup.levels, 'levels'),
  'category add': dictionaryCommand((a) => a.setup.categories, 'categories'),
  'attribute enable': dictionaryCommand((a) => a.setup.attributes, 'attributes'),

  async 'cost-center add'(admin, argv) {
    const { flags } = flagsOf(argv, ['company', 'name']);
    const { costCenterId } = await admin.setup.costCenters.create(requireFlag(flags, 'company'), requireFlag(flags, 'name'));
    return { costCenterId };
  },
};
