import { useState, type FormEvent } from 'react';
import type { Employee, EmployeeCreate } from '@roster/admin-sdk';
import { admin } from '../../api/client';
import { useCompany } from '../../app/company';
import { useT } from '../../i18n';
import { ErrorNote, StatusNote } from '../../ui/ErrorNote';
import { errorParam, errorText } from '../../ui/errors';
import type { DirectoryLists } from '../employees/useDirectoryLists';
import { EmployeeFields } from './EmployeeFields';
import { bodyOf, valuesOf, type EmployeeFormValues } from './form-values';

/**
 * Create or edit. The API is the one validator: its refusal is shown as it words it, under the field
 * it names (`details.param`), and the form keeps what was typed so the admin fixes and resubmits.
 */
export function EmployeeForm({ employee, lists, onSaved }: { employee: Employee | null; lists: DirectoryLists; onSaved(e: Employee): void }) {
  const t = useT();
  const { companyId } = useCompany();
  const [before] = useState(() => (employee ? valuesOf(employee) : null));
  const [values, setValues] = useState<EmployeeFormValues>(() => valuesOf(employee));
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const [saved, setSaved] = useState(false);
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setBusy(true);
    setError(null);
    setSaved(false);
    try {
      const body = bodyOf(values, before);
      const result = employee ? await admin.employees.update(companyId, employee.employeeId, body) : await admin.employees.create(companyId, body as EmployeeCreate);
      setSaved(true);
      onSaved(result);
    } catch (e) {
      setError(e);
    } finally {
      setBusy(false);
    }
  };
  const param = errorParam(error);
  const fieldError = (name: string) => (param && (param === name || param.startsWith(`${name}.`) || param.startsWith(`${name}[`)) ? errorText(error) : undefined);
  return (
    <form className="employee-form" onSubmit={submit} aria-label={employee ? t('employee.edit') : t('employee.new')} noValidate>
      <EmployeeFields values={values} onChange={setValues} lists={lists} isNew={!employee} fieldError={fieldError} />
      <ErrorNote error={error} />
      <StatusNote>{saved && t('employee.saved')}</StatusNote>
      <button type="submit" className="primary" disabled={busy}>
        {employee ? t('common.save') : t('employee.create')}
      </button>
    </form>
  );
}
