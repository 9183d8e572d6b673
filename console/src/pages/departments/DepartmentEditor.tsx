import { useState, type FormEvent } from 'react';
import { admin } from '../../api/client';
import type { FlatDepartment } from '../../api/departments';
import { useCompany } from '../../app/company';
import { useT } from '../../i18n';
import { ConfirmButton } from '../../ui/ConfirmButton';
import { ErrorNote } from '../../ui/ErrorNote';
import { TextField } from '../../ui/fields';
import { ParentSelect } from './ParentSelect';

/** Rename, move (the API refuses a move below itself) or delete (refused while it has members or children). */
export function DepartmentEditor({ department, all, onChanged, onDeleted }: { department: FlatDepartment; all: FlatDepartment[]; onChanged(): void; onDeleted(): void }) {
  const t = useT();
  const { companyId } = useCompany();
  const [name, setName] = useState(department.name);
  const [parent, setParent] = useState(department.parentCode ?? '');
  const [error, setError] = useState<unknown>(null);
  const isRoot = department.parentCode === null;
  const save = async (event: FormEvent) => {
    event.preventDefault();
    setError(null);
    try {
      await admin.departments.update(companyId, department.deptCode, {
        ...(name.trim() !== department.name ? { name: name.trim() } : {}),
        ...(!isRoot && parent !== department.parentCode ? { parentCode: parent } : {}),
      });
      onChanged();
    } catch (e) {
      setError(e);
    }
  };
  return (
    <form className="stack panel" onSubmit={save} aria-labelledby="edit-dept-title">
      <h2 id="edit-dept-title">{t('departments.edit', { name: department.name })}</h2>
      <TextField label={t('departments.name')} value={name} onChange={(e) => setName(e.target.value)} required />
      {!isRoot && <ParentSelect label={t('departments.moveTo')} all={all} value={parent} onChange={setParent} exclude={department.deptCode} />}
      <ErrorNote error={error} />
      <div className="actions">
        <button type="submit" className="primary">
          {t('common.save')}
        </button>
        {!isRoot && (
          <ConfirmButton
            danger
            label={t('departments.delete')}
            question={t('departments.deleteQuestion', { name: department.name })}
            onConfirm={async () => {
              await admin.departments.delete(companyId, department.deptCode);
              onDeleted();
            }}
          />
        )}
      </div>
    </form>
  );
}
