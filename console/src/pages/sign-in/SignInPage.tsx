import { useState } from 'react';
import { LanguageSwitch } from '../../app/LanguageSwitch';
import type { Session } from '../../api/types';
import { useT } from '../../i18n';
import { AdminSignIn } from './AdminSignIn';
import { OperatorSignIn } from './OperatorSignIn';

/** Sign-in: a company admin (password or the company's OA), or an operator with a token. */
export function SignInPage({ onSignedIn }: { onSignedIn(session: Session): void }) {
  const t = useT();
  const [mode, setMode] = useState<'admin' | 'operator'>('admin');
  const oaError = new URLSearchParams(window.location.search).get('error');
  return (
    <main className="sign-in" id="main">
      <div className="sign-in-head">
        <h1>{t('signIn.title')}</h1>
        <LanguageSwitch />
      </div>
      {oaError && (
        <p className="error-note" role="alert">
          {t('signIn.oaFailed')} <code className="error-code">{oaError}</code>
        </p>
      )}
      <fieldset className="mode">
        <legend>{t('signIn.as')}</legend>
        <label>
          <input type="radio" name="mode" checked={mode === 'admin'} onChange={() => setMode('admin')} /> {t('signIn.modeAdmin')}
        </label>
        <label>
          <input type="radio" name="mode" checked={mode === 'operator'} onChange={() => setMode('operator')} /> {t('signIn.modeOperator')}
        </label>
      </fieldset>
      {mode === 'admin' ? <AdminSignIn onSignedIn={onSignedIn} /> : <OperatorSignIn onSignedIn={onSignedIn} />}
    </main>
  );
}
