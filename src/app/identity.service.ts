import type { App } from '#src/domain/app.js';
import { isInitialized, type Company } from '#src/domain/company.js';
import type { Employee } from '#src/domain/employee.js';
import { assertThat, DomainError } from '#src/domain/errors.js';
import { normalizePhone, type NormalizedPhone } from '#src/domain/phone.js';
import { fitsEmailKey } from '#src/domain/text.js';
import { ConflictError, type Store } from '#src/domain/ports.js';
import type { AccessService } from './access.service.js';
import { appActor, changedEmployeeFields, recordChange } from './audit-trail.js';
import { employeeConflictToDomain } from './employee-conflicts.js';
import { insertNewEmployee } from './new-employee.js';
import type { PasswordHasher } from './password.js';

export interface IdentityServiceDeps {
  store: Store;
  access: AccessService;
  passwords: PasswordHasher;
  now: () => number;
}

/** What `/user/account/employee/create` stores; the rest of its params are echoed by the edge. */
export interface NewAccountInput {
  companyId: string;
  name: string;
  phone: string;
  email?: string | undefined;
  avatarUrl?: string | undefined;
  creator?: string | undefined;
  loginName?: string | undefined;
  password?: string | undefined;
}

/** A mobile number, or 2404 as for an OA profile whose phone is no possible number. */
function phoneOrFail(raw: string): NormalizedPhone {
  const phone = normalizePhone(raw);
  if (!phone) throw new DomainError('employee.phone_invalid', { param: 'phone', rule: 'not a possible phone number' });
  return phone;
}

/**
 * The IoT account family's writes beyond the seeds: create an employee from explicit fields, change
 * its phone, and unregister (delete) it.
 */
export function createIdentityService(deps: IdentityServiceDeps) {
  /** The app's own company, for the calls that name none (hosted apps; a shared app gets 102126). */
  const ownTenant = (app: App) => deps.access.resolveTenant(app, undefined);

  return {
    /**
     * Creates an employee with the uniqueness and codes of createbyauthcode: auth.forbidden,
     * company.not_initialized, employee.phone_invalid, employee.phone_taken, employee.email_taken.
     */
    async createEmployee(app: App, input: NewAccountInput): Promise<{ company: Company; employee: Employee }> {
      const phone = phoneOrFail(input.phone);
      if (input.email && !fitsEmailKey(input.email)) throw new DomainError('employee.register_failed', { param: 'email', rule: 'is too long' });
      // Hash before the transaction: a slow scrypt must not hold the company's write lock.
      const passwordHash = input.password ? await deps.passwords.hash(app.appKey, input.password) : null;
      try {
        return await deps.store.transaction(async (repos) => {
          assertThat(await deps.access.mayAccess(app, input.companyId, repos), 'auth.forbidden');
          const company = await repos.tenants.getCompany(input.companyId);
          assertThat(company && isInitialized(company), 'company.not_initialized');
          // Phone first, as createbyauthcode reports it (2441 even when the email is taken too).
          if (await repos.employees(company.companyId).getByPhone(phone.e164)) throw new ConflictError('employees_phone_uq');
          const fields = {
            name: input.name,
            loginName: input.loginName ?? phone.e164,
            phoneRaw: input.phone,
            phoneE164: phone.e164,
            mobileArea: phone.callingCode,
            email: input.email || null,
            avatarUrl: input.avatarUrl || null,
            creator: input.creator ?? app.appKey,
            modifier: input.creator ?? app.appKey,
          };
          const now = deps.now();
          const employee = await insertNewEmployee(repos, company.companyId, fields, now, passwordHash);
          const changedFields = changedEmployeeFields({ ...fields, passwordHash });
          await recordChange(repos, appActor(app), { action: 'createEmployee', objectType: 'employee', objectId: employee.employeeId, companyId: company.companyId, changedFields }, now);
          return { company, employee };
        });
      } catch (error) {
        throw employeeConflictToDomain(error);
      }
    },

    /** Moves the identity to a new phone; 2478 when another employee of the company has it. */
    async modifyPhone(app: App, companyId: string, identityId: string, rawPhone: string): Promise<true> {
      const phone = phoneOrFail(rawPhone);
      try {
        return await deps.store.transaction(async (repos) => {
          assertThat(await deps.access.mayAccess(app, companyId, repos), 'auth.forbidden');
          const employees = repos.employees(companyId);
          const employee = await employees.getByIdentityId(identityId);
          assertThat(employee, 'employee.identity_not_found');
          const holder = await employees.getByPhone(phone.e164);
          assertThat(!holder || holder.employeeId === employee.employeeId, 'employee.phone_registered');
          const now = deps.now();
          const patch = { phoneRaw: rawPhone, phoneE164: phone.e164, mobileArea: phone.callingCode, updatedAt: now };
          await employees.update(employee.employeeId, patch);
          const changedFields = changedEmployeeFields(patch, employee);
          if (changedFields.length) await recordChange(repos, appActor(app), { action: 'modifyPhone', objectType: 'employee', objectId: employee.employeeId, companyId, changedFields }, now);
          return true as const;
        });
      } catch (error) {
        // A concurrent change to the same phone loses at the unique index, with the same answer.
        if (error instanceof ConflictError && error.constraint === 'employees_phone_uq') throw new DomainError('employee.phone_registered');
        throw employeeConflictToDomain(error);
      }
    },

    /**
     * Deletes the employee with this identity from the app's company, for good (its row and personal
     * data); 460 `identityId is blank` when there is none. The main account cannot be unregistered.
     */
    async unregister(app: App, identityId: string): Promise<void> {
      const companyId = await ownTenant(app);
      await deps.store.transaction(async (repos) => {
        const employees = repos.employees(companyId);
        const employee = await employees.getByIdentityId(identityId);
        assertThat(employee, 'employee.unregister_unknown');
        // The company's main account is what the company is set up with (2405 otherwise): it stays.
        assertThat(!employee.isMain, 'auth.forbidden');
        assertThat(await employees.erase(employee.employeeId), 'employee.unregister_unknown');
        // The event names the employee by its opaque id only: nothing erased is kept here.
        await recordChange(repos, appActor(app), { action: 'deleteEmployee', objectType: 'employee', objectId: employee.employeeId, companyId, changedFields: [] }, deps.now());
      });
    },
  };
}

export type IdentityService = ReturnType<typeof createIdentityService>;
