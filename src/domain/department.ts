export interface Department {
  companyId: string;
  deptCode: string;
  name: string;
  /** Null only for the company's root department. */
  parentCode: string | null;
  /** 1 valid, 2 invalid. */
  status: 1 | 2;
  managerUserid: string | null;
  isRoot: boolean;
}

/** The root department every company gets at creation; it cannot be deleted. */
export const ROOT_DEPT_CODE = 'ROOT';
