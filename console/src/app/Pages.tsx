import { lazy, Suspense } from 'react';
import type { Session } from '../api/types';
import { useT } from '../i18n';
import { EmployeesPage } from '../pages/employees/EmployeesPage';

// The list is the home page and ships in the main bundle; every other page loads when first opened.
const EmployeePage = lazy(() => import('../pages/employee/EmployeePage').then((m) => ({ default: m.EmployeePage })));
const DepartmentsPage = lazy(() => import('../pages/departments/DepartmentsPage').then((m) => ({ default: m.DepartmentsPage })));
const ImportPage = lazy(() => import('../pages/import/ImportPage').then((m) => ({ default: m.ImportPage })));
const SetupPage = lazy(() => import('../pages/setup/SetupPage').then((m) => ({ default: m.SetupPage })));
const AppsPage = lazy(() => import('../pages/apps/AppsPage').then((m) => ({ default: m.AppsPage })));
const OaPage = lazy(() => import('../pages/oa/OaPage').then((m) => ({ default: m.OaPage })));
const AuditPage = lazy(() => import('../pages/audit/AuditPage').then((m) => ({ default: m.AuditPage })));
const AccountPage = lazy(() => import('../pages/account/AccountPage').then((m) => ({ default: m.AccountPage })));

/** The page for a console path. */
export function Pages({ path, session }: { path: string; session: Session }) {
  const t = useT();
  return <Suspense fallback={<p className="loading">{t('common.loading')}</p>}>{pageOf(path, session, t('common.notFound'))}</Suspense>;
}

function pageOf(path: string, session: Session, notFound: string) {
  const [, section, id] = path.split('/');
  switch (section) {
    case '':
    case 'employees':
      return id ? <EmployeePage key={id} employeeId={id === 'new' ? null : decodeURIComponent(id)} /> : <EmployeesPage />;
    case 'departments':
      return <DepartmentsPage />;
    case 'import':
      return <ImportPage />;
    case 'setup':
      return <SetupPage />;
    case 'apps':
      return <AppsPage session={session} />;
    case 'oa':
      return <OaPage />;
    case 'audit':
      return <AuditPage />;
    case 'account':
      return <AccountPage session={session} />;
    default:
      return <h1>{notFound}</h1>;
  }
}
