import { useState, type FormEvent } from 'react';
import { changePassword } from '../../api/session';
import type { Session } from '../../api/types';
import { useT } from '../../i18n';
import { ErrorNote, StatusNote } from '../../ui/ErrorNote';
import { TextField } from '../../ui/fields';

/** The signed-in admin's own password. */
export function AccountPage({ session }: { session: Session }) {
  const t = useT();
  const [current, setCurrent] = useState('');
  const [next, setNext] = useState('');
  const [error, setError] = useState<unknown>(null);
  const [done, setDone] = useState(false);
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setError(null);
    setDone(false);
    try {
      await changePassword(current, next);
      setCurrent('');
      setNext('');
      setDone(true);
    } catch (e) {
      setError(e);
    }
  };
  return (
    <section>
      <h1>{t('account.title')}</h1>
      <p>{t('account.signedIn', { name: session.name, until: new Date(session.expiresAt).toLocaleString() })}</p>
      {session.kind === 'admin' ? (
        <form onSubmit={submit} className="stack narrow">
          <h2>{t('account.changePassword')}</h2>
          <TextField label={t('account.current')} type="password" value={current} onChange={(e) => setCurrent(e.target.value)} required autoComplete="current-password" />
          <TextField label={t('account.new')} type="password" value={next} onChange={(e) => setNext(e.target.value)} required minLength={10} autoComplete="new-password" hint={t('account.rule')} />
          <ErrorNote error={error} />
          <StatusNote>{done && t('account.changed')}</StatusNote>
          <button type="submit" className="primary">
            {t('account.changePassword')}
          </button>
        </form>
      ) : (
        <p>{t('account.operator')}</p>
      )}
    </section>
  );
}
