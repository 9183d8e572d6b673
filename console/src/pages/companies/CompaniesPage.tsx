import { useState } from 'react';
import { admin } from '../../api/client';
import { useT } from '../../i18n';
import { ErrorNote } from '../../ui/ErrorNote';
import { Pager, useCursorPages } from '../../ui/Pager';
import { useLoad } from '../../ui/useLoad';

/** An operator picks the company to manage (their token's company, or any for an installation token). */
export function CompaniesPage({ onPick }: { onPick(companyId: string): void }) {
  const t = useT();
  const pages = useCursorPages();
  const [filter, setFilter] = useState('');
  const list = useLoad(() => admin.companies.list({ limit: 50, ...(pages.cursor ? { cursor: pages.cursor } : {}) }), [pages.cursor]);
  const shown = (list.data?.items ?? []).filter((c) => !filter || c.name.includes(filter) || c.companyId.includes(filter.toUpperCase()));
  return (
    <section>
      <h1>{t('companies.title')}</h1>
      <label className="field">
        <span>{t('companies.filter')}</span>
        <input value={filter} onChange={(e) => setFilter(e.target.value)} />
      </label>
      <ErrorNote error={list.error} />
      <table>
        <caption className="visually-hidden">{t('companies.title')}</caption>
        <thead>
          <tr>
            <th scope="col">{t('companies.name')}</th>
            <th scope="col">{t('companies.id')}</th>
            <th scope="col">{t('companies.kind')}</th>
            <th scope="col">{t('companies.employees')}</th>
            <th scope="col">
              <span className="visually-hidden">{t('common.actions')}</span>
            </th>
          </tr>
        </thead>
        <tbody>
          {shown.map((c) => (
            <tr key={c.companyId}>
              <td>{c.name}</td>
              <td>
                <code>{c.companyId}</code>
              </td>
              <td>{c.kind}</td>
              <td>{c.employeeCount}</td>
              <td>
                <button type="button" onClick={() => onPick(c.companyId)} aria-label={t('companies.manageNamed', { name: c.name })}>
                  {t('companies.manage')}
                </button>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      <Pager pages={pages} nextCursor={list.data?.nextCursor ?? null} />
    </section>
  );
}
