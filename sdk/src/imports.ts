/**
 * Bulk import and export of employees (issue 10): the two kinds of call openapi-fetch does not make
 * on its own — a raw file as the request body, and a file (a stream) as the answer.
 */
import type { Client } from 'openapi-fetch';
import type { components, operations, paths } from './schema.js';

type Schemas = components['schemas'];
export type ImportJob = Schemas['ImportJob'];
export type ImportRow = Schemas['ImportRow'];
export type SheetFormat = 'csv' | 'xlsx';
export type ExportQuery = NonNullable<operations['exportEmployees']['parameters']['query']>;
/** What an upload may be: bytes, a Blob, text, or a web stream (sent as it is read, never buffered here). */
export type ImportFile = Uint8Array | ArrayBuffer | Blob | string | ReadableStream<Uint8Array>;

const MEDIA_TYPES: Record<SheetFormat, string> = {
  csv: 'text/csv',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
};

type Result<T> = { data?: T; error?: unknown; response: Response };
type Unwrap = <T>(call: Promise<Result<T>>) => Promise<T>;

/** Polling interval of `wait`. */
const POLL_MS = 250;

/** The import and export helpers over a client; `unwrap` turns refusals into RosterAdminError. */
export function importHelpers(raw: Client<paths>, unwrap: Unwrap) {
  const company = (companyId: string) => ({ companyId });
  const job = (companyId: string, importId: string) => ({ companyId, importId });
  /** A file answer as a web ReadableStream (pipe it to a file: nothing is held in memory). */
  const download = (call: Promise<Result<unknown>>) => unwrap(call) as Promise<ReadableStream<Uint8Array>>;

  const get = (companyId: string, importId: string) => unwrap(raw.GET('/companies/{companyId}/employee-imports/{importId}', { params: { path: job(companyId, importId) } }));

  return {
    /** The empty template (header row) in Chinese or English column names. */
    template: (companyId: string, format: SheetFormat = 'csv', lang: 'zh' | 'en' = 'en') =>
      download(raw.GET('/companies/{companyId}/employee-import-template', { params: { path: company(companyId), query: { format, lang } }, parseAs: 'stream' })),

    /**
     * Uploads a file and returns its job at once (status `queued`); `wait` follows it. `dryRun`
     * validates every row and changes nothing.
     */
    start: (companyId: string, file: ImportFile, options: { format: SheetFormat; dryRun?: boolean; fileName?: string }) =>
      unwrap(
        raw.POST('/companies/{companyId}/employee-imports', {
          params: { path: company(companyId), query: { dryRun: options.dryRun ?? false, ...(options.fileName ? { fileName: options.fileName } : {}) } },
          // The file goes as it is: no JSON serialisation, its own media type; a stream needs half duplex.
          body: file as never,
          bodySerializer: (body: unknown) => body as BodyInit,
          headers: { 'content-type': MEDIA_TYPES[options.format] },
          ...(file instanceof ReadableStream ? { duplex: 'half' } : {}),
        } as never),
      ) as Promise<ImportJob>,

    get,

    /** Polls the job until it is done or failed; `onProgress` sees each state on the way. */
    async wait(companyId: string, importId: string, onProgress?: (job: ImportJob) => void): Promise<ImportJob> {
      for (;;) {
        const current = await get(companyId, importId);
        onProgress?.(current);
        if (current.status === 'done' || current.status === 'failed') return current;
        await new Promise((resolve) => setTimeout(resolve, POLL_MS));
      }
    },

    list: (companyId: string, query: NonNullable<operations['listEmployeeImports']['parameters']['query']> = {}) =>
      unwrap(raw.GET('/companies/{companyId}/employee-imports', { params: { path: company(companyId), query } })),

    /** Every row outcome (failed ones only with `onlyErrors`), following cursors. */
    async *rows(companyId: string, importId: string, onlyErrors = false): AsyncGenerator<ImportRow> {
      let cursor: string | undefined;
      do {
        const page = await unwrap(
          raw.GET('/companies/{companyId}/employee-imports/{importId}/rows', { params: { path: job(companyId, importId), query: { onlyErrors, limit: 1000, ...(cursor ? { cursor } : {}) } } }),
        );
        yield* page.items;
        cursor = page.nextCursor ?? undefined;
      } while (cursor);
    },

    /** The per-row result file. */
    results: (companyId: string, importId: string, format: SheetFormat = 'csv') =>
      download(raw.GET('/companies/{companyId}/employee-imports/{importId}/results', { params: { path: job(companyId, importId), query: { format } }, parseAs: 'stream' })),

    /** The filtered employee list as a file, streamed. */
    export: (companyId: string, query: ExportQuery = {}) =>
      download(raw.GET('/companies/{companyId}/employees/export', { params: { path: company(companyId), query }, parseAs: 'stream' })),
  };
}
