import type { CompanyAdminRepository } from '#src/domain/admin-ports.js';
import type { Company } from '#src/domain/company.js';
import type { Store } from '#src/domain/ports.js';
import { assertThat, invalidParam } from '#src/domain/errors.js';
import type { CreateCompanyInput, DirectoryService, MainAccountInput } from '../directory.service.js';
import { assertCompanyInScope, assertInstallationCaller, type Caller } from './caller-scope.js';
import { decodeCursor, encodeCursor } from './cursor.js';

export interface CompanyAdminServiceDeps {
  /** A rename runs in a transaction of it, so an admin request's audit event commits with it. */
  store: Store;
  directory: DirectoryService;
  companies: CompanyAdminRepository;
}

/** Companies for operators: an installation token sees all, a company token only its own. */
export function createCompanyAdminService(deps: CompanyAdminServiceDeps) {
  return {
    /** Creates a company (installation tokens only); the directory's rules apply (tenant.not_found for a bad parent). */
    async create(caller: Caller, input: CreateCompanyInput): Promise<Company> {
      assertInstallationCaller(caller);
      return deps.directory.createCompany(input);
    },

    async get(caller: Caller, companyId: string): Promise<Company> {
      assertCompanyInScope(caller, companyId);
      return deps.directory.getCompany(companyId);
    },

    /** Renames; tenant.not_found when out of scope or unknown. */
    async update(caller: Caller, companyId: string, patch: { name?: string | undefined }): Promise<Company> {
      assertCompanyInScope(caller, companyId);
      if (patch.name !== undefined) {
        const name = patch.name;
        await deps.store.transaction(async (repos) => {
          assertThat(await repos.admin.companies.rename(companyId, name), 'tenant.not_found');
        });
      }
      return deps.directory.getCompany(companyId);
    },

    /** Sets up the main account (first admin) of a company that has none; invalid_params when it has one. */
    async initialize(caller: Caller, companyId: string, main: MainAccountInput): Promise<Company> {
      assertCompanyInScope(caller, companyId);
      return deps.directory.initCompany(companyId, main);
    },

    /** One page of companies in creation order (only the members of `parentId` when given); a company token's list holds its company only. */
    async list(caller: Caller, cursor: string | undefined, limit: number, parentId?: string): Promise<{ companies: Company[]; nextCursor: string | null }> {
      const after = cursor === undefined ? undefined : companyCursor(cursor);
      const page = await deps.companies.list(after, limit + 1, { onlyId: caller.companyId ?? undefined, parentId });
      const companies = page.slice(0, limit);
      const last = companies[companies.length - 1];
      return { companies, nextCursor: page.length > limit && last ? encodeCursor([last.createdAt, last.companyId]) : null };
    },
  };
}

function companyCursor(cursor: string): { createdAt: number; companyId: string } {
  const [createdAt, companyId] = decodeCursor(cursor);
  if (typeof createdAt !== 'number' || typeof companyId !== 'string') throw invalidParam('cursor', 'is not a cursor this list gave out');
  return { createdAt, companyId };
}

export type CompanyAdminService = ReturnType<typeof createCompanyAdminService>;
