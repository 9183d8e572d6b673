/** Gender as the benefits dialect numbers it: 1 male, 2 female, 3 unknown. */
export type Gender = 1 | 2 | 3;
/** Identity document kind: 1 mainland resident ID card, 2 passport. */
export type CardType = 1 | 2;

/** One extension attribute value, spelled as the benefits dialect's JSON spells it. */
export interface EmployeeAttribute {
  attributeCode: string;
  attributeValue: string;
}

/**
 * An employee of one company, together with the identity (account) it signs in with. Identities are
 * per company here: the same person in two companies is two identities (see docs/architecture.md).
 */
export interface Employee {
  companyId: string;
  employeeId: string;
  /** Position in the company's creation order, 1-based and dense: the paging key. */
  seq: number;
  identityId: string;
  accountId: string;
  /** The OA's own user id, for employees created from an OA sign-in. */
  oaUserId: string | null;
  /** The benefits dialect's third-party id (`userid`). */
  userid: string | null;
  /** Work number (`code` in the benefits dialect, `workNumber` in the IoT one). */
  workNumber: string | null;
  name: string;
  loginName: string | null;
  /** The phone exactly as the caller gave it. */
  phoneRaw: string | null;
  /** The same phone in E.164, the value uniqueness is enforced on. */
  phoneE164: string | null;
  /** International calling code without `+`, e.g. `86`. */
  mobileArea: string | null;
  email: string | null;
  avatarUrl: string | null;
  isAdmin: boolean;
  isMain: boolean;
  roleCode: string | null;
  roleName: string | null;
  creator: string | null;
  modifier: string | null;
  gender: Gender | null;
  remark: string | null;
  deptCode: string | null;
  level: string | null;
  categories: string[];
  birthDay: string | null;
  entryDay: string | null;
  cardType: CardType | null;
  /** Decrypted identity document number; only loaded where a caller may see it. */
  cardNo: string | null;
  attributes: EmployeeAttribute[];
  costCenterId: number | null;
  sendInvite: boolean;
  /** Epoch ms from which the employee counts as resigned; null while employed. */
  resignAt: number | null;
  createdAt: number;
  updatedAt: number;
}

/** The columns a directory listing shows; read without the rest of the row (no decryption, less copying). */
export type EmployeeSummary = Pick<
  Employee,
  'seq' | 'identityId' | 'name' | 'phoneRaw' | 'phoneE164' | 'email' | 'avatarUrl' | 'creator' | 'modifier' | 'isMain'
>;

/** True when the employee's resignation (immediate or scheduled) has taken effect at `now`. */
export function isResigned(employee: Pick<Employee, 'resignAt'>, now: number): boolean {
  return employee.resignAt !== null && employee.resignAt <= now;
}

/** Fills the fields a new employee starts without; ids and seq come from the caller. */
export function blankEmployee(
  fields: Pick<Employee, 'companyId' | 'employeeId' | 'seq' | 'identityId' | 'accountId' | 'name' | 'createdAt'> &
    Partial<Employee>,
): Employee {
  return {
    oaUserId: null,
    userid: null,
    workNumber: null,
    loginName: null,
    phoneRaw: null,
    phoneE164: null,
    mobileArea: null,
    email: null,
    avatarUrl: null,
    isAdmin: false,
    isMain: false,
    roleCode: null,
    roleName: null,
    creator: null,
    modifier: null,
    gender: null,
    remark: null,
    deptCode: null,
    level: null,
    categories: [],
    birthDay: null,
    entryDay: null,
    cardType: null,
    cardNo: null,
    attributes: [],
    costCenterId: null,
    sendInvite: false,
    resignAt: null,
    updatedAt: fields.createdAt,
    ...fields,
  };
}

/**
 * The phone as the IoT dialect shows it: for mainland China the 11-digit national number, as the
 * seeds' examples show it (`1880000****`), whatever spacing or prefix the number arrived with;
 * elsewhere E.164, which is unambiguous.
 */
export function displayPhone(employee: Pick<Employee, 'phoneE164' | 'phoneRaw'>): string | null {
  const e164 = employee.phoneE164;
  if (!e164) return employee.phoneRaw;
  return e164.startsWith('+86') ? e164.slice(3) : e164;
}
