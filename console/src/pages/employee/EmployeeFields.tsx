import { indentedName } from '../../api/departments';
import { useT } from '../../i18n';
import { SelectField, TextField } from '../../ui/fields';
import type { DirectoryLists } from '../employees/useDirectoryLists';
import type { EmployeeFormValues } from './form-values';

interface Props {
  values: EmployeeFormValues;
  onChange(values: EmployeeFormValues): void;
  lists: DirectoryLists;
  isNew: boolean;
  fieldError(name: string): string | undefined;
}

/** The employee's fields, each labelled; selects offer the company's own departments, levels and cost centers. */
export function EmployeeFields({ values: v, onChange, lists, isNew, fieldError }: Props) {
  const t = useT();
  const text = (key: keyof EmployeeFormValues) => ({
    value: v[key] as string,
    error: fieldError(key),
    onChange: (e: { target: { value: string } }) => onChange({ ...v, [key]: e.target.value }),
  });
  const toggleCategory = (name: string, on: boolean) =>
    onChange({ ...v, categories: on ? [...v.categories, name] : v.categories.filter((c) => c !== name) });
  return (
    <div className="form-grid">
      <TextField label={t('field.name')} required {...text('name')} />
      {isNew && <TextField label={t('field.userid')} {...text('userid')} hint={t('field.useridHint')} />}
      <TextField label={t('field.workNumber')} {...text('workNumber')} />
      <TextField label={t('field.mobileArea')} inputMode="numeric" {...text('mobileArea')} />
      <TextField label={t('field.mobile')} type="tel" {...text('mobile')} />
      <TextField label={t('field.email')} type="email" {...text('email')} />
      <SelectField label={t('field.gender')} {...text('gender')}>
        <option value="">—</option>
        <option value="1">{t('gender.male')}</option>
        <option value="2">{t('gender.female')}</option>
        <option value="3">{t('gender.unknown')}</option>
      </SelectField>
      <SelectField label={t('field.department')} {...text('deptCode')}>
        <option value="">{t('field.rootDefault')}</option>
        {lists.departments.map((d) => (
          <option key={d.deptCode} value={d.deptCode}>
            {indentedName(d)}
          </option>
        ))}
      </SelectField>
      <SelectField label={t('field.level')} {...text('level')}>
        <option value="">—</option>
        {lists.levels.map((l) => (
          <option key={l}>{l}</option>
        ))}
      </SelectField>
      <SelectField label={t('field.costCenter')} {...text('costCenterId')}>
        <option value="">—</option>
        {lists.costCenters.map((c) => (
          <option key={c.costCenterId} value={String(c.costCenterId)}>
            {c.name}
          </option>
        ))}
      </SelectField>
      <TextField label={t('field.birthDay')} type="date" {...text('birthDay')} />
      <TextField label={t('field.entryDay')} type="date" {...text('entryDay')} />
      <SelectField label={t('field.cardType')} {...text('cardType')}>
        <option value="">—</option>
        <option value="1">{t('card.resident')}</option>
        <option value="2">{t('card.passport')}</option>
      </SelectField>
      <TextField label={t('field.cardNo')} autoComplete="off" {...text('cardNo')} hint={t('field.cardNoHint')} />
      <TextField label={t('field.remark')} {...text('remark')} />
      {lists.categories.length > 0 && (
        <fieldset className={`field categories${fieldError('categories') ? ' invalid' : ''}`}>
          <legend>{t('field.categories')}</legend>
          {lists.categories.map((c) => (
            <label key={c}>
              <input type="checkbox" checked={v.categories.includes(c)} onChange={(e) => toggleCategory(c, e.target.checked)} /> {c}
            </label>
          ))}
          {fieldError('categories') && <span className="field-error">{fieldError('categories')}</span>}
        </fieldset>
      )}
      {lists.attributes.map((code) => (
        <TextField
          key={code}
          label={t('field.attribute', { code })}
          value={v.attributes[code] ?? ''}
          error={fieldError('attributes')}
          onChange={(e) => onChange({ ...v, attributes: { ...v.attributes, [code]: e.target.value } })}
        />
      ))}
    </div>
  );
}
