import { useState, type FormEvent } from 'react';
import { signInWithPassword } from '../../api/session';
import type { Session } from '../../api/types';
import { useT } from '../../i18n';
import { ErrorNote } from '../../ui/ErrorNote';
import { TextField } from '../../ui/fields';
import { OaButtons } from './OaButtons';

const LAST_COMPANY = 'roster.console.lastCompany';
const COMPANY_ID = /^[0-9A-F]{32}$/;

/** A company admin's sign-in: the company id (remembered; `?company=` fills it), phone or email, password. */
export function AdminSignIn({ onSignedIn }: { onSignedIn(session: Session): void }) {
  const t = useT();
  const fromLink = new URLSearchParams(window.location.search).get('company');
  const [companyId, setCompanyId] = useState(fromLink ?? localStorage.getItem(LAST_COMPANY) ?? '');
  const [login, setLogin] = useState('');
  const [password, setPassword] = useState('');
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const id = companyId.trim().toUpperCase();
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setBusy(true);
    setError(null);
    try {
      const session = await signInWithPassword(id, login.trim(), password);
      localStorage.setItem(LAST_COMPANY, id);
      onSignedIn(session);
    } catch (e) {
      setError(e);
    } finally {
      setBusy(false);
    }
  };
  return (
    <>
      <form onSubmit={submit} className="stack" aria-label={t('signIn.modeAdmin')}>
        <TextField label={t('signIn.companyId')} value={companyId} onChange={(e) => setCompanyId(e.target.value)} required autoComplete="organization" spellCheck={false} />
        <TextField label={t('signIn.login')} value={login} onChange={(e) => setLogin(e.target.value)} required autoComplete="username" />
        <TextField label={t('signIn.password')} type="password" value={password} onChange={(e) => setPassword(e.target.value)} required autoComplete="current-password" />
        <ErrorNote error={error} />
        <button type="submit" className="primary" disabled={busy}>
          {t('signIn.submit')}
        </button>
      </form>
      {COMPANY_ID.test(id) && <OaButtons companyId={id} />}
    </>
  );
}
