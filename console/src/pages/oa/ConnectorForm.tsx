import { useState, type FormEvent } from 'react';
import { oa } from '../../api/oa';
import type { OaConnector, OaKind } from '../../api/types';
import { useCompany } from '../../app/company';
import { useT } from '../../i18n';
import { ErrorNote } from '../../ui/ErrorNote';
import { errorParam, errorText } from '../../ui/errors';
import { SelectField, TextField } from '../../ui/fields';
import { ConfigField } from './ConfigField';

interface Props {
  kinds: OaKind[];
  editing: OaConnector | null;
  onSaved(): void;
  onCancel(): void;
}

/** The shown config without secrets (the server answers `{set:true}` for those) as text for the inputs. */
function initialConfig(editing: OaConnector | null, kind: OaKind | undefined): Record<string, string> {
  const out: Record<string, string> = {};
  for (const f of kind?.fields ?? []) {
    const v = editing?.config[f.name];
    out[f.name] = f.secret || v === undefined || v === null || typeof v === 'object' ? '' : String(v);
  }
  return out;
}

/** Typed values; an empty field is left out (for a secret in a PATCH: the stored one is kept). */
function configBody(kind: OaKind, values: Record<string, string>): Record<string, unknown> {
  const config: Record<string, unknown> = {};
  for (const f of kind.fields) {
    const raw = (values[f.name] ?? '').trim();
    if (f.type === 'boolean') config[f.name] = raw === 'true';
    else if (raw !== '') config[f.name] = f.type === 'number' ? Number(raw) : raw;
  }
  return config;
}

/** A form built from the kind's own config schema (`listOaConnectorKinds`): one labelled field per setting. */
export function ConnectorForm({ kinds, editing, onSaved, onCancel }: Props) {
  const t = useT();
  const { companyId } = useCompany();
  const [kindName, setKindName] = useState(editing?.kind ?? kinds[0]?.kind ?? '');
  const kind = kinds.find((k) => k.kind === kindName);
  const [name, setName] = useState(editing?.name ?? '');
  const [values, setValues] = useState(() => initialConfig(editing, kind));
  const [error, setError] = useState<unknown>(null);
  const chooseKind = (next: string) => {
    setKindName(next);
    setValues(initialConfig(null, kinds.find((k) => k.kind === next)));
  };
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (!kind) return;
    setError(null);
    try {
      const config = configBody(kind, values);
      if (editing) await oa.update(companyId, editing.connectorId, { ...(name.trim() ? { name: name.trim() } : {}), config });
      else await oa.create(companyId, { kind: kind.kind, ...(name.trim() ? { name: name.trim() } : {}), config });
      onSaved();
    } catch (e) {
      setError(e);
    }
  };
  const param = errorParam(error);
  return (
    <form className="panel stack" onSubmit={submit} aria-labelledby="connector-form-title">
      <h2 id="connector-form-title">{editing ? t('oa.edit', { name: editing.name || editing.kind }) : t('oa.add')}</h2>
      <SelectField label={t('oa.kind')} value={kindName} onChange={(e) => chooseKind(e.target.value)} disabled={!!editing}>
        {kinds.map((k) => (
          <option key={k.kind} value={k.kind}>
            {k.kind}
          </option>
        ))}
      </SelectField>
      <TextField label={t('oa.name')} value={name} onChange={(e) => setName(e.target.value)} />
      {kind?.fields.map((f) => (
        <ConfigField
          key={`${kind.kind}.${f.name}`}
          field={f}
          value={values[f.name] ?? ''}
          stored={!!editing && f.secret && editing.config[f.name] !== undefined}
          error={param && param.endsWith(f.name) ? errorText(error) : undefined}
          onChange={(v) => setValues((old) => ({ ...old, [f.name]: v }))}
        />
      ))}
      <ErrorNote error={error} />
      <div className="actions">
        <button type="submit" className="primary">
          {editing ? t('common.save') : t('oa.add')}
        </button>
        {editing && (
          <button type="button" onClick={onCancel}>
            {t('common.cancel')}
          </button>
        )}
      </div>
    </form>
  );
}
