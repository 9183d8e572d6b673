import { useEffect, useState, type FormEvent } from 'react';
import { admin } from '../../api/client';
import type { FlatDepartment } from '../../api/departments';
import { useCompany } from '../../app/company';
import { useT } from '../../i18n';
import { ErrorNote, StatusNote } from '../../ui/ErrorNote';
import { TextField } from '../../ui/fields';
import { ParentSelect } from './ParentSelect';

export function AddDepartment({ all, defaultParent, onAdded }: { all: FlatDepartment[]; defaultParent: string; onAdded(): void }) {
  const t = useT();
  const { companyId } = useCompany();
  const [code, setCode] = useState('');
  const [name, setName] = useState('');
  const [parent, setParent] = useState(defaultParent || all[0]?.deptCode || '');
  const [error, setError] = useState<unknown>(null);
  const [added, setAdded] = useState('');
  useEffect(() => {
    if (defaultParent) setParent(defaultParent);
    else if (!parent && all[0]) setParent(all[0].deptCode);
  }, [defaultParent, all, parent]);
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setError(null);
    setAdded('');
    try {
      const made = await admin.departments.create(companyId, { deptCode: code.trim(), name: name.trim(), ...(parent ? { parentCode: parent } : {}) });
      setAdded(made.name);
      setCode('');
      setName('');
      onAdded();
    } catch (e) {
      setError(e);
    }
  };
  return (
    <form className="stack panel" onSubmit={submit} aria-labelledby="add-dept-title">
      <h2 id="add-dept-title">{t('departments.add')}</h2>
      <TextField label={t('departments.code')} value={code} onChange={(e) => setCode(e.target.value)} required />
      <TextField label={t('departments.name')} value={name} onChange={(e) => setName(e.target.value)} required />
      <ParentSelect label={t('departments.parent')} all={all} value={parent} onChange={setParent} />
      <ErrorNote error={error} />
      <StatusNote>{added && t('departments.added', { name: added })}</StatusNote>
      <button type="submit" className="primary">
        {t('departments.add')}
      </button>
    </form>
  );
}
