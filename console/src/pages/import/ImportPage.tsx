import { useState } from 'react';
import { imports } from '../../api/imports';
import type { ImportJob } from '../../api/types';
import { useCompany } from '../../app/company';
import { useT } from '../../i18n';
import { ImportHistory } from './ImportHistory';
import { ImportJobView } from './ImportJobView';
import { TemplateLinks } from './TemplateLinks';
import { UploadForm } from './UploadForm';

/** Bulk import: a template, a dry run that shows each bad row, then the import with a live progress bar. */
export function ImportPage() {
  const t = useT();
  const { companyId } = useCompany();
  const [job, setJob] = useState<ImportJob | null>(null);
  const [generation, setGeneration] = useState(0);
  const started = (next: ImportJob) => {
    setJob(next);
    setGeneration((g) => g + 1);
  };
  return (
    <section>
      <h1>{t('import.title')}</h1>
      <TemplateLinks />
      <UploadForm onStarted={started} />
      {job && <ImportJobView key={job.importId} initial={job} onFinished={() => setGeneration((g) => g + 1)} />}
      <ImportHistory generation={generation} onOpen={async (importId) => setJob(await imports.get(companyId, importId))} />
    </section>
  );
}
