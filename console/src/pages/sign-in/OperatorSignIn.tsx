import { useState, type FormEvent } from 'react';
import { signInWithOperatorToken } from '../../api/session';
import type { Session } from '../../api/types';
import { useT } from '../../i18n';
import { ErrorNote } from '../../ui/ErrorNote';
import { TextField } from '../../ui/fields';

/** An operator's sign-in with a token from `roster admin token create`; a company is picked next. */
export function OperatorSignIn({ onSignedIn }: { onSignedIn(session: Session): void }) {
  const t = useT();
  const [token, setToken] = useState('');
  const [error, setError] = useState<unknown>(null);
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setError(null);
    try {
      onSignedIn(await signInWithOperatorToken(token.trim()));
    } catch (e) {
      setError(e);
    }
  };
  return (
    <form onSubmit={submit} className="stack" aria-label={t('signIn.modeOperator')}>
      <TextField label={t('signIn.operatorToken')} type="password" value={token} onChange={(e) => setToken(e.target.value)} required autoComplete="off" />
      <ErrorNote error={error} />
      <button type="submit" className="primary">
        {t('signIn.submit')}
      </button>
    </form>
  );
}
