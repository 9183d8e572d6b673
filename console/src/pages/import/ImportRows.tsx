import { useState } from 'react';
import { imports } from '../../api/imports';
import { useCompany } from '../../app/company';
import { useT } from '../../i18n';
import { ErrorNote } from '../../ui/ErrorNote';
import { CheckboxField } from '../../ui/fields';
import { Pager, useCursorPages } from '../../ui/Pager';
import { useLoad } from '../../ui/useLoad';

/** Each row's outcome, with the same code and message `/employee/add` gives for that input. */
export function ImportRows({ importId, hasErrors }: { importId: string; hasErrors: boolean }) {
  const t = useT();
  const { companyId } = useCompany();
  const [onlyErrors, setOnlyErrors] = useState(hasErrors);
  const pages = useCursorPages();
  const rows = useLoad(
    () => imports.rows(companyId, importId, { onlyErrors, limit: 100, ...(pages.cursor ? { cursor: pages.cursor } : {}) }),
    [companyId, importId, onlyErrors, pages.cursor],
  );
  return (
    <div>
      <CheckboxField label={t('import.onlyErrors')} checked={onlyErrors} onChange={(e) => (setOnlyErrors(e.target.checked), pages.reset())} />
      <ErrorNote error={rows.error} />
      <table className="import-rows">
        <caption className="visually-hidden">{t('import.rows')}</caption>
        <thead>
          <tr>
            <th scope="col">{t('import.row')}</th>
            <th scope="col">{t('import.outcome')}</th>
            <th scope="col">{t('import.code')}</th>
            <th scope="col">{t('import.message')}</th>
          </tr>
        </thead>
        <tbody>
          {rows.data?.items.map((r) => (
            <tr key={r.row} className={r.outcome === 'failed' ? 'failed' : undefined}>
              <td>{r.row}</td>
              <td>{t(`import.outcome.${r.outcome}`)}</td>
              <td>{r.code && <code>{r.code}</code>}</td>
              <td>{r.message}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <Pager pages={pages} nextCursor={rows.data?.nextCursor ?? null} />
    </div>
  );
}
