/** Raw-body uploads, file downloads and CSV/XLSX helpers for the import and export tests. */
import { Readable } from 'node:stream';
import { parse } from 'csv-parse/sync';
import { stringify } from 'csv-stringify/sync';
import ExcelJS from 'exceljs';
import { expect } from 'vitest';

export const CSV_TYPE = 'text/csv; charset=utf-8';
export const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/** A CSV file as Excel saves it: UTF-8 with a BOM. */
export function csvFile(rows: string[][]): Buffer {
  return Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(stringify(rows), 'utf8')]);
}

/** An XLSX workbook with one sheet holding `rows` as text cells. */
export async function xlsxFile(rows: string[][]): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  const sheet = wb.addWorksheet('people');
  for (const r of rows) sheet.addRow(r);
  return Buffer.from(await wb.xlsx.writeBuffer());
}

/** The rows of a CSV or XLSX answer (the BOM checked and dropped for CSV). */
export async function readFileRows(body: Buffer, type: string): Promise<string[][]> {
  if (type.startsWith('text/csv')) {
    expect([...body.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    return parse(body.subarray(3).toString('utf8'), { relax_column_count: true }) as string[][];
  }
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.read(Readable.from([body]));
  const rows: string[][] = [];
  wb.worksheets[0]!.eachRow((row) => rows.push((row.values as unknown[]).slice(1).map((v) => (v === null || v === undefined ? '' : String(v)))));
  return rows;
}

export interface RawReply {
  status: number;
  headers: Headers;
  body: Buffer;
  json: any;
}

/** A call with a raw body and a raw answer. */
export async function rawCall(baseUrl: string, token: string, method: string, path: string, body?: Buffer, type?: string): Promise<RawReply> {
  const headers: Record<string, string> = { authorization: `Bearer ${token}` };
  if (type) headers['content-type'] = type;
  const res = await fetch(`${baseUrl}/admin/v1${path}`, { method, headers, body: body === undefined ? undefined : new Uint8Array(body) });
  const buf = Buffer.from(await res.arrayBuffer());
  const isJson = (res.headers.get('content-type') ?? '').startsWith('application/json');
  return { status: res.status, headers: res.headers, body: buf, json: isJson && buf.length ? JSON.parse(buf.toString('utf8')) : undefined };
}

/** Polls an import until it is done or failed. */
export async function awaitImport(baseUrl: string, token: string, companyId: string, importId: string): Promise<any> {
  for (let i = 0; i < 600; i++) {
    const job = (await rawCall(baseUrl, token, 'GET', `/companies/${companyId}/employee-imports/${importId}`)).json;
    if (job.status === 'done' || job.status === 'failed') return job;
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error(`import ${importId} did not finish`);
}

/** Every row outcome of an import, following cursors. */
export async function allRows(baseUrl: string, token: string, companyId: string, importId: string, onlyErrors = false): Promise<any[]> {
  const rows: any[] = [];
  let cursor: string | null = null;
  do {
    const q = `limit=2&onlyErrors=${onlyErrors}${cursor ? `&cursor=${cursor}` : ''}`;
    const page: any = (await rawCall(baseUrl, token, 'GET', `/companies/${companyId}/employee-imports/${importId}/rows?${q}`)).json;
    rows.push(...page.items);
    cursor = page.nextCursor;
  } while (cursor);
  return rows;
}
