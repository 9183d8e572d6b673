import { useState } from 'react';
import { download } from '../../api/client';
import { useI18n } from '../../i18n';
import { ErrorNote } from '../../ui/ErrorNote';

/** The filtered list as a file (column names in the console's language), streamed by the server (a million rows never sit in its memory). */
export function ExportButtons({ companyId, query }: { companyId: string; query: Record<string, unknown> }) {
  const { t, lang } = useI18n();
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const run = async (format: 'csv' | 'xlsx') => {
    setBusy(true);
    setError(null);
    try {
      await download('/companies/{companyId}/employees/export', { ...query, format, lang }, `employees.${format}`, { companyId });
    } catch (e) {
      setError(e);
    } finally {
      setBusy(false);
    }
  };
  return (
    <span className="export" role="group" aria-label={t('export.label')}>
      <button type="button" disabled={busy} onClick={() => run('csv')}>
        {t('export.csv')}
      </button>
      <button type="button" disabled={busy} onClick={() => run('xlsx')}>
        {t('export.xlsx')}
      </button>
      <ErrorNote error={error} />
    </span>
  );
}
