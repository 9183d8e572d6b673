import { useState } from 'react';
import type { Company } from '@roster/admin-sdk';
import { admin } from '../api/client';
import { signOut } from '../api/session';
import type { Session } from '../api/types';
import { useT } from '../i18n';
import { CompaniesPage } from '../pages/companies/CompaniesPage';
import { ErrorNote } from '../ui/ErrorNote';
import { useLoad } from '../ui/useLoad';
import { CompanyContext } from './company';
import { LanguageSwitch } from './LanguageSwitch';
import { Nav } from './Nav';
import { Pages } from './Pages';
import { navigate, usePath } from './router';

const PICKED = 'roster.console.company';

/** The signed-in console: header, navigation and the page of the current path, for one company. */
export function Shell({ session, onSignedOut }: { session: Session; onSignedOut(): void }) {
  const t = useT();
  const path = usePath();
  const [picked, setPicked] = useState<string | null>(() => session.companyId ?? sessionStorage.getItem(PICKED));
  const companyId = session.companyId ?? picked;
  const company = useLoad<Company | null>(async () => (companyId ? admin.companies.get(companyId) : null), [companyId]);
  const pick = (id: string | null) => {
    if (id) sessionStorage.setItem(PICKED, id);
    else sessionStorage.removeItem(PICKED);
    setPicked(id);
    navigate('/');
  };
  const leave = async () => {
    await signOut().catch(() => undefined);
    sessionStorage.removeItem(PICKED);
    onSignedOut();
    navigate('/', true);
  };
  const choosing = session.kind === 'operator' && session.companyId === null && (!companyId || path === '/companies');
  return (
    <div className="shell">
      <a className="skip-link" href="#main">
        {t('shell.skip')}
      </a>
      <header className="topbar">
        <span className="brand">Roster</span>
        {company.data && <span className="company-name">{company.data.name}</span>}
        {session.kind === 'operator' && session.companyId === null && companyId && (
          <button type="button" className="link" onClick={() => pick(null)}>
            {t('shell.switchCompany')}
          </button>
        )}
        <span className="spacer" />
        <LanguageSwitch />
        <span className="who">{t('shell.signedInAs', { name: session.name })}</span>
        <button type="button" onClick={leave}>
          {t('shell.signOut')}
        </button>
      </header>
      {choosing ? (
        <main id="main" className="main">
          <CompaniesPage onPick={pick} />
        </main>
      ) : (
        <div className="body">
          <Nav path={path} />
          <main id="main" className="main" tabIndex={-1}>
            <ErrorNote error={company.error} />
            {company.data && (
              <CompanyContext.Provider value={company.data}>
                <Pages path={path} session={session} />
              </CompanyContext.Provider>
            )}
          </main>
        </div>
      )}
    </div>
  );
}
