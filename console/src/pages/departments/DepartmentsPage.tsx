import { useMemo, useState } from 'react';
import { admin } from '../../api/client';
import { flattenTree } from '../../api/departments';
import { useCompany } from '../../app/company';
import { useT } from '../../i18n';
import { ErrorNote } from '../../ui/ErrorNote';
import { useLoad } from '../../ui/useLoad';
import { AddDepartment } from './AddDepartment';
import { DepartmentEditor } from './DepartmentEditor';
import { DepartmentTreeView } from './DepartmentTreeView';
import { useMemberCounts } from './useMemberCounts';

/** The department tree with member counts; pick one to rename, move or delete it; add new ones anywhere. */
export function DepartmentsPage() {
  const t = useT();
  const { companyId } = useCompany();
  const tree = useLoad(() => admin.departments.tree(companyId), [companyId]);
  const flat = useMemo(() => flattenTree(tree.data), [tree.data]);
  const [generation, setGeneration] = useState(0);
  const counts = useMemberCounts(companyId, flat, generation);
  const [selected, setSelected] = useState<string | null>(null);
  const changed = () => {
    tree.reload();
    setGeneration((g) => g + 1);
  };
  const chosen = flat.find((d) => d.deptCode === selected);
  return (
    <section>
      <h1>{t('departments.title')}</h1>
      <ErrorNote error={tree.error} />
      <div className="split">
        <div>
          {tree.data && <DepartmentTreeView tree={tree.data} counts={counts} selected={selected} onSelect={setSelected} />}
          <p className="hint">{t('departments.countsHint')}</p>
        </div>
        <div className="stack">
          {chosen && <DepartmentEditor key={chosen.deptCode} department={chosen} all={flat} onChanged={changed} onDeleted={() => (setSelected(null), changed())} />}
          <AddDepartment all={flat} defaultParent={selected ?? ''} onAdded={changed} />
        </div>
      </div>
    </section>
  );
}
