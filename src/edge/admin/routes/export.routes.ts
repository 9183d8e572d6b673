import { SHEET_MEDIA_TYPES } from '#src/app/import/sheet-writer.js';
import { defineRoute } from '../route.js';
import { CompanyPath } from '../schemas/company.schemas.js';
import { ExportQuery } from '../schemas/import.schemas.js';

/** Export of a company's employees (issue 10): the filtered list as a template-shaped file. */
export const exportRoutes = [
  defineRoute({
    method: 'GET',
    path: '/companies/{companyId}/employees/export',
    operationId: 'exportEmployees',
    summary: 'Download the filtered employee list as CSV or XLSX, streamed',
    description:
      'The filters of listEmployees; the columns of the import template, so the file imports back (as `unchanged`). Identity document numbers are never exported. CSV is UTF-8 with a BOM.',
    tag: 'imports',
    access: 'operator',
    params: CompanyPath,
    query: ExportQuery,
    status: 200,
    download: { mediaTypes: [SHEET_MEDIA_TYPES.csv, SHEET_MEDIA_TYPES.xlsx] },
    errors: ['tenant.not_found', 'department.unknown'],
    async handle({ params, query, caller, services }) {
      const { format, lang, ...filter } = query;
      const stream = await services.imports.exportEmployees(caller, params.companyId, filter, format, lang);
      const day = new Date(services.now()).toISOString().slice(0, 10);
      return { stream, contentType: SHEET_MEDIA_TYPES[format], fileName: `employees-${params.companyId}-${day}.${format}` };
    },
  }),
];
