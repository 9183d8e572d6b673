import { imports } from '../../api/imports';
import { useCompany } from '../../app/company';
import { useT } from '../../i18n';
import { ErrorNote } from '../../ui/ErrorNote';
import { useLoad } from '../../ui/useLoad';

/** Earlier imports of the company (an import keeps going after a restart; its page can be reopened here). */
export function ImportHistory({ generation, onOpen }: { generation: number; onOpen(importId: string): void }) {
  const t = useT();
  const { companyId } = useCompany();
  const list = useLoad(() => imports.list(companyId), [companyId, generation]);
  if (!list.data?.length && !list.error) return null;
  return (
    <section className="panel" aria-labelledby="history-title">
      <h2 id="history-title">{t('import.history')}</h2>
      <ErrorNote error={list.error} />
      <ul className="plain">
        {list.data?.map((j) => (
          <li key={j.importId}>
            <button type="button" className="link" onClick={() => onOpen(j.importId)}>
              {new Date(j.createdAt).toLocaleString()} · {j.fileName ?? j.importId}
            </button>{' '}
            · {j.dryRun ? t('import.dryRun') : t('import.run')} · {t(`import.status.${j.status}`)} · {j.processed}/{j.total}
          </li>
        ))}
      </ul>
    </section>
  );
}
