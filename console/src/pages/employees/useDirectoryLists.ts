import { admin } from '../../api/client';
import { flattenTree, type FlatDepartment } from '../../api/departments';
import { useLoad } from '../../ui/useLoad';

export interface DirectoryLists {
  departments: FlatDepartment[];
  levels: string[];
  categories: string[];
  attributes: string[];
  costCenters: { costCenterId: number; name: string }[];
}

/** The company's departments, levels, categories, attributes and cost centers, for filters and forms. */
export function useDirectoryLists(companyId: string) {
  return useLoad<DirectoryLists>(async () => {
    const [tree, levels, categories, attributes, costCenters] = await Promise.all([
      admin.departments.tree(companyId),
      admin.setup.levels.list(companyId),
      admin.setup.categories.list(companyId),
      admin.setup.attributes.list(companyId),
      admin.setup.costCenters.list(companyId),
    ]);
    return { departments: flattenTree(tree), levels, categories, attributes, costCenters };
  }, [companyId]);
}
