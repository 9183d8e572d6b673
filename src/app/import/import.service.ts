import { Readable } from 'node:stream';
import type { OperatorToken } from '#src/domain/admin-ports.js';
import type { ImportJob, ImportRowResult, SheetFormat } from '#src/domain/employee-import.js';
import { assertThat, invalidParam } from '#src/domain/errors.js';
import { newHexToken } from '#src/domain/ids.js';
import type { Store } from '#src/domain/ports.js';
import { assertCompanyInScope, type Caller } from '../admin/caller-scope.js';
import { decodeCursor, encodeCursor } from '../admin/cursor.js';
import type { EmployeeAdminService, EmployeeListQuery } from '../admin/employee-admin.service.js';
import type { DirectoryService } from '../directory.service.js';
import { employeeCells } from './employee-sheet.js';
import { headerOf, IMPORT_COLUMNS, mapHeader, RESULT_COLUMNS, rowParams, type HeaderLanguage, type HeaderMap } from './import-columns.js';
import { fileChunks, spoolUpload } from './import-upload.js';
import { readSheet } from './sheet-reader.js';
import { SHEET_MEDIA_TYPES, writeSheet } from './sheet-writer.js';

const XLSX_MEDIA_TYPE = SHEET_MEDIA_TYPES.xlsx;

export interface EmployeeImportServiceDeps {
  store: Store;
  now: () => number;
  directory: DirectoryService;
  employees: EmployeeAdminService;
  /** Where uploads are spooled before they are stored (the data folder's `tmp/`). */
  spoolDir: string;
  /** Largest import file, in bytes (ROSTER_IMPORT_MAX_BYTES). */
  maxBytes: number;
  /** Wakes the worker after a job is stored. */
  onSubmitted?: () => void;
}

/** What an upload says about itself; `body` and `format` are null when it was not sent as a CSV or XLSX file. */
export interface ImportUpload {
  body: Readable | null;
  format: SheetFormat | null;
  fileName: string | null;
  dryRun: boolean;
}

/** Rows the export reads per keyset page. */
const EXPORT_PAGE = 500;
const OUTCOME_WORDS: Record<HeaderLanguage, Record<string, string>> = {
  en: { created: 'created', updated: 'updated', unchanged: 'unchanged', failed: 'failed', valid: 'valid' },
  zh: { created: '新增', updated: '更新', unchanged: '未变更', failed: '失败', valid: '校验通过' },
};

