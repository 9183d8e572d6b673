import { useState, type FormEvent } from 'react';
import { indentedName } from '../../api/departments';
import { useT } from '../../i18n';
import { SelectField, TextField } from '../../ui/fields';
import type { EmployeeFilterValues } from './filters';
import type { DirectoryLists } from './useDirectoryLists';

/** The list's filters; applied on submit (Enter in the keyword box), so typing does not query a big company per key. */
export function EmployeeFilters({ initial, lists, onApply }: { initial: EmployeeFilterValues; lists: DirectoryLists | undefined; onApply(f: EmployeeFilterValues): void }) {
  const t = useT();
  const [f, setF] = useState(initial);
  const set = <K extends keyof EmployeeFilterValues>(key: K, value: EmployeeFilterValues[K]) => setF((old) => ({ ...old, [key]: value }));
  const submit = (event: FormEvent) => {
    event.preventDefault();
    onApply(f);
  };
  return (
    <form className="filters" onSubmit={submit} role="search" aria-label={t('employees.filters')}>
      <TextField label={t('employees.keyword')} type="search" value={f.keyword} onChange={(e) => set('keyword', e.target.value)} placeholder={t('employees.keywordHint')} />
      <SelectField label={t('employees.department')} value={f.deptCode} onChange={(e) => set('deptCode', e.target.value)}>
        <option value="">{t('common.all')}</option>
        {lists?.departments.map((d) => (
          <option key={d.deptCode} value={d.deptCode}>
            {indentedName(d)}
          </option>
        ))}
      </SelectField>
      <SelectField label={t('employees.status')} value={f.status} onChange={(e) => set('status', e.target.value as EmployeeFilterValues['status'])}>
        <option value="active">{t('status.active')}</option>
        <option value="resigned">{t('status.resigned')}</option>
        <option value="all">{t('common.all')}</option>
      </SelectField>
      <SelectField label={t('employees.level')} value={f.level} onChange={(e) => set('level', e.target.value)}>
        <option value="">{t('common.all')}</option>
        {lists?.levels.map((l) => (
          <option key={l}>{l}</option>
        ))}
      </SelectField>
      <SelectField label={t('employees.category')} value={f.category} onChange={(e) => set('category', e.target.value)}>
        <option value="">{t('common.all')}</option>
        {lists?.categories.map((c) => (
          <option key={c}>{c}</option>
        ))}
      </SelectField>
      <button type="submit" className="primary">
        {t('employees.search')}
      </button>
    </form>
  );
}
