import { useState } from 'react';
import { admin } from '../../api/client';
import { useCompany } from '../../app/company';
import { useT } from '../../i18n';
import { ErrorNote, StatusNote } from '../../ui/ErrorNote';
import { useLoad } from '../../ui/useLoad';

/** Shared (SaaS) apps an operator can install into this company; installing answers the installation's appId. */
export function SharedApps() {
  const t = useT();
  const { companyId } = useCompany();
  const apps = useLoad(async () => (await admin.apps.list()).items.filter((a) => a.kind === 'shared'), []);
  const [installed, setInstalled] = useState('');
  const [error, setError] = useState<unknown>(null);
  const install = async (appKey: string) => {
    setError(null);
    try {
      const made = await admin.apps.install(appKey, companyId);
      setInstalled(t('apps.installed', { appId: made.appId }));
    } catch (e) {
      setError(e);
    }
  };
  return (
    <section className="panel" aria-labelledby="shared-title">
      <h2 id="shared-title">{t('apps.shared')}</h2>
      <ErrorNote error={apps.error ?? error} />
      <StatusNote>{installed}</StatusNote>
      {apps.data?.length === 0 && <p className="hint">{t('common.noneYet')}</p>}
      <ul className="plain">
        {apps.data?.map((a) => (
          <li key={a.appKey}>
            {a.name} <code>{a.appKey}</code>{' '}
            <button type="button" onClick={() => install(a.appKey)} aria-label={t('apps.installNamed', { name: a.name || a.appKey })}>
              {t('apps.install')}
            </button>
          </li>
        ))}
      </ul>
    </section>
  );
}
