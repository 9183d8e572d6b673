import { ROOT_DEPT_CODE } from '#src/domain/department.js';
import type { Employee } from '#src/domain/employee.js';
import { normalizePhone } from '#src/domain/phone.js';
import type { EmployeePatch, EmployeeRepository, Repositories } from '#src/domain/ports.js';
import { assertMobileOrEmail, DEFAULT_MOBILE_AREA, resolveFields, type BenefitsEmployeeFields } from '../benefits-employee.fields.js';
import { assertUniqueFree, employeeConflictToDomain } from '../employee-conflicts.js';
import { newOpaqueId } from '#src/domain/ids.js';
import { insertNewEmployee } from '../new-employee.js';

/**
 * Reads a row's parameters with the benefits dialect's own edge rules (injected by the container, so
 * app/ does not import an edge): each method throws the DomainError `/employee/add` or
 * `/employee/update` would answer for the same parameters.
 */
export interface ImportRowReader {
  /** The values an existing employee is looked up by, unchecked (a bad value simply finds no one). */
  keys(params: Map<string, string>): { userid?: string | undefined; mobile?: string | undefined; mobileArea?: string | undefined; email?: string | undefined };
  /** `/employee/add`'s parameter checks, in its order. */
  forAdd(params: Map<string, string>): { userid: string; fields: BenefitsEmployeeFields & { name: string } };
  /** `/employee/update`'s parameter checks. */
  forUpdate(params: Map<string, string>): BenefitsEmployeeFields;
}

/**
 * A failure after the row began writing (a unique index a concurrent writer took first): the row's
 * transaction must roll back, not just skip the row. `error` is what the row fails with.
 */
export class RowWriteError extends Error {
  constructor(readonly error: unknown) {
    super('import row write failed');
    this.name = 'RowWriteError';
  }
}

export interface AppliedRow {
  outcome: 'created' | 'updated' | 'unchanged';
  employee: Employee;
}

/** The admin API's changes read `admin` in the creator/modifier columns; an import is one. */
const ADMIN_ACTOR = 'admin';

/** Keyed on userid; without one, on the phone (read as `/employee/add` reads it), else on the email. */
async function findExisting(repo: EmployeeRepository, keys: ReturnType<ImportRowReader['keys']>): Promise<Employee | undefined> {
  if (keys.userid !== undefined) return repo.getByUserid(keys.userid);
  if (keys.mobile !== undefined) {
    const phone = normalizePhone(keys.mobile, keys.mobileArea ?? DEFAULT_MOBILE_AREA);
    const found = phone ? await repo.getByPhone(phone.e164) : undefined;
    if (found) return found;
  }
  return keys.email !== undefined ? repo.getByEmail(keys.email) : undefined;
}

const same = (a: unknown, b: unknown) => JSON.stringify(a ?? null) === JSON.stringify(b ?? null);

/** The part of `patch` that differs from the employee; the same phone written another way is no change. */
function changedPart(patch: EmployeePatch, current: Employee): EmployeePatch {
  const changes: EmployeePatch = {};
  const samePhone = patch.phoneE164 !== undefined && patch.phoneE164 === current.phoneE164 && patch.mobileArea === current.mobileArea;
  for (const [key, value] of Object.entries(patch) as Array<[keyof EmployeePatch, unknown]>) {
    if (samePhone && (key === 'phoneRaw' || key === 'phoneE164' || key === 'mobileArea')) continue;
    if (!same(value, current[key as keyof Employee])) (changes as Record<string, unknown>)[key] = value;
  }
  return changes;
}

async function write<T>(work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (error) {
    throw new RowWriteError(employeeConflictToDomain(error));
  }
}

/**
 * Applies one import row inside the caller's transaction: an existing employee (see findExisting) is
 * updated by `/employee/update`'s rules or left `unchanged` when the row says what is stored; otherwise
 * the row is an `/employee/add`. Every rule is checked (reads only) before the first write, so a
 * DomainError leaves nothing behind; a failure while writing is a RowWriteError.
 */
export async function applyImportRow(repos: Repositories, companyId: string, params: Map<string, string>, reader: ImportRowReader, now: number): Promise<AppliedRow> {
  const employees = repos.employees(companyId);
  const current = await findExisting(employees, reader.keys(params));
  if (!current) {
    const { userid, fields } = reader.forAdd(params);
    assertMobileOrEmail(fields);
    const patch = await resolveFields(repos, companyId, fields, now);
    await assertUniqueFree(employees, { ...patch, userid });
    const employee = await write(async () => {
      const created = await insertNewEmployee(
        repos,
        companyId,
        {
          deptCode: ROOT_DEPT_CODE,
          ...patch,
          name: fields.name,
          userid,
          loginName: patch.phoneE164 ?? patch.email ?? userid,
          sendInvite: fields.sendInvite ?? false,
          creator: ADMIN_ACTOR,
          modifier: ADMIN_ACTOR,
        },
        now,
      );
      if (created.sendInvite) await employees.insertInvitation(newOpaqueId(), created.employeeId, now);
      return created;
    });
    return { outcome: 'created', employee };
  }
  const fields = reader.forUpdate(params);
  const changes = changedPart(await resolveFields(repos, companyId, fields, now, current), current);
  if (Object.keys(changes).length === 0) return { outcome: 'unchanged', employee: current };
  await assertUniqueFree(employees, changes, current.employeeId);
  // The login name follows the phone when it was the phone (as /employee/update does).
  if (changes.phoneE164 && current.loginName === current.phoneE164) changes.loginName = changes.phoneE164;
  const employee: Employee = { ...current, ...changes, modifier: ADMIN_ACTOR, updatedAt: now } as Employee;
  await write(() => employees.update(current.employeeId, { ...changes, modifier: ADMIN_ACTOR, updatedAt: now }));
  return { outcome: 'updated', employee };
}
