import { createReadStream, createWriteStream } from 'node:fs';
import { mkdir, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { once } from 'node:events';
import type { Readable } from 'node:stream';
import { finished } from 'node:stream/promises';
import type { SheetFormat } from '#src/domain/employee-import.js';
import { DomainError, invalidParam } from '#src/domain/errors.js';
import { newOpaqueId } from '#src/domain/ids.js';
import { mapHeader } from './import-columns.js';
import { readSheet } from './sheet-reader.js';

/** Pieces the stored file is cut into (each sealed on its own). */
export const FILE_CHUNK_BYTES = 512 * 1024;

/** An upload spooled to disk: where, how big, and how many data rows it holds. */
export interface SpooledUpload {
  path: string;
  bytes: number;
  rows: number;
  /** Deletes the spool file (always call it). */
  discard(): Promise<void>;
}

/** The body's chunks; a client that goes away mid-upload is its mistake (request.malformed), not a server error. */
async function* received(body: Readable): AsyncGenerator<Buffer> {
  try {
    for await (const chunk of body as AsyncIterable<Buffer>) yield chunk;
  } catch {
    throw new DomainError('request.malformed', { param: 'body', rule: 'the upload ended before it was complete' });
  }
}

/**
 * Writes the body to `path` up to `maxBytes`; past it the rest is read and dropped (the client gets a
 * clear answer instead of a reset connection) and request.too_large is thrown. Returns the bytes written.
 */
async function copyCapped(body: Readable, path: string, maxBytes: number): Promise<number> {
  const file = createWriteStream(path, { mode: 0o600 });
  let bytes = 0;
  try {
    for await (const chunk of received(body)) {
      bytes += chunk.length;
      if (bytes > maxBytes) continue;
      if (!file.write(chunk)) await once(file, 'drain');
    }
  } finally {
    file.end();
    await finished(file);
  }
  if (bytes > maxBytes) throw new DomainError('request.too_large', { param: 'body', rule: `must be at most ${maxBytes} bytes for an import file (ROSTER_IMPORT_MAX_BYTES)` });
  return bytes;
}

/** Reads of an XLSX spool file before it is called unreadable (see countRows). */
const XLSX_READS = 3;

/**
 * The data rows of the spool file (-1 without a header), checking the header. exceljs's streaming
 * reader has been seen to lose a workbook's later zip entries under load (unzipper's Parse ends while
 * entries wait; about 1 read in 500 on a busy machine) and then call a whole file unreadable, so an
 * XLSX the reader refuses is read again before the upload is refused: a broken file fails every time.
 */
async function countRows(path: string, format: SheetFormat): Promise<number> {
  for (let attempt = 1; ; attempt++) {
    try {
      let rows = -1;
      for await (const record of readSheet(createReadStream(path), format)) {
        if (rows === -1) mapHeader(record);
        rows++;
      }
      return rows;
    } catch (error) {
      if (format !== 'xlsx' || attempt >= XLSX_READS || !(error instanceof DomainError)) throw error;
    }
  }
}

/**
 * Streams an upload to a spool file under `dir` (at most `maxBytes`: request.too_large past it, the
 * partial file deleted) and reads it through once as `format`, checking the header and counting the
 * data rows. request.invalid_params (file) for an empty, unreadable or header-less file.
 */
export async function spoolUpload(body: Readable, format: SheetFormat, dir: string, maxBytes: number): Promise<SpooledUpload> {
  await mkdir(dir, { recursive: true, mode: 0o700 });
  const path = join(dir, `upload-${newOpaqueId()}.${format}`);
  const discard = () => rm(path, { force: true });
  try {
    const bytes = await copyCapped(body, path, maxBytes);
    if (bytes === 0) throw invalidParam('file', 'is empty');
    const rows = await countRows(path, format);
    if (rows === -1) throw invalidParam('file', 'has no header row; download the template');
    return { path, bytes, rows, discard };
  } catch (error) {
    await discard();
    throw error;
  }
}

/** The spool file in pieces of FILE_CHUNK_BYTES, read as they are stored. */
export async function* fileChunks(path: string): AsyncGenerator<Buffer> {
  for await (const piece of createReadStream(path, { highWaterMark: FILE_CHUNK_BYTES })) yield piece as Buffer;
}
