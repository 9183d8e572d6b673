import { useEffect, useState } from 'react';
import { currentSession } from '../api/session';
import type { Session } from '../api/types';
import { useT } from '../i18n';
import { SignInPage } from '../pages/sign-in/SignInPage';
import { Shell } from './Shell';

/** Asks the server who the cookie belongs to (a reload keeps the admin signed in), then signs in or shows the console. */
export function App() {
  const t = useT();
  const [session, setSession] = useState<Session | null | undefined>(undefined);
  useEffect(() => {
    void currentSession().then(setSession);
  }, []);
  if (session === undefined) return <p className="loading">{t('common.loading')}</p>;
  if (!session) return <SignInPage onSignedIn={setSession} />;
  return <Shell session={session} onSignedOut={() => setSession(null)} />;
}
