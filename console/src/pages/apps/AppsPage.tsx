import { useState } from 'react';
import type { AppWithSecret } from '@roster/admin-sdk';
import { admin } from '../../api/client';
import type { Session } from '../../api/types';
import { useCompany } from '../../app/company';
import { useT } from '../../i18n';
import { ErrorNote } from '../../ui/ErrorNote';
import { useLoad } from '../../ui/useLoad';
import { AppRow } from './AppRow';
import { CreateApp } from './CreateApp';
import { NewSecret } from './NewSecret';
import { SharedApps } from './SharedApps';
import { useConnectors } from './useConnectors';

/** The company's apps (the AppKey/AppSecret pairs its systems sign with); shared apps for operators. */
export function AppsPage({ session }: { session: Session }) {
  const t = useT();
  const { companyId } = useCompany();
  const apps = useLoad(() => admin.apps.list({ companyId }), [companyId]);
  const connectors = useConnectors(companyId);
  const [secret, setSecret] = useState<AppWithSecret | null>(null);
  const showSecret = (made: AppWithSecret) => {
    setSecret(made);
    apps.reload();
  };
  return (
    <section>
      <h1>{t('apps.title')}</h1>
      {secret && <NewSecret made={secret} onDone={() => setSecret(null)} />}
      <ErrorNote error={apps.error} />
      {apps.data && (
        <table>
          <caption className="visually-hidden">{t('apps.title')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('apps.name')}</th>
              <th scope="col">AppKey</th>
              <th scope="col">{t('apps.signType')}</th>
              <th scope="col">{t('apps.rateLimit')}</th>
              <th scope="col">{t('apps.oaSignIn')}</th>
              <th scope="col">{t('apps.state')}</th>
              <th scope="col">{t('common.actions')}</th>
            </tr>
          </thead>
          <tbody>
            {apps.data.items.map((app) => (
              <AppRow key={app.appKey} app={app} connectors={connectors.data ?? []} onChanged={apps.reload} onSecret={showSecret} />
            ))}
          </tbody>
        </table>
      )}
      {apps.data?.items.length === 0 && <p className="hint">{t('common.noneYet')}</p>}
      <CreateApp onCreated={showSecret} />
      {session.kind === 'operator' && <SharedApps />}
    </section>
  );
}
