import type { FastifyRequest } from 'fastify';
import { Readable } from 'node:stream';
import type { SheetFormat } from '#src/domain/employee-import.js';
import { SHEET_MEDIA_TYPES } from '#src/app/import/sheet-writer.js';
import { defineRoute } from '../route.js';
import { CompanyPath } from '../schemas/company.schemas.js';
import {
  ImportJobPageSchema,
  ImportJobSchema,
  importJobView,
  ImportListQuery,
  ImportPath,
  ImportRowPageSchema,
  ImportRowsQuery,
  importRowView,
  ResultsQuery,
  StartImportQuery,
  TemplateQuery,
} from '../schemas/import.schemas.js';

const CSV = 'text/csv';
const XLSX = SHEET_MEDIA_TYPES.xlsx;
const FILE_TYPES = [SHEET_MEDIA_TYPES.csv, XLSX];
/** What an upload may be sent as (a charset parameter on text/csv is accepted). */
const UPLOAD_TYPES = [CSV, XLSX];

/** The upload's format from its Content-Type (parameters such as charset ignored); null for any other. */
function formatOf(req: FastifyRequest): SheetFormat | null {
  const type = (req.headers['content-type'] ?? '').split(';')[0]!.trim().toLowerCase();
  if (type === CSV) return 'csv';
  if (type === XLSX) return 'xlsx';
  return null;
}


/** Bulk import of employees (issue 10): template, upload (dry run or real), progress, per-row results. */
export const importRoutes = [
  defineRoute({
    method: 'GET',
    path: '/companies/{companyId}/employee-import-template',
    operationId: 'getImportTemplate',
    summary: 'Download the import template (header row only)',
    description: 'The columns are the fields `/employee/add` of the benefits dialect takes, named in Chinese or English; an import reads either.',
    tag: 'imports',
    access: 'operator',
    params: CompanyPath,
    query: TemplateQuery,
    status: 200,
    download: { mediaTypes: FILE_TYPES },
    errors: ['tenant.not_found'],
    async handle({ params, query, caller, services }) {
      const stream = await services.imports.template(caller, params.companyId, query.format, query.lang);
      return { stream, contentType: SHEET_MEDIA_TYPES[query.format], fileName: `employee-import-template-${query.lang}.${query.format}` };
    },
  }),
  defineRoute({
    method: 'POST',
    path: '/companies/{companyId}/employee-imports',
    operationId: 'startEmployeeImport',
    summary: 'Upload a CSV or XLSX file of employees to import (or to validate: dryRun=true)',
    description:
      'The body is the file itself. Rows are keyed on userid, else on the mobile, else on the email: a row naming an existing employee updates it (or leaves it `unchanged`), any other row adds one. Every row is checked by exactly the rules of `/employee/add` (`/employee/update` for existing employees). The job runs in the background; follow `processed`. An empty cell leaves a stored value alone; `#default#` clears level, category, birth_day or entry_day.',
    tag: 'imports',
    access: 'operator',
    params: CompanyPath,
    query: StartImportQuery,
    rawBody: { mediaTypes: UPLOAD_TYPES, description: 'The file: text/csv (UTF-8, a BOM allowed) or an XLSX workbook (first worksheet). At most ROSTER_IMPORT_MAX_BYTES.' },
    status: 202,
    response: ImportJobSchema,
    errors: ['tenant.not_found'],
    async handle({ params, query, caller, services, req }) {
      // Another media type arrived as a (bounded) buffer: the service refuses it, after the scope check.
      const body = req!.body instanceof Readable ? req!.body : null;
      const job = await services.imports.start(caller, params.companyId, { body, format: formatOf(req!), fileName: query.fileName ?? null, dryRun: query.dryRun });
      return importJobView(job);
    },
  }),
  defineRoute({
    method: 'GET',
    path: '/companies/{companyId}/employee-imports',
    operationId: 'listEmployeeImports',
    summary: 'The company’s imports, newest first',
    tag: 'imports',
    access: 'operator',
    params: CompanyPath,
    query: ImportListQuery,
    status: 200,
    response: ImportJobPageSchema,
    errors: ['tenant.not_found'],
    async handle({ params, query, caller, services }) {
      const page = await services.imports.list(caller, params.companyId, query.cursor, query.limit);
      return { items: page.jobs.map(importJobView), nextCursor: page.nextCursor };
    },
  }),
  defineRoute({
    method: 'GET',
    path: '/companies/{companyId}/employee-imports/{importId}',
    operationId: 'getEmployeeImport',
    summary: 'An import’s status and counters (poll it for progress)',
    tag: 'imports',
    access: 'operator',
    params: ImportPath,
    status: 200,
    response: ImportJobSchema,
    errors: ['tenant.not_found', 'import.not_found'],
    async handle({ params, caller, services }) {
      return importJobView(await services.imports.get(caller, params.companyId, params.importId));
    },
  }),
  defineRoute({
    method: 'GET',
    path: '/companies/{companyId}/employee-imports/{importId}/rows',
    operationId: 'listEmployeeImportRows',
    summary: 'Per-row outcomes in row order, with the code and message of each failed row',
    tag: 'imports',
    access: 'operator',
    params: ImportPath,
    query: ImportRowsQuery,
    status: 200,
    response: ImportRowPageSchema,
    errors: ['tenant.not_found', 'import.not_found'],
    async handle({ params, query, caller, services }) {
      const page = await services.imports.rows(caller, params.companyId, params.importId, query);
      return { items: page.rows.map(importRowView), nextCursor: page.nextCursor };
    },
  }),
  defineRoute({
    method: 'GET',
    path: '/companies/{companyId}/employee-imports/{importId}/results',
    operationId: 'downloadEmployeeImportResults',
    summary: 'The per-row result file: each uploaded row with its outcome, code and message',
    tag: 'imports',
    access: 'operator',
    params: ImportPath,
    query: ResultsQuery,
    status: 200,
    download: { mediaTypes: FILE_TYPES },
    errors: ['tenant.not_found', 'import.not_found'],
    async handle({ params, query, caller, services }) {
      const stream = await services.imports.results(caller, params.companyId, params.importId, query.format);
      return { stream, contentType: SHEET_MEDIA_TYPES[query.format], fileName: `employee-import-${params.importId}-results.${query.format}` };
    },
  }),
];

