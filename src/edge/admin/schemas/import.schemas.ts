import { z } from 'zod';
import type { ImportJob, ImportRowResult } from '#src/domain/employee-import.js';
import { CompanyId, Cursor, Limit, Timestamp, toIso, toIsoOrNull } from './common.js';
import { EmployeeListQuery } from './employee.schemas.js';

export const SheetFormatQuery = z.enum(['csv', 'xlsx']).default('csv').describe('csv (UTF-8 with BOM) or xlsx.');
export const HeaderLangQuery = z.enum(['zh', 'en']).default('en').describe('Language of the column names (an import reads either).');

export const ImportJobSchema = z
  .object({
    importId: z.string(),
    companyId: CompanyId,
    status: z.enum(['queued', 'running', 'done', 'failed']),
    dryRun: z.boolean().describe('Validates every row and changes nothing.'),
    format: z.enum(['csv', 'xlsx']),
    fileName: z.string().nullable(),
    fileBytes: z.number().int(),
    total: z.number().int().describe('Data rows in the file (the header row not counted).'),
    processed: z.number().int().describe('Rows settled so far (the live progress: processed / total).'),
    created: z.number().int().describe('Rows that created an employee (a dry run: would create).'),
    updated: z.number().int().describe('Rows that changed an existing employee (a dry run: would change).'),
    unchanged: z.number().int().describe('Rows equal to the stored employee.'),
    failed: z.number().int(),
    error: z.string().nullable().describe('Why the whole job failed (status failed), else null.'),
    createdAt: Timestamp,
    finishedAt: Timestamp.nullable(),
  })
  .meta({ id: 'ImportJob' });

export const ImportJobPageSchema = z.object({ items: z.array(ImportJobSchema), nextCursor: z.string().nullable() }).meta({ id: 'ImportJobPage' });

export const ImportRowSchema = z
  .object({
    row: z.number().int().describe('The data row, counted from 1 below the header row.'),
    outcome: z.enum(['created', 'updated', 'unchanged', 'failed', 'valid']).describe('A dry run reports valid or failed.'),
    employeeId: z.string().nullable(),
    code: z.number().int().nullable().describe('For a failed row: the code /employee/add of the benefits dialect answers for the same input.'),
    message: z.string().nullable().describe('For a failed row: that call’s message.'),
  })
  .meta({ id: 'ImportRow' });

export const ImportRowPageSchema = z.object({ items: z.array(ImportRowSchema), nextCursor: z.string().nullable() }).meta({ id: 'ImportRowPage' });

export const ImportPath = z.object({ companyId: CompanyId, importId: z.string().min(1).max(32) });

export const TemplateQuery = z.object({ format: SheetFormatQuery, lang: HeaderLangQuery });

export const StartImportQuery = z.object({
  dryRun: z.stringbool().default(false).meta({ type: 'boolean', default: false, description: 'Validate only: nothing changes.' }),
  fileName: z.string().min(1).max(255).optional().describe('The uploaded file’s name, shown in the job.'),
});

export const ImportListQuery = z.object({ cursor: Cursor.optional(), limit: Limit });

export const ImportRowsQuery = z.object({
  onlyErrors: z.stringbool().default(false).meta({ type: 'boolean', default: false, description: 'Failed rows only.' }),
  cursor: Cursor.optional(),
  limit: z.coerce.number().int().min(1).max(1000).default(100).describe('Page size, 1-1000.'),
});

export const ResultsQuery = z.object({ format: SheetFormatQuery });

export const ExportQuery = EmployeeListQuery.omit({ cursor: true, limit: true, total: true }).extend({ format: SheetFormatQuery, lang: HeaderLangQuery });

export function importJobView(j: ImportJob): z.input<typeof ImportJobSchema> {
  return {
    importId: j.importId,
    companyId: j.companyId,
    status: j.status,
    dryRun: j.dryRun,
    format: j.format,
    fileName: j.fileName,
    fileBytes: j.fileBytes,
    total: j.total,
    processed: j.processed,
    created: j.created,
    updated: j.updated,
    unchanged: j.unchanged,
    failed: j.failed,
    error: j.error,
    createdAt: toIso(j.createdAt),
    finishedAt: toIsoOrNull(j.finishedAt),
  };
}

export const importRowView = (r: ImportRowResult): z.input<typeof ImportRowSchema> => ({ ...r });
