import { randomInt } from 'node:crypto';
import type { AppCredentials, SignType } from '#src/domain/app.js';
import type { Company, CompanyKind } from '#src/domain/company.js';
import { ROOT_DEPT_CODE } from '#src/domain/department.js';
import type { Employee } from '#src/domain/employee.js';
import { assertThat, DomainError, invalidParam } from '#src/domain/errors.js';
import { newCompanyId, newHexToken, newNumericKey, newOpaqueId } from '#src/domain/ids.js';
import { normalizePhone } from '#src/domain/phone.js';
import { ConflictError, type Repositories, type SettingKind, type Store } from '#src/domain/ports.js';
import type { Actor, AuditChange } from '#src/domain/audit.js';
import { recordChange } from './audit-trail.js';
import { employeeConflictToDomain } from './employee-conflicts.js';
import { insertNewEmployee } from './new-employee.js';

/**
 * Extension attributes enabled in every new company: the seed names contract nature, fixed phone,
 * level and category as on by default, plus the taxpayer fields it documents and the political
 * status its SDK example sends.
 */
export const DEFAULT_ATTRIBUTES = [
  'contractNature',
  'fixedPhone',
  'telephone',
  'level',
  'category',
  'taxpayerMapper',
  'taxpayerIdentifier',
  'politicalVisage',
];

export interface MainAccountInput {
  phone: string;
  name?: string | undefined;
  email?: string | undefined;
}

export interface CreateCompanyInput {
  name: string;
  kind?: CompanyKind;
  parentCompanyId?: string | undefined;
  enterpriseCode?: string | undefined;
  main?: MainAccountInput | undefined;
}

export interface CreateAppInput {
  name?: string | undefined;
  /** Hosted in this company; absent for a shared app. */
  companyId?: string | undefined;
  rateLimit: number;
  signType?: SignType;
  /** The OA connector the app's sign-ins go through (must belong to the app's company). */
  oaConnectorId?: string | undefined;
  /** Live IoT sessions allowed per identity; default 1. */
  maxSessions?: number | undefined;
}

export interface DirectoryServiceDeps {
  store: Store;
  now: () => number;
}

