import { useMemo, useState } from 'react';
import { admin } from '../../api/client';
import { useCompany } from '../../app/company';
import { Link } from '../../app/router';
import { useT } from '../../i18n';
import { ErrorNote } from '../../ui/ErrorNote';
import { Pager, useCursorPages } from '../../ui/Pager';
import { useLoad } from '../../ui/useLoad';
import { EmployeeFilters } from './EmployeeFilters';
import { EmployeeTable } from './EmployeeTable';
import { ExportButtons } from './ExportButtons';
import { NO_FILTERS, toQuery, type EmployeeFilterValues } from './filters';
import { useDirectoryLists } from './useDirectoryLists';

const PAGE_SIZE = 50;

/** The employee list: filters, keyword search, creation order, cursor pages (fast at a million rows), export. */
export function EmployeesPage() {
  const t = useT();
  const { companyId } = useCompany();
  const lists = useDirectoryLists(companyId);
  const [filters, setFilters] = useState<EmployeeFilterValues>(NO_FILTERS);
  const pages = useCursorPages();
  const query = toQuery(filters);
  const page = useLoad(
    () => admin.employees.list(companyId, { ...query, limit: PAGE_SIZE, ...(pages.cursor ? { cursor: pages.cursor } : {}) }),
    [companyId, JSON.stringify(query), pages.cursor],
  );
  const [total, setTotal] = useState<number | null>(null);
  const count = async () => setTotal((await admin.employees.list(companyId, { ...query, limit: 1, total: true })).total ?? null);
  const deptNames = useMemo(() => new Map(lists.data?.departments.map((d) => [d.deptCode, d.name])), [lists.data]);
  const apply = (f: EmployeeFilterValues) => {
    setFilters(f);
    setTotal(null);
    pages.reset();
  };
  return (
    <section>
      <div className="page-head">
        <h1>{t('employees.title')}</h1>
        <Link to="/employees/new" className="button primary">
          {t('employees.add')}
        </Link>
      </div>
      <EmployeeFilters initial={filters} lists={lists.data} onApply={apply} />
      <div className="toolbar">
        <span className="hint">{t('employees.order')}</span>
        <button type="button" onClick={count}>
          {t('employees.count')}
        </button>
        {total !== null && <span role="status">{t('employees.total', { total })}</span>}
        <span className="spacer" />
        <ExportButtons companyId={companyId} query={query} />
      </div>
      <ErrorNote error={page.error ?? lists.error} />
      {page.data && page.data.items.length === 0 && <p role="status">{t('employees.none')}</p>}
      {page.data && page.data.items.length > 0 && <EmployeeTable items={page.data.items} deptNames={deptNames} />}
      <Pager pages={pages} nextCursor={page.data?.nextCursor ?? null} />
    </section>
  );
}
