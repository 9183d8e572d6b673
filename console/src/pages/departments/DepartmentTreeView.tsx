import type { DepartmentTree } from '@roster/admin-sdk';
import { useT } from '../../i18n';

interface Props {
  tree: DepartmentTree;
  counts: Map<string, number>;
  selected: string | null;
  onSelect(deptCode: string): void;
}

/** Nested lists (the structure a screen reader announces); each department is a button that selects it. */
export function DepartmentTreeView({ tree, counts, selected, onSelect }: Props) {
  const t = useT();
  const node = (d: DepartmentTree) => (
    <li key={d.deptCode}>
      <button type="button" className={`tree-node${selected === d.deptCode ? ' selected' : ''}`} aria-pressed={selected === d.deptCode} onClick={() => onSelect(d.deptCode)}>
        <span className="dept-name">{d.name}</span> <code>{d.deptCode}</code>
        <span className="count" aria-label={t('departments.members')}>
          {counts.has(d.deptCode) ? t('departments.memberCount', { count: counts.get(d.deptCode)! }) : '…'}
        </span>
        {d.status === 2 && <span className="badge">{t('departments.invalid')}</span>}
      </button>
      {d.children.length > 0 && <ul>{d.children.map(node)}</ul>}
    </li>
  );
  return (
    <ul className="tree" aria-label={t('departments.tree')}>
      {node(tree)}
    </ul>
  );
}
