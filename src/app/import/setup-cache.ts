import type { EnterpriseSetupRepository, Repositories, SettingKind } from '#src/domain/ports.js';

/**
 * The repositories of one chunk's transaction with the company's setup lookups (departments, levels,
 * categories, attributes, cost centers) remembered: a file of 100,000 rows names a handful of them,
 * and an import changes none, so each is read once per chunk instead of once per row.
 */
export function withSetupCache(repos: Repositories, companyId: string): Repositories {
  const setup = repos.setup(companyId);
  const departments = new Map<string, Awaited<ReturnType<EnterpriseSetupRepository['getDepartment']>>>();
  const settings = new Map<string, boolean>();
  const costCenters = new Map<number, boolean>();
  const cached: EnterpriseSetupRepository = {
    ...setup,
    async getDepartment(deptCode) {
      if (!departments.has(deptCode)) departments.set(deptCode, await setup.getDepartment(deptCode));
      return departments.get(deptCode);
    },
    async existing(kind: SettingKind, names: string[]) {
      const key = (name: string) => `${kind}\u0000${name}`;
      const unknown = names.filter((n) => !settings.has(key(n)));
      if (unknown.length > 0) {
        const found = await setup.existing(kind, unknown);
        for (const n of unknown) settings.set(key(n), found.has(n));
      }
      return new Set(names.filter((n) => settings.get(key(n))));
    },
    async hasCostCenter(costCenterId) {
      if (!costCenters.has(costCenterId)) costCenters.set(costCenterId, await setup.hasCostCenter(costCenterId));
      return costCenters.get(costCenterId)!;
    },
  };
  return { ...repos, setup: (id) => (id === companyId ? cached : repos.setup(id)) };
}
