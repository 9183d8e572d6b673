import { call, download } from './client';
import type { ImportJob, ImportRow } from './types';

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
const path = (companyId: string, importId?: string) => ({ companyId, ...(importId ? { importId } : {}) });

/** Bulk import through the SDK's transport: the server parses, checks and applies the file. */
export const imports = {
  /** Uploads the file as the raw body (CSV or XLSX by its name); `dryRun` only checks every row. */
  start(companyId: string, file: File, dryRun: boolean): Promise<ImportJob> {
    const isXlsx = /\.xlsx$/i.test(file.name) || file.type === XLSX;
    return call<ImportJob>('POST', '/companies/{companyId}/employee-imports', {
      params: { path: path(companyId), query: { dryRun, fileName: file.name } },
      body: file,
      bodySerializer: (b: unknown) => b,
      // The server reads CSV as UTF-8 (a BOM allowed) and says so in the type it accepts.
      headers: { 'content-type': isXlsx ? XLSX : 'text/csv; charset=utf-8' },
    });
  },
  list: (companyId: string) => call<{ items: ImportJob[] }>('GET', '/companies/{companyId}/employee-imports', { params: { path: path(companyId) } }).then((r) => r.items),
  get: (companyId: string, importId: string) => call<ImportJob>('GET', '/companies/{companyId}/employee-imports/{importId}', { params: { path: path(companyId, importId) } }),
  rows: (companyId: string, importId: string, query: { onlyErrors?: boolean; cursor?: string; limit?: number }) =>
    call<{ items: ImportRow[]; nextCursor: string | null }>('GET', '/companies/{companyId}/employee-imports/{importId}/rows', { params: { path: path(companyId, importId), query } }),
  results: (companyId: string, importId: string, format: 'csv' | 'xlsx') =>
    download('/companies/{companyId}/employee-imports/{importId}/results', { format }, `import-${importId}-results.${format}`, path(companyId, importId)),
  template: (companyId: string, format: 'csv' | 'xlsx', lang: 'zh' | 'en') =>
    download('/companies/{companyId}/employee-import-template', { format, lang }, `employees-template-${lang}.${format}`, path(companyId)),
};
