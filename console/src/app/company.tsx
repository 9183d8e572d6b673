import { createContext, useContext } from 'react';
import type { Company } from '@roster/admin-sdk';

/** The company the console is managing: the admin's own, or the one an operator picked. */
export const CompanyContext = createContext<Company | null>(null);

export function useCompany(): Company {
  const company = useContext(CompanyContext);
  if (!company) throw new Error('useCompany outside a chosen company');
  return company;
}
