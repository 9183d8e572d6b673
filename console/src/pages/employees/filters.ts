import type { EmployeeListQuery } from '@roster/admin-sdk';

/** The list's filters as the admin typed them (empty string: no filter). */
export interface EmployeeFilterValues {
  deptCode: string;
  status: 'active' | 'resigned' | 'all';
  level: string;
  category: string;
  keyword: string;
}

export const NO_FILTERS: EmployeeFilterValues = { deptCode: '', status: 'active', level: '', category: '', keyword: '' };

/** The list query (also the export's): only the filters that are set. */
export function toQuery(f: EmployeeFilterValues): Omit<EmployeeListQuery, 'cursor' | 'limit' | 'total'> {
  return {
    status: f.status,
    ...(f.deptCode ? { deptCode: f.deptCode } : {}),
    ...(f.level ? { level: f.level } : {}),
    ...(f.category ? { category: f.category } : {}),
    ...(f.keyword.trim() ? { keyword: f.keyword.trim() } : {}),
  };
}
