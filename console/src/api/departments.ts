import type { DepartmentTree } from '@roster/admin-sdk';

export interface FlatDepartment {
  deptCode: string;
  name: string;
  depth: number;
  parentCode: string | null;
}

/** The tree in display order (parents before children), each with its depth for indenting. */
export function flattenTree(tree: DepartmentTree | undefined): FlatDepartment[] {
  const out: FlatDepartment[] = [];
  const walk = (node: DepartmentTree, depth: number) => {
    out.push({ deptCode: node.deptCode, name: node.name, depth, parentCode: node.parentCode });
    for (const child of node.children) walk(child, depth + 1);
  };
  if (tree) walk(tree, 0);
  return out;
}

/** An option label that shows the nesting in a <select> (which cannot indent). */
export function indentedName(d: FlatDepartment): string {
  return `${'\u2003'.repeat(d.depth)}${d.name} (${d.deptCode})`;
}
