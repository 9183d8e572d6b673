import type { Employee } from '@roster/admin-sdk';
import { admin } from '../../api/client';
import { navigate } from '../../app/router';
import { useT } from '../../i18n';
import { ConfirmButton } from '../../ui/ConfirmButton';

/** Resign or restore, and delete (erasure, as the IoT unregister): each asks first. */
export function EmployeeActions({ employee, onChanged }: { employee: Employee; onChanged(): void }) {
  const t = useT();
  const { companyId, employeeId, name } = employee;
  return (
    <div className="actions">
      {employee.status === 'active' ? (
        <ConfirmButton
          label={t('employee.resign')}
          question={t('employee.resignQuestion', { name })}
          onConfirm={async () => {
            await admin.employees.resign(companyId, employeeId);
            onChanged();
          }}
        />
      ) : (
        <ConfirmButton
          label={t('employee.restore')}
          question={t('employee.restoreQuestion', { name })}
          onConfirm={async () => {
            await admin.employees.restore(companyId, employeeId);
            onChanged();
          }}
        />
      )}
      <ConfirmButton
        danger
        label={t('employee.delete')}
        question={t('employee.deleteQuestion', { name })}
        onConfirm={async () => {
          await admin.employees.delete(companyId, employeeId);
          navigate('/employees', true);
        }}
      />
    </div>
  );
}
