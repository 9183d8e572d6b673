import { useState } from 'react';
import { imports } from '../../api/imports';
import { useCompany } from '../../app/company';
import { useT } from '../../i18n';
import { ErrorNote } from '../../ui/ErrorNote';

const TEMPLATES = [
  { format: 'csv', lang: 'zh', label: 'CSV · 中文' },
  { format: 'csv', lang: 'en', label: 'CSV · English' },
  { format: 'xlsx', lang: 'zh', label: 'XLSX · 中文' },
  { format: 'xlsx', lang: 'en', label: 'XLSX · English' },
] as const;

/** The template, with Chinese or English column names (the import reads either). */
export function TemplateLinks() {
  const t = useT();
  const { companyId } = useCompany();
  const [error, setError] = useState<unknown>(null);
  return (
    <section className="panel" aria-labelledby="template-title">
      <h2 id="template-title">{t('import.template')}</h2>
      <div className="actions">
        {TEMPLATES.map((x) => (
          <button key={x.label} type="button" onClick={() => imports.template(companyId, x.format, x.lang).catch(setError)} aria-label={t('import.templateNamed', { name: x.label })}>
            {x.label}
          </button>
        ))}
      </div>
      <ErrorNote error={error} />
    </section>
  );
}
