import type { ImportJob, ImportRow } from '@roster/admin-sdk';
import { admin, download } from './client';

const path = (companyId: string, importId?: string) => ({ companyId, ...(importId ? { importId } : {}) });

/** Bulk import through the SDK (its upload helper); files come back through `download`. */
export const imports = {
  /** Uploads the file as it is (CSV or XLSX by its name); `dryRun` only checks every row. */
  start: (companyId: string, file: File, dryRun: boolean): Promise<ImportJob> =>
    admin.imports.start(companyId, file, { format: /\.xlsx$/i.test(file.name) ? 'xlsx' : 'csv', dryRun, fileName: file.name }),
  list: (companyId: string): Promise<ImportJob[]> => admin.imports.list(companyId).then((r) => r.items),
  get: (companyId: string, importId: string): Promise<ImportJob> => admin.imports.get(companyId, importId),
  rows: (companyId: string, importId: string, query: { onlyErrors?: boolean; cursor?: string; limit?: number }): Promise<{ items: ImportRow[]; nextCursor: string | null }> =>
    admin.raw
      .GET('/companies/{companyId}/employee-imports/{importId}/rows', { params: { path: { companyId, importId }, query } })
      .then(({ data, error, response }) => {
        if (!response.ok || !data) throw error ?? new Error(`HTTP ${response.status}`);
        return data;
      }),
  results: (companyId: string, importId: string, format: 'csv' | 'xlsx') =>
    download('/companies/{companyId}/employee-imports/{importId}/results', { format }, `import-${importId}-results.${format}`, path(companyId, importId)),
  template: (companyId: string, format: 'csv' | 'xlsx', lang: 'zh' | 'en') =>
    download('/companies/{companyId}/employee-import-template', { format, lang }, `employees-template-${lang}.${format}`, path(companyId)),
};
