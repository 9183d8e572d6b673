import { once } from 'node:events';
import { PassThrough, type Readable } from 'node:stream';
import { stringify } from 'csv-stringify';
import type { SheetFormat } from '#src/domain/employee-import.js';

/** The media type and file extension of each format. */
export const SHEET_MEDIA_TYPES: Record<SheetFormat, string> = {
  csv: 'text/csv; charset=utf-8',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
};

/** Bytes the output may hold unread before the writer waits for the client. */
const HIGH_WATER = 256 * 1024;
/** Rows written between two turns given to the event loop. */
const YIELD_EVERY = 200;

/**
 * Writes rows as a CSV (UTF-8 with a BOM, so Excel shows Chinese right) or a streaming XLSX, and
 * returns the readable side at once. `rows` is pulled only as the reader drains the output
 * (backpressure), so a million rows never sit in memory. An error from `rows` destroys the stream.
 */
export function writeSheet(format: SheetFormat, header: string[], rows: AsyncIterable<string[]>): Readable {
  const out = new PassThrough({ highWaterMark: HIGH_WATER });
  // The output is piped into (csv-stringify, exceljs's zip): once a write into it was refused, or it
  // holds more than its mark, no more rows are pulled until the reader has drained it. Every few rows
  // the loop also yields to the event loop: rows can come synchronously (better-sqlite3), and the zip's
  // deflate, the pipe and every other request need their turns.
  let sinceYield = 0;
  const waitForReader = async () => {
    if (++sinceYield >= YIELD_EVERY) {
      sinceYield = 0;
      await new Promise((resolve) => setImmediate(resolve));
    }
    if (out.writableNeedDrain || out.writableLength > HIGH_WATER) await once(out, 'drain');
  };
  void (async () => {
    try {
      if (format === 'csv') {
        const csv = stringify({ bom: true });
        csv.pipe(out);
        csv.write(header);
        for await (const row of rows) {
          if (!csv.write(row)) await once(csv, 'drain');
          await waitForReader();
        }
        csv.end();
        return;
      }
      // Loaded on first use (see sheet-reader.ts).
      const { default: excel } = await import('exceljs');
      const workbook = new excel.stream.xlsx.WorkbookWriter({ stream: out, useStyles: true, useSharedStrings: false });
      const sheet = workbook.addWorksheet('employees');
      // Text format everywhere: Excel must not turn phone or ID numbers into numbers (or dates).
      sheet.columns = header.map((h) => ({ header: h, width: Math.max(12, h.length + 4), style: { numFmt: '@' } }));
      for await (const row of rows) {
        sheet.addRow(row).commit();
        await waitForReader();
      }
      sheet.commit();
      await workbook.commit();
    } catch (error) {
      out.destroy(error as Error);
    }
  })();
  return out;
}
