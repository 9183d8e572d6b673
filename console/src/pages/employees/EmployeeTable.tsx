import type { Employee } from '@roster/admin-sdk';
import { Link } from '../../app/router';
import { useT } from '../../i18n';

/** One row per employee, a column per field the directory keeps (identity document numbers never). */
export function EmployeeTable({ items, deptNames }: { items: Employee[]; deptNames: Map<string, string> }) {
  const t = useT();
  const gender = (g: number | null) => (g === 1 ? t('gender.male') : g === 2 ? t('gender.female') : g === 3 ? t('gender.unknown') : '');
  return (
    <div className="table-scroll">
      <table className="employees">
        <caption className="visually-hidden">{t('employees.title')}</caption>
        <thead>
          <tr>
            <th scope="col">{t('field.name')}</th>
            <th scope="col">{t('field.userid')}</th>
            <th scope="col">{t('field.workNumber')}</th>
            <th scope="col">{t('field.mobile')}</th>
            <th scope="col">{t('field.email')}</th>
            <th scope="col">{t('field.gender')}</th>
            <th scope="col">{t('field.department')}</th>
            <th scope="col">{t('field.level')}</th>
            <th scope="col">{t('field.categories')}</th>
            <th scope="col">{t('field.entryDay')}</th>
            <th scope="col">{t('field.status')}</th>
            <th scope="col">{t('field.createdAt')}</th>
          </tr>
        </thead>
        <tbody>
          {items.map((e) => (
            <tr key={e.employeeId}>
              <td>
                <Link to={`/employees/${encodeURIComponent(e.employeeId)}`}>{e.name}</Link>
                {e.isAdmin && <span className="badge">{t('employees.admin')}</span>}
              </td>
              <td>{e.userid}</td>
              <td>{e.workNumber}</td>
              <td>{e.mobile && (e.mobileArea && e.mobileArea !== '86' ? `+${e.mobileArea} ${e.mobile}` : e.mobile)}</td>
              <td>{e.email}</td>
              <td>{gender(e.gender)}</td>
              <td>{e.deptCode ? (deptNames.get(e.deptCode) ?? e.deptCode) : ''}</td>
              <td>{e.level}</td>
              <td>{e.categories.join(', ')}</td>
              <td>{e.entryDay}</td>
              <td>{t(e.status === 'active' ? 'status.active' : 'status.resigned')}</td>
              <td>
                <time dateTime={e.createdAt}>{new Date(e.createdAt).toLocaleString()}</time>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
