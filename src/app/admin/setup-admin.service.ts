import type { CostCenterListRepository } from '#src/domain/admin-ports.js';
import type { SettingKind, Store } from '#src/domain/ports.js';
import type { DirectoryService } from '../directory.service.js';
import { assertCompanyInScope, type Caller } from './caller-scope.js';

export interface SetupAdminServiceDeps {
  store: Store;
  directory: DirectoryService;
  costCenters: CostCenterListRepository;
}

/** A company's levels, categories, enabled extension attributes and cost centers through the admin API. */
export function createSetupAdminService(deps: SetupAdminServiceDeps) {
  async function inScope(caller: Caller, companyId: string): Promise<void> {
    assertCompanyInScope(caller, companyId);
    await deps.directory.getCompany(companyId);
  }

  return {
    async listSettings(caller: Caller, companyId: string, kind: SettingKind): Promise<string[]> {
      await inScope(caller, companyId);
      return deps.store.repos.setup(companyId).listSettings(kind);
    },

    /** Adds names (existing ones are kept) and returns the whole list. */
    async addSettings(caller: Caller, companyId: string, kind: SettingKind, names: string[]): Promise<string[]> {
      assertCompanyInScope(caller, companyId);
      return deps.directory.addSettings(companyId, kind, names);
    },

    async listCostCenters(caller: Caller, companyId: string) {
      await inScope(caller, companyId);
      return deps.costCenters.list(companyId);
    },

    async addCostCenter(caller: Caller, companyId: string, name: string): Promise<{ costCenterId: number; name: string }> {
      assertCompanyInScope(caller, companyId);
      return { costCenterId: await deps.directory.addCostCenter(companyId, name), name };
    },
  };
}

export type SetupAdminService = ReturnType<typeof createSetupAdminService>;
