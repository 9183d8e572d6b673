import type { Company } from '#src/domain/company.js';
import type { Employee } from '#src/domain/employee.js';
import { DomainError } from '#src/domain/errors.js';
import { newOpaqueId } from '#src/domain/ids.js';
import type { OaIdentity } from '#src/domain/oa-connector.js';
import { normalizePhone } from '#src/domain/phone.js';
import { fitsEmailKey, hasControlCharacter } from '#src/domain/text.js';
import { ConflictError, type Repositories } from '#src/domain/ports.js';
import type { Actor } from '#src/domain/audit.js';
import { changedEmployeeFields, recordChange } from '../audit-trail.js';
import { insertNewEmployee } from '../new-employee.js';

/** The connector id under which development-OA sign-ins are linked (its codes name no stored connector). */
export const DEV_LINK_CONNECTOR = 'dev';

export interface LinkOptions {
  connectorId: string;
  /** Refuse an identity without a phone (2404) instead of creating the employee without one. */
  requirePhone: boolean;
  /** Who the employee's `creater` says made it (the calling app). */
  creator: string;
  /** Who the audit log says created or refreshed the employee (the calling app). */
  actor: Actor;
  now: number;
}

/** Longest benefits `userid` and work number the directory stores. */
const USERID_MAX = 100;
const WORK_NUMBER_MAX = 20;
const TEXT_MAX = 100;

/**
 * The employee an OA identity is linked to in the company, creating it (and the link) on the first
 * sign-in. A repeated sign-in refreshes the name and avatar the OA reports; phone and email are the
 * directory's unique keys and are left to the directory's own updates. Runs inside the caller's
 * transaction; throws ConflictError on a race (the caller retries) or a taken phone/email.
 */
export async function linkOrCreateEmployee(repos: Repositories, company: Company, received: OaIdentity, opts: LinkOptions): Promise<Employee> {
  // OIDC caps `sub` at 255 ASCII characters; a longer subject is no identity this store can key on.
  if (received.subject.length > 255) throw new DomainError('oa.upstream_error', { rule: 'the OA subject is longer than 255 characters' });
  const identity = storable(received);
  const links = repos.oaLinks(company.companyId);
  const employees = repos.employees(company.companyId);
  const linked = await links.find(opts.connectorId, identity.subject);
  if (linked) {
    const employee = await employees.getById(linked);
    if (!employee) throw new DomainError('employee.register_failed', { rule: 'linked employee is gone' });
    return refreshProfile(repos, employee, identity, opts);
  }
  const fields = await newEmployeeFields(repos, company, identity, opts);
  const employee = await insertNewEmployee(repos, company.companyId, fields, opts.now);
  await links.insert(opts.connectorId, identity.subject, employee.employeeId, opts.now);
  // A sign-in that creates the employee changes the directory: audited. One that only opens a
  // session (below, with an unchanged profile) does not.
  const change = { action: 'createEmployeeFromOa', objectType: 'employee', objectId: employee.employeeId, companyId: company.companyId, changedFields: changedEmployeeFields(fields) };
  await recordChange(repos, opts.actor, change, opts.now);
  return employee;
}

/** Drops every control character (no column holds one; PostgreSQL refuses NUL outright). */
const withoutControls = (value: string): string => value.replace(/[\u0000-\u001F\u007F]/g, '');
/** An optional OA value kept only when it holds no control character. */
const clean = (value: string | null): string | null => (value !== null && hasControlCharacter(value) ? null : value);

/**
 * The identity as the directory can store it, whatever an OA (or the development OA's issuer) put in
 * it: a subject or user id with control characters is no key this store can keep (2402); the name
 * loses its control characters; other optional values that hold one, or an email whose lower-case
 * key outgrows its column, are left out — never a half-stored value or a database error.
 */
function storable(identity: OaIdentity): OaIdentity {
  if (hasControlCharacter(identity.subject) || hasControlCharacter(identity.userId)) {
    throw new DomainError('employee.register_failed', { rule: 'the OA user id holds control characters' });
  }
  const email = clean(identity.email);
  return {
    ...identity,
    name: withoutControls(identity.name),
    mobile: clean(identity.mobile),
    email: email && fitsEmailKey(email) ? email : null,
    avatarUrl: clean(identity.avatarUrl),
    employeeNo: clean(identity.employeeNo),
  };
}

async function newEmployeeFields(repos: Repositories, company: Company, identity: OaIdentity, opts: LinkOptions) {
  const employees = repos.employees(company.companyId);
  let phone: ReturnType<typeof normalizePhone> = null;
  if (identity.mobile) {
    phone = normalizePhone(identity.mobile);
    if (!phone) throw new DomainError('employee.phone_invalid', { param: 'phone', rule: 'not a possible phone number' });
  } else if (opts.requirePhone) {
    throw new DomainError('employee.phone_invalid', { param: 'phone', rule: 'the OA gave no phone' });
  }
  // The insert's unique index decides; this read only picks the seed's answer when both phone and
  // e-mail are taken (PostgreSQL may report either index first): a taken phone is 2441. Thrown as the
  // index would throw it, so a racing sign-in of the same OA user retries and finds its link.
  if (phone && (await employees.getByPhone(phone.e164))) throw new ConflictError('employees_phone_uq');
  // One directory: the benefits dialect reaches the employee by its OA user id where that is free,
  // else by a generated one. A concurrent taker trips the unique index and the caller's retry
  // comes back here to pick a generated one.
  const proposed = identity.userId.length <= USERID_MAX ? identity.userId : null;
  const userid = proposed && !(await employees.getByUserid(proposed)) ? proposed : newOpaqueId();
  const no = identity.employeeNo && identity.employeeNo.length <= WORK_NUMBER_MAX ? identity.employeeNo : null;
  const workNumber = no && !(await employees.getByWorkNumber(no)) ? no : null;
  // The directory's columns are bounded; an OA value that does not fit is left out, not truncated.
  const email = identity.email && identity.email.length <= TEXT_MAX ? identity.email : null;
  return {
    name: identity.name.slice(0, TEXT_MAX),
    // The link (up to 255 characters) is what finds the employee again; the legacy column holds 100.
    oaUserId: opts.connectorId === DEV_LINK_CONNECTOR && identity.subject.length <= USERID_MAX ? identity.subject : null,
    userid,
    workNumber,
    loginName: phone?.e164 ?? email ?? userid,
    phoneRaw: phone ? identity.mobile : null,
    phoneE164: phone?.e164 ?? null,
    mobileArea: phone?.callingCode ?? null,
    email,
    avatarUrl: identity.avatarUrl && identity.avatarUrl.length <= 500 ? identity.avatarUrl : null,
    creator: opts.creator,
    modifier: opts.creator,
  };
}

async function refreshProfile(repos: Repositories, employee: Employee, identity: OaIdentity, opts: LinkOptions): Promise<Employee> {
  const now = opts.now;
  const name = identity.name.slice(0, TEXT_MAX);
  const avatarUrl = identity.avatarUrl && identity.avatarUrl.length <= 500 ? identity.avatarUrl : employee.avatarUrl;
  if (name === employee.name && avatarUrl === employee.avatarUrl) return employee;
  const patch = { name, avatarUrl, updatedAt: now };
  await repos.employees(employee.companyId).update(employee.employeeId, patch);
  const change = { action: 'refreshEmployeeFromOa', objectType: 'employee', objectId: employee.employeeId, companyId: employee.companyId, changedFields: changedEmployeeFields(patch, employee) };
  await recordChange(repos, opts.actor, change, now);
  return { ...employee, name, avatarUrl, updatedAt: now };
}
