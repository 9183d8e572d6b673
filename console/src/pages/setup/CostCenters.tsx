import { useState, type FormEvent } from 'react';
import { admin } from '../../api/client';
import { useCompany } from '../../app/company';
import { useT } from '../../i18n';
import { ErrorNote } from '../../ui/ErrorNote';
import { TextField } from '../../ui/fields';
import { useLoad } from '../../ui/useLoad';

export function CostCenters() {
  const t = useT();
  const { companyId } = useCompany();
  const list = useLoad(() => admin.setup.costCenters.list(companyId), [companyId]);
  const [name, setName] = useState('');
  const [error, setError] = useState<unknown>(null);
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setError(null);
    try {
      await admin.setup.costCenters.create(companyId, name.trim());
      setName('');
      list.reload();
    } catch (e) {
      setError(e);
    }
  };
  return (
    <section className="card" aria-labelledby="cost-centers-title">
      <h2 id="cost-centers-title">{t('setup.costCenters')}</h2>
      <ErrorNote error={list.error} />
      {list.data && (list.data.length ? (
        <ul className="chips">
          {list.data.map((c) => (
            <li key={c.costCenterId}>
              {c.name} <small>#{c.costCenterId}</small>
            </li>
          ))}
        </ul>
      ) : (
        <p className="hint">{t('common.noneYet')}</p>
      ))}
      <form onSubmit={submit} className="inline-form">
        <TextField label={t('setup.costCenterName')} value={name} onChange={(e) => setName(e.target.value)} required />
        <ErrorNote error={error} />
        <button type="submit">{t('common.add')}</button>
      </form>
    </section>
  );
}
