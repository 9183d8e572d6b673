import type { Session } from '../api/types';
import { useT } from '../i18n';
import { AccountPage } from '../pages/account/AccountPage';
import { AppsPage } from '../pages/apps/AppsPage';
import { AuditPage } from '../pages/audit/AuditPage';
import { DepartmentsPage } from '../pages/departments/DepartmentsPage';
import { EmployeePage } from '../pages/employee/EmployeePage';
import { EmployeesPage } from '../pages/employees/EmployeesPage';
import { ImportPage } from '../pages/import/ImportPage';
import { OaPage } from '../pages/oa/OaPage';
import { SetupPage } from '../pages/setup/SetupPage';

/** The page for a console path. */
export function Pages({ path, session }: { path: string; session: Session }) {
  const t = useT();
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
      return <h1>{t('common.notFound')}</h1>;
  }
}
