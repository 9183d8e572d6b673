import { indentedName, type FlatDepartment } from '../../api/departments';
import { SelectField } from '../../ui/fields';

/** A parent picker; `exclude` leaves out a department (and so the admin cannot pick itself). */
export function ParentSelect({ label, all, value, onChange, exclude }: { label: string; all: FlatDepartment[]; value: string; onChange(code: string): void; exclude?: string }) {
  return (
    <SelectField label={label} value={value} onChange={(e) => onChange(e.target.value)}>
      {all
        .filter((d) => d.deptCode !== exclude)
        .map((d) => (
          <option key={d.deptCode} value={d.deptCode}>
            {indentedName(d)}
          </option>
        ))}
    </SelectField>
  );
}
