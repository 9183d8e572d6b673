import { Readable } from 'node:stream';
import { parse } from 'csv-parse';
import type ExcelJS from 'exceljs';
import type { SheetFormat } from '#src/domain/employee-import.js';
import { invalidParam } from '#src/domain/errors.js';

type Source = AsyncIterable<Buffer> | Readable;

const pad = (n: number) => String(n).padStart(2, '0');

/** A cell as the text a CSV would hold: dates as yyyy-MM-dd (Excel stores them as days), numbers in full. */
function cellText(value: unknown): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'string') return value;
  if (typeof value === 'number') return Number.isInteger(value) ? value.toFixed(0) : String(value);
  if (typeof value === 'boolean') return value ? '1' : '0';
  if (value instanceof Date) return `${value.getUTCFullYear()}-${pad(value.getUTCMonth() + 1)}-${pad(value.getUTCDate())}`;
  if (typeof value === 'object') {
    const v = value as { richText?: Array<{ text: string }>; text?: unknown; result?: unknown; error?: string };
    if (Array.isArray(v.richText)) return v.richText.map((r) => r.text).join('');
    if ('result' in v) return cellText(v.result);
    if (v.text !== undefined) return cellText(v.text);
  }
  return String(value);
}

async function* csvRecords(source: Source): AsyncGenerator<string[]> {
  // bom: Excel writes UTF-8 CSV with a BOM; relax_column_count: short rows are rows with empty tails.
  const parser = Readable.from(source).pipe(parse({ bom: true, relax_column_count: true, skip_empty_lines: true }));
  try {
    for await (const record of parser) yield record as string[];
  } catch (error) {
    throw invalidParam('file', `is not a readable CSV file (${(error as Error).message})`);
  }
}

async function* xlsxRecords(source: Source): AsyncGenerator<string[]> {
  // Loaded on first use: exceljs is large, and most processes (the CLI, servers that never import) need none of it.
  const { default: excel } = await import('exceljs');
  // Streaming: rows are read as the zip inflates; only the shared strings and styles are kept.
  const reader = new excel.stream.xlsx.WorkbookReader(Readable.from(source), { worksheets: 'emit', sharedStrings: 'cache', styles: 'cache', hyperlinks: 'ignore', entries: 'ignore' });
  let sheets = 0;
  try {
    for await (const sheet of reader) {
      // The first worksheet is the data; the rest of the workbook is read through and ignored.
      if (sheets++ > 0) continue;
      for await (const row of sheet as AsyncIterable<ExcelJS.Row>) {
        const values = row.values as unknown[];
        const cells: string[] = [];
        for (let i = 1; i < values.length; i++) cells.push(cellText(values[i]));
        if (cells.some((c) => c !== '')) yield cells;
      }
    }
  } catch (error) {
    throw invalidParam('file', `is not a readable XLSX workbook (${(error as Error).message})`);
  }
}

/**
 * The records of a CSV or XLSX file (first worksheet), each as its cells' text, read as a stream:
 * memory holds one record (and an XLSX's shared strings). request.invalid_params (file) when the
 * file cannot be read as its format.
 */
export function readSheet(source: Source, format: SheetFormat): AsyncGenerator<string[]> {
  return format === 'csv' ? csvRecords(source) : xlsxRecords(source);
}