/** Tenants, apps and each company's setup: the operator's side of the directory. */
export function createDirectoryService(deps: DirectoryServiceDeps) {
  /**
   * Records a change in its own transaction (`repos`) as `actor`'s; null when the caller records it
   * itself (the admin API's edge).
   */
  async function audit(repos: Repositories, actor: Actor | null, change: AuditChange): Promise<void> {
    if (actor !== null) await recordChange(repos, actor, change, deps.now());
  }

  /**
   * A single write outside the transactional use cases, in one transaction with its event (with an
   * actor) or with the admin request's event (without: audit-trail.ts recordingStore). Returns what
   * `write` returned, which names a new object for that event.
   */
  async function audited<T>(actor: Actor | null, change: AuditChange, write: (repos: Repositories) => Promise<T>): Promise<T> {
    return deps.store.transaction(async (repos) => {
      const value = await write(repos);
      await audit(repos, actor, change);
      return value;
    });
  }

  async function setMain(repos: Repositories, company: Company, main: MainAccountInput, actor: Actor | null): Promise<Company> {
    const phone = normalizePhone(main.phone);
    if (!phone) throw new DomainError('employee.phone_invalid', { param: 'main-phone', rule: 'not a possible phone number' });
    const now = deps.now();
    let employee: Employee;
    try {
      employee = await insertNewEmployee(
        repos,
        company.companyId,
        {
          name: main.name || 'admin',
          // One directory: the benefits dialect reaches the main account by this userid too.
          userid: newOpaqueId(),
          loginName: phone.e164,
          phoneRaw: main.phone,
          phoneE164: phone.e164,
          mobileArea: phone.callingCode,
          email: main.email || null,
          isAdmin: true,
          isMain: true,
          roleCode: 'ADMINISTRATOR',
          roleName: '管理员',
          deptCode: ROOT_DEPT_CODE,
          creator: 'roster',
          modifier: 'roster',
        },
        now,
      );
    } catch (error) {
      throw employeeConflictToDomain(error);
    }
    await repos.tenants.setMainAccount(company.companyId, employee.identityId, employee.employeeId);
    await audit(repos, actor, { action: 'createEmployee', objectType: 'employee', objectId: employee.employeeId, companyId: company.companyId, changedFields: ['email', 'isAdmin', 'isMain', 'name', 'phone'].filter((f) => f !== 'email' || main.email) });
    return { ...company, mainIdentityId: employee.identityId, mainEmployeeId: employee.employeeId, employeeCount: employee.seq };
  }

  return {
    /** Creates a company with its root department and default attributes; with `main`, initialized. */
    async createCompany(input: CreateCompanyInput, actor: Actor | null = null): Promise<Company> {
      return deps.store.transaction(async (repos) => {
        let parent: Company | undefined;
        if (input.parentCompanyId) {
          parent = await repos.tenants.getCompany(input.parentCompanyId);
          assertThat(parent && parent.kind !== 'enterprise', 'tenant.not_found', { param: 'parent', rule: 'must be a group or operator' });
          if (!input.enterpriseCode) throw invalidParam('enterprise-code', 'required for a member enterprise');
        }
        const company: Company = {
          companyId: newCompanyId(),
          companyName: input.name,
          mainPk: newNumericKey(16),
          mainIdentityId: null,
          mainEmployeeId: null,
          kind: input.kind ?? 'enterprise',
          parentCompanyId: parent?.companyId ?? null,
          enterpriseCode: parent ? input.enterpriseCode! : null,
          employeeCount: 0,
          createdAt: deps.now(),
        };
        try {
          await repos.tenants.insertCompany(company);
        } catch (error) {
          if (error instanceof ConflictError) throw invalidParam('enterprise-code', 'already used in this group');
          throw error;
        }
        const setup = repos.setup(company.companyId);
        await setup.insertDepartment({
          companyId: company.companyId,
          deptCode: ROOT_DEPT_CODE,
          name: company.companyName,
          parentCode: null,
          status: 1,
          managerUserid: null,
          isRoot: true,
        });
        await setup.addSettings('enabled_attributes', DEFAULT_ATTRIBUTES);
        const changedFields = ['name', 'kind', ...(parent ? ['parentCompanyId', 'enterpriseCode'] : [])].sort();
        await audit(repos, actor, { action: 'createCompany', objectType: 'company', objectId: company.companyId, companyId: company.companyId, changedFields });
        return input.main ? setMain(repos, company, input.main, actor) : company;
      });
    },

    /** Sets up the main account of a company that has none yet. */
    async initCompany(companyId: string, main: MainAccountInput, actor: Actor | null = null): Promise<Company> {
      return deps.store.transaction(async (repos) => {
        const company = await repos.tenants.getCompany(companyId);
        assertThat(company, 'tenant.not_found');
        if (company.mainIdentityId) throw invalidParam('company', 'already initialized');
        await audit(repos, actor, { action: 'initCompany', objectType: 'company', objectId: companyId, companyId, changedFields: ['mainAccount'] });
        return setMain(repos, company, main, actor);
      });
    },

    async getCompany(companyId: string): Promise<Company> {
      const company = await deps.store.repos.tenants.getCompany(companyId);
      assertThat(company, 'tenant.not_found');
      return company;
    },

    /** Creates a hosted (with companyId) or shared app; the secret is returned only here. */
    async createApp(input: CreateAppInput, actor: Actor | null = null): Promise<AppCredentials> {
      if (input.companyId) await this.getCompany(input.companyId);
      const app: AppCredentials = {
        appKey: newNumericKey(9),
        appSecret: newHexToken(16),
        name: input.name || 'app',
        kind: input.companyId ? 'hosted' : 'shared',
        companyId: input.companyId ?? null,
        rateLimit: input.rateLimit,
        signType: input.signType ?? 'sha1',
        createdAt: deps.now(),
        oaConnectorId: input.oaConnectorId ?? null,
        maxSessions: input.maxSessions ?? 1,
      };
      // The secret is a field set, never a value recorded.
      const changedFields = Object.keys(input).filter((k) => input[k as keyof CreateAppInput] !== undefined && k !== 'companyId').concat('appSecret').sort();
      await audited(actor, { action: 'createApp', objectType: 'app', objectId: app.appKey, companyId: app.companyId, changedFields }, (repos) => repos.apps.insertApp(app).then(() => app));
      return app;
    },

    /** Installs a shared app into a company; returns the installation's appId. */
    async installApp(appKey: string, companyId: string, actor: Actor | null = null): Promise<string> {
      const app = await deps.store.repos.apps.getApp(appKey);
      assertThat(app, 'auth.invalid_app');
      if (app.kind !== 'shared') throw invalidParam('app', 'only a shared app can be installed');
      await this.getCompany(companyId);
      const appId = newOpaqueId();
      try {
        const change = { action: 'installApp', objectType: 'app', objectId: appKey, companyId, changedFields: ['installation'] };
        await audited(actor, change, (repos) => repos.apps.insertInstallation({ appId, appKey, companyId }).then(() => ({ appId })));
      } catch (error) {
        if (error instanceof ConflictError) throw invalidParam('company', 'app already installed there');
        throw error;
      }
      return appId;
    },

    /** Adds names to a company's levels, categories or enabled attributes (existing ones are kept). */
    async addSettings(companyId: string, kind: SettingKind, names: string[], actor: Actor | null = null): Promise<string[]> {
      await this.getCompany(companyId);
      const objectType = kind === 'enabled_attributes' ? 'attribute' : kind === 'levels' ? 'level' : 'category';
      await audited(actor, { action: 'addSettings', objectType, objectId: null, companyId, changedFields: [kind] }, (repos) => repos.setup(companyId).addSettings(kind, [...new Set(names)]));
      return deps.store.repos.setup(companyId).listSettings(kind);
    },

    /** Creates a cost center and returns its id (1…2147483647). */
    async addCostCenter(companyId: string, name: string, actor: Actor | null = null): Promise<number> {
      await this.getCompany(companyId);
      for (;;) {
        const id = randomInt(1, 2_147_483_647);
        try {
          const change = { action: 'createCostCenter', objectType: 'costCenter', objectId: String(id), companyId, changedFields: ['name'] };
          await audited(actor, change, (repos) => repos.setup(companyId).insertCostCenter(id, name));
          return id;
        } catch (error) {
          if (!(error instanceof ConflictError)) throw error;
        }
      }
    },
  };
}

export type DirectoryService = ReturnType<typeof createDirectoryService>;
