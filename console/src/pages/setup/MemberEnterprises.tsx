import { useState, type FormEvent } from 'react';
import { admin } from '../../api/client';
import { useCompany } from '../../app/company';
import { useT } from '../../i18n';
import { ErrorNote } from '../../ui/ErrorNote';
import { TextField } from '../../ui/fields';
import { useLoad } from '../../ui/useLoad';

/** A group's (or operator's) member enterprises, each with its enterprise code; adding one needs an operator. */
export function MemberEnterprises() {
  const t = useT();
  const { companyId } = useCompany();
  const members = useLoad(() => admin.companies.list({ parentCompanyId: companyId, limit: 200 }), [companyId]);
  const [name, setName] = useState('');
  const [code, setCode] = useState('');
  const [error, setError] = useState<unknown>(null);
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setError(null);
    try {
      await admin.companies.create({ name: name.trim(), parentCompanyId: companyId, enterpriseCode: code.trim() });
      setName('');
      setCode('');
      members.reload();
    } catch (e) {
      setError(e);
    }
  };
  return (
    <section className="card" aria-labelledby="members-title">
      <h2 id="members-title">{t('setup.members')}</h2>
      <ErrorNote error={members.error} />
      {members.data && (members.data.items.length ? (
        <ul className="plain">
          {members.data.items.map((m) => (
            <li key={m.companyId}>
              {m.name} · <code>{m.enterpriseCode}</code> · <code>{m.companyId}</code>
            </li>
          ))}
        </ul>
      ) : (
        <p className="hint">{t('common.noneYet')}</p>
      ))}
      <form onSubmit={submit} className="inline-form">
        <TextField label={t('setup.memberName')} value={name} onChange={(e) => setName(e.target.value)} required />
        <TextField label={t('setup.enterpriseCode')} value={code} onChange={(e) => setCode(e.target.value)} required />
        <ErrorNote error={error} />
        <button type="submit">{t('common.add')}</button>
      </form>
    </section>
  );
}
