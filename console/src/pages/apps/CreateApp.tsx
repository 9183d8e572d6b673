import { useState, type FormEvent } from 'react';
import type { AppCreate, AppWithSecret } from '@roster/admin-sdk';
import { admin } from '../../api/client';
import { useCompany } from '../../app/company';
import { useT } from '../../i18n';
import { ErrorNote } from '../../ui/ErrorNote';
import { SelectField, TextField } from '../../ui/fields';
import { useConnectors } from './useConnectors';

/** A new hosted app of this company; its secret is shown once by the page. */
export function CreateApp({ onCreated }: { onCreated(made: AppWithSecret): void }) {
  const t = useT();
  const { companyId } = useCompany();
  const [name, setName] = useState('');
  const [rate, setRate] = useState('');
  const [signType, setSignType] = useState<'sha1' | 'sha256' | 'sha512'>('sha256');
  const [connectorId, setConnectorId] = useState('');
  const [sessions, setSessions] = useState('');
  const connectors = useConnectors(companyId);
  const [error, setError] = useState<unknown>(null);
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setError(null);
    try {
      const body: AppCreate = {
        companyId,
        signType,
        ...(name.trim() ? { name: name.trim() } : {}),
        ...(rate ? { rateLimit: Number(rate) } : {}),
        ...(connectorId ? { oaConnectorId: connectorId } : {}),
        ...(sessions ? { sessionLimit: Number(sessions) } : {}),
      };
      onCreated(await admin.apps.create(body));
      setName('');
      setRate('');
    } catch (e) {
      setError(e);
    }
  };
  return (
    <form className="panel inline-form" onSubmit={submit} aria-labelledby="create-app-title">
      <h2 id="create-app-title">{t('apps.create')}</h2>
      <TextField label={t('apps.name')} value={name} onChange={(e) => setName(e.target.value)} />
      <TextField label={t('apps.rateLimit')} type="number" min={0} value={rate} onChange={(e) => setRate(e.target.value)} hint={t('apps.rateHint')} />
      <SelectField label={t('apps.signType')} value={signType} onChange={(e) => setSignType(e.target.value as typeof signType)}>
        <option value="sha1">sha1</option>
        <option value="sha256">sha256</option>
        <option value="sha512">sha512</option>
      </SelectField>
      <SelectField label={t('apps.oaConnector')} value={connectorId} onChange={(e) => setConnectorId(e.target.value)}>
        <option value="">{t('apps.noConnector')}</option>
        {connectors.data?.map((c) => (
          <option key={c.connectorId} value={c.connectorId}>
            {c.name || c.kind}
          </option>
        ))}
      </SelectField>
      <TextField label={t('apps.sessionLimit')} type="number" min={1} value={sessions} onChange={(e) => setSessions(e.target.value)} hint={t('apps.sessionHint')} />
      <ErrorNote error={error} />
      <button type="submit" className="primary">
        {t('apps.create')}
      </button>
    </form>
  );
}
