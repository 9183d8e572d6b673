import { useEffect, useState } from 'react';
import { imports } from '../../api/imports';
import type { ImportJob } from '../../api/types';
import { useCompany } from '../../app/company';
import { useT } from '../../i18n';
import { ErrorNote } from '../../ui/ErrorNote';
import { ImportRows } from './ImportRows';

const POLL_MS = 500;

/** One import: a progress bar that follows the server's job until it is done, the tallies, the rows, the result file. */
export function ImportJobView({ initial, onFinished }: { initial: ImportJob; onFinished(): void }) {
  const t = useT();
  const { companyId } = useCompany();
  const [job, setJob] = useState(initial);
  const [error, setError] = useState<unknown>(null);
  const finished = job.status === 'done' || job.status === 'failed';
  useEffect(() => {
    if (finished) return;
    const timer = setTimeout(() => {
      imports.get(companyId, job.importId).then(setJob, setError);
    }, POLL_MS);
    return () => clearTimeout(timer);
  }, [companyId, job, finished]);
  useEffect(() => {
    if (finished) onFinished();
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [finished]);
  return (
    <section className="panel" aria-labelledby="job-title">
      <h2 id="job-title">{t(job.dryRun ? 'import.dryRunOf' : 'import.importOf', { name: job.fileName ?? job.importId })}</h2>
      <label className="progress">
        <span>{t('import.progress', { processed: job.processed, total: job.total })}</span>
        <progress max={Math.max(job.total, 1)} value={job.processed} aria-label={t('import.progressLabel')} />
      </label>
      <p role="status" data-testid="import-status">
        {t(`import.status.${job.status}`)} · {t(job.dryRun ? 'import.tallyDry' : 'import.tally', { created: job.created, updated: job.updated, unchanged: job.unchanged, failed: job.failed })}
      </p>
      {job.status === 'failed' && job.error && (
        <p className="error-note" role="alert">
          {job.error}
        </p>
      )}
      <ErrorNote error={error} />
      {finished && (
        <>
          <div className="actions">
            <button type="button" onClick={() => imports.results(companyId, job.importId, 'csv').catch(setError)}>
              {t('import.resultsCsv')}
            </button>
            <button type="button" onClick={() => imports.results(companyId, job.importId, 'xlsx').catch(setError)}>
              {t('import.resultsXlsx')}
            </button>
          </div>
          <ImportRows importId={job.importId} hasErrors={job.failed > 0} />
        </>
      )}
    </section>
  );
}
