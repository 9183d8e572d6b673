import type { Employee } from '@roster/admin-sdk';
import { admin } from '../../api/client';
import { useCompany } from '../../app/company';
import { Link, navigate } from '../../app/router';
import { useT } from '../../i18n';
import { ErrorNote } from '../../ui/ErrorNote';
import { useLoad } from '../../ui/useLoad';
import { useDirectoryLists } from '../employees/useDirectoryLists';
import { EmployeeActions } from './EmployeeActions';
import { EmployeeForm } from './EmployeeForm';

/** One employee: the edit form and resign / restore / delete; or the form for a new one (`employeeId` null). */
export function EmployeePage({ employeeId }: { employeeId: string | null }) {
  const t = useT();
  const { companyId } = useCompany();
  const lists = useDirectoryLists(companyId);
  const employee = useLoad<Employee | null>(async () => (employeeId ? admin.employees.get(companyId, employeeId) : null), [companyId, employeeId]);
  const saved = (e: Employee) => {
    if (!employeeId) navigate(`/employees/${encodeURIComponent(e.employeeId)}`, true);
    else employee.reload();
  };
  return (
    <section>
      <p>
        <Link to="/employees">← {t('employees.title')}</Link>
      </p>
      <h1>{employeeId ? (employee.data?.name ?? t('common.loading')) : t('employee.new')}</h1>
      <ErrorNote error={employee.error ?? lists.error} />
      {employee.data && (
        <p className="meta">
          {t('field.status')}: <strong>{t(employee.data.status === 'active' ? 'status.active' : 'status.resigned')}</strong> · ID <code>{employee.data.employeeId}</code> ·
          identityId <code>{employee.data.identityId}</code>
        </p>
      )}
      {employee.data && <EmployeeActions employee={employee.data} onChanged={employee.reload} />}
      {lists.data && (employeeId === null || employee.data) && (
        <EmployeeForm key={employee.data?.updatedAt ?? 'new'} employee={employee.data ?? null} lists={lists.data} onSaved={saved} />
      )}
    </section>
  );
}
