import { useState } from 'react';
import { oa } from '../../api/oa';
import type { OaConnector } from '../../api/types';
import { useCompany } from '../../app/company';
import { useT } from '../../i18n';
import { ErrorNote } from '../../ui/ErrorNote';
import { useLoad } from '../../ui/useLoad';
import { ConnectorForm } from './ConnectorForm';
import { ConnectorRow } from './ConnectorRow';

/** The company's OA connectors (DingTalk, WeCom, Feishu, OpenID Connect …): add, edit, test, remove. */
export function OaPage() {
  const t = useT();
  const { companyId } = useCompany();
  const kinds = useLoad(() => oa.kinds(), []);
  const list = useLoad(() => oa.list(companyId), [companyId]);
  const [editing, setEditing] = useState<OaConnector | null>(null);
  const done = () => {
    setEditing(null);
    list.reload();
  };
  return (
    <section>
      <h1>{t('oa.title')}</h1>
      <p className="hint">{t('oa.intro')}</p>
      <ErrorNote error={kinds.error ?? list.error} />
      {list.data && list.data.length === 0 && <p className="hint">{t('common.noneYet')}</p>}
      {list.data && list.data.length > 0 && (
        <ul className="plain connectors">
          {list.data.map((c) => (
            <ConnectorRow key={c.connectorId} connector={c} onEdit={() => setEditing(c)} onRemoved={done} />
          ))}
        </ul>
      )}
      {kinds.data && <ConnectorForm key={editing?.connectorId ?? 'new'} kinds={kinds.data} editing={editing} onSaved={done} onCancel={() => setEditing(null)} />}
    </section>
  );
}
