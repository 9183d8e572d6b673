import { useEffect, useState } from 'react';
import { admin } from '../../api/client';
import type { FlatDepartment } from '../../api/departments';

/** Counting stops here: a company with thousands of departments would otherwise ask thousands of times. */
const MAX_COUNTED = 200;

/**
 * Active members of each department, its sub-departments included (the list's own deptCode filter),
 * asked a few at a time. The tree answer has no counts, so they come from the employee list's total.
 */
export function useMemberCounts(companyId: string, departments: FlatDepartment[], generation: number): Map<string, number> {
  const [counts, setCounts] = useState(new Map<string, number>());
  useEffect(() => {
    let current = true;
    const queue = departments.slice(0, MAX_COUNTED).map((d) => d.deptCode);
    const worker = async () => {
      for (let code = queue.shift(); code !== undefined && current; code = queue.shift()) {
        const page = await admin.employees.list(companyId, { deptCode: code, status: 'active', limit: 1, total: true }).catch(() => null);
        const deptCode = code;
        if (current && page?.total !== undefined) setCounts((old) => new Map(old).set(deptCode, page.total!));
      }
    };
    void Promise.all([worker(), worker(), worker()]);
    return () => {
      current = false;
    };
  }, [companyId, departments, generation]);
  return counts;
}