/** Bulk import and export of a company's employees through the admin API (issue 10). */
export function createEmployeeImportService(deps: EmployeeImportServiceDeps) {
  const imports = () => deps.store.repos.imports;

  async function inScope(caller: Caller, companyId: string): Promise<void> {
    assertCompanyInScope(caller, companyId);
    await deps.directory.getCompany(companyId);
  }

  /** The job, or import.not_found — also for another company's job, so ids leak nothing. */
  async function findJob(caller: Caller, companyId: string, importId: string): Promise<ImportJob> {
    await inScope(caller, companyId);
    const job = await imports().getJob(importId);
    assertThat(job && job.companyId === companyId, 'import.not_found', { param: 'importId' });
    return job;
  }

  /** Outcomes in row order, read a page at a time. */
  async function* outcomes(importId: string): AsyncGenerator<ImportRowResult> {
    let after = 0;
    for (;;) {
      const page = await imports().rows(importId, after, EXPORT_PAGE, false);
      yield* page;
      if (page.length < EXPORT_PAGE) return;
      after = page[page.length - 1]!.row;
    }
  }

  return {
    /** An empty template: the header row in Chinese or English. */
    async template(caller: Caller, companyId: string, format: SheetFormat, lang: HeaderLanguage): Promise<Readable> {
      await inScope(caller, companyId);
      return writeSheet(format, headerOf(lang), Readable.from([]));
    },

    /**
     * Stores an uploaded file and its job (queued) and returns the job; the worker applies it. The
     * file is spooled to disk (request.too_large past maxBytes, nothing stored), read through once
     * to check its header and count its rows (request.invalid_params `file`), then stored sealed.
     */
    async start(caller: OperatorToken, companyId: string, upload: ImportUpload): Promise<ImportJob> {
      await inScope(caller, companyId);
      if (upload.body === null || upload.format === null) throw invalidParam('Content-Type', `must be text/csv or ${XLSX_MEDIA_TYPE}`);
      const spooled = await spoolUpload(upload.body, upload.format, deps.spoolDir, deps.maxBytes);
      try {
        const now = deps.now();
        const job: ImportJob = {
          importId: newHexToken(16).toUpperCase(),
          companyId,
          status: 'queued',
          dryRun: upload.dryRun,
          format: upload.format,
          fileName: upload.fileName,
          fileBytes: spooled.bytes,
          total: spooled.rows,
          processed: 0,
          created: 0,
          updated: 0,
          unchanged: 0,
          failed: 0,
          error: null,
          actorId: caller.tokenId,
          actorName: caller.name,
          createdAt: now,
          finishedAt: null,
        };
        await deps.store.transaction(async (repos) => {
          await repos.imports.insertJob(job, fileChunks(spooled.path));
          return job;
        });
        deps.onSubmitted?.();
        return job;
      } finally {
        await spooled.discard();
      }
    },

    get: findJob,

    /** The company's imports, newest first. */
    async list(caller: Caller, companyId: string, cursor: string | undefined, limit: number): Promise<{ jobs: ImportJob[]; nextCursor: string | null }> {
      await inScope(caller, companyId);
      let before: { createdAt: number; importId: string } | undefined;
      if (cursor !== undefined) {
        const [createdAt, importId] = decodeCursor(cursor);
        if (typeof createdAt !== 'number' || typeof importId !== 'string') throw invalidParam('cursor', 'is not a cursor this list gave out');
        before = { createdAt, importId };
      }
      const page = await imports().listJobs(companyId, before, limit + 1);
      const jobs = page.slice(0, limit);
      const last = jobs[jobs.length - 1];
      return { jobs, nextCursor: page.length > limit && last ? encodeCursor([last.createdAt, last.importId]) : null };
    },

    /** Settled rows in row order (failed ones only when asked), with a cursor. */
    async rows(caller: Caller, companyId: string, importId: string, q: { onlyErrors: boolean; cursor?: string | undefined; limit: number }): Promise<{ rows: ImportRowResult[]; nextCursor: string | null }> {
      await findJob(caller, companyId, importId);
      let after = 0;
      if (q.cursor !== undefined) {
        const [row] = decodeCursor(q.cursor);
        if (typeof row !== 'number' || !Number.isSafeInteger(row) || row < 0) throw invalidParam('cursor', 'is not a cursor this list gave out');
        after = row;
      }
      const page = await imports().rows(importId, after, q.limit + 1, q.onlyErrors);
      const rows = page.slice(0, q.limit);
      const last = rows[rows.length - 1];
      return { rows, nextCursor: page.length > q.limit && last ? encodeCursor([last.row]) : null };
    },

    /**
     * The per-row result file: each row of the uploaded file (in template order, the identity number
     * left out) followed by its outcome, employee id, code and message; rows not settled yet have
     * empty result cells. Streamed from the stored file and the outcomes, both in row order.
     */
    async results(caller: Caller, companyId: string, importId: string, format: SheetFormat): Promise<Readable> {
      const job = await findJob(caller, companyId, importId);
      let lang: HeaderLanguage = 'en';
      const source = readSheet(imports().readFile(importId), job.format);
      const first = await source.next();
      const map: HeaderMap | undefined = first.done ? undefined : mapHeader(first.value);
      if (map) lang = map.lang;
      async function* rows(): AsyncGenerator<string[]> {
        if (!map) return;
        const settled = outcomes(importId);
        let next = await settled.next();
        let rowNo = 0;
        for await (const record of source) {
          rowNo++;
          while (!next.done && next.value.row < rowNo) next = await settled.next();
          const params = rowParams(map, record);
          const cells = IMPORT_COLUMNS.map((c) => (c.param === 'card_no' ? '' : (params.get(c.param) ?? '')));
          const r = !next.done && next.value.row === rowNo ? next.value : undefined;
          yield [...cells, String(rowNo), r ? OUTCOME_WORDS[lang][r.outcome]! : '', r?.employeeId ?? '', r?.code === null || r === undefined ? '' : String(r.code), r?.message ?? ''];
        }
      }
      return writeSheet(format, [...headerOf(lang), ...RESULT_COLUMNS[lang]], rows());
    },

    /**
     * The employees matching the list's filters as a template-shaped file, streamed from a keyset walk
     * (one page in memory at a time, the next read only when the client has taken the previous one).
     * The first page is read before answering, so a bad filter is an error, not a broken file.
     */
    async exportEmployees(caller: Caller, companyId: string, filter: Omit<EmployeeListQuery, 'cursor' | 'limit' | 'withTotal'>, format: SheetFormat, lang: HeaderLanguage): Promise<Readable> {
      const query = { ...filter, limit: EXPORT_PAGE, withTotal: false };
      const first = await deps.employees.list(caller, companyId, query);
      async function* rows(): AsyncGenerator<string[]> {
        let page = first;
        for (;;) {
          for (const e of page.employees) yield employeeCells(e);
          if (page.nextCursor === null) return;
          page = await deps.employees.list(caller, companyId, { ...query, cursor: page.nextCursor });
        }
      }
      return writeSheet(format, headerOf(lang), rows());
    },
  };
}

export type EmployeeImportService = ReturnType<typeof createEmployeeImportService>;
