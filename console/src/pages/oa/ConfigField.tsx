import type { OaField } from '../../api/types';
import { useT } from '../../i18n';
import { CheckboxField, SelectField, TextField } from '../../ui/fields';

interface Props {
  field: OaField;
  value: string;
  /** A secret already stored: the box stays empty and leaving it empty keeps it. */
  stored: boolean;
  error: string | undefined;
  onChange(value: string): void;
}

/** One connector setting; secrets are write-only (a password box, never filled from the server). */
export function ConfigField({ field: f, value, stored, error, onChange }: Props) {
  const t = useT();
  if (f.type === 'boolean') return <CheckboxField label={f.name} checked={value === 'true'} onChange={(e) => onChange(String(e.target.checked))} />;
  if (f.enum?.length)
    return (
      <SelectField label={f.name} value={value} hint={f.description} error={error} onChange={(e) => onChange(e.target.value)}>
        {!f.required && <option value="">—</option>}
        {f.enum.map((v) => (
          <option key={v}>{v}</option>
        ))}
      </SelectField>
    );
  const hint = [f.description, f.secret ? (stored ? t('oa.secretStored') : t('oa.secretWriteOnly')) : ''].filter(Boolean).join(' · ');
  return (
    <TextField
      label={f.name}
      type={f.secret ? 'password' : f.type === 'url' ? 'url' : f.type === 'number' ? 'number' : 'text'}
      value={value}
      required={f.required && !stored}
      autoComplete={f.secret ? 'new-password' : 'off'}
      hint={hint}
      error={error}
      onChange={(e) => onChange(e.target.value)}
    />
  );
}
