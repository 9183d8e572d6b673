/** What kind of account a company is on the benefits platform. */
export type CompanyKind = 'enterprise' | 'group' | 'operator';

/** A tenant. */
export interface Company {
  companyId: string;
  companyName: string;
  /** The tenant's platform account id (numeric string, like the IoT platform's `mainPk`). */
  mainPk: string;
  /** The main account's identity; null until the company is initialized. */
  mainIdentityId: string | null;
  mainEmployeeId: string | null;
  kind: CompanyKind;
  /** For a member enterprise: the group or operator it belongs to. */
  parentCompanyId: string | null;
  /** For a member enterprise: its code within the parent (the benefits `enterprise_code`). */
  enterpriseCode: string | null;
  /** Number of employees ever created; equals the highest `seq`. */
  employeeCount: number;
  /** Employees deleted so far (IoT unregister, admin delete); the live count is employeeCount − deletedCount. Absent: none. */
  deletedCount?: number;
  createdAt: number;
}

export function isInitialized(company: Company): boolean {
  return company.mainIdentityId !== null;
}
