import { useId, useState, type FormEvent } from 'react';
import { useCompany } from '../../app/company';
import { useT } from '../../i18n';
import { ErrorNote } from '../../ui/ErrorNote';
import { TextField } from '../../ui/fields';
import { useLoad } from '../../ui/useLoad';

interface Props {
  title: string;
  addLabel: string;
  hint?: string;
  list(): Promise<string[]>;
  add(names: string[]): Promise<string[]>;
}

/** A list of names (levels, categories, attributes) and a box to add several at once, comma- or line-separated. */
export function NamesSection({ title, addLabel, hint, list, add }: Props) {
  const t = useT();
  const { companyId } = useCompany();
  const headingId = useId();
  const names = useLoad(list, [companyId]);
  const [text, setText] = useState('');
  const [error, setError] = useState<unknown>(null);
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setError(null);
    const wanted = text.split(/[,，\n]/).map((s) => s.trim()).filter(Boolean);
    if (!wanted.length) return;
    try {
      await add(wanted);
      setText('');
      names.reload();
    } catch (e) {
      setError(e);
    }
  };
  return (
    <section className="card" aria-labelledby={headingId}>
      <h2 id={headingId}>{title}</h2>
      <ErrorNote error={names.error} />
      {names.data && (names.data.length ? <ul className="chips">{names.data.map((n) => <li key={n}>{n}</li>)}</ul> : <p className="hint">{t('common.noneYet')}</p>)}
      <form onSubmit={submit} className="inline-form">
        <TextField label={addLabel} value={text} onChange={(e) => setText(e.target.value)} hint={hint ?? t('setup.namesHint')} />
        <ErrorNote error={error} />
        <button type="submit">{t('common.add')}</button>
      </form>
    </section>
  );
}
