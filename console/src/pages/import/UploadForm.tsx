import { useId, useState } from 'react';
import { imports } from '../../api/imports';
import type { ImportJob } from '../../api/types';
import { useCompany } from '../../app/company';
import { useT } from '../../i18n';
import { ErrorNote } from '../../ui/ErrorNote';

/** Picks a CSV or XLSX file and starts a dry run (checks only) or the import. */
export function UploadForm({ onStarted }: { onStarted(job: ImportJob): void }) {
  const t = useT();
  const { companyId } = useCompany();
  const inputId = useId();
  const [file, setFile] = useState<File | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const start = async (dryRun: boolean) => {
    if (!file) return;
    setBusy(true);
    setError(null);
    try {
      onStarted(await imports.start(companyId, file, dryRun));
    } catch (e) {
      setError(e);
    } finally {
      setBusy(false);
    }
  };
  return (
    <section className="panel" aria-labelledby="upload-title">
      <h2 id="upload-title">{t('import.upload')}</h2>
      <div className="field">
        <label htmlFor={inputId}>{t('import.file')}</label>
        <input id={inputId} type="file" accept=".csv,.xlsx,text/csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet" onChange={(e) => setFile(e.target.files?.[0] ?? null)} />
      </div>
      <div className="actions">
        <button type="button" disabled={!file || busy} onClick={() => start(true)}>
          {t('import.dryRun')}
        </button>
        <button type="button" className="primary" disabled={!file || busy} onClick={() => start(false)}>
          {t('import.run')}
        </button>
      </div>
      <p className="hint">{t('import.idempotent')}</p>
      <ErrorNote error={error} />
    </section>
  );
}
