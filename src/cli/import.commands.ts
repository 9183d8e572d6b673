import { createReadStream, createWriteStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { ExportQuery, ImportRow, SheetFormat } from '@roster/admin-sdk';
import { invalidParam } from '#src/domain/errors.js';
import { optionalFlag, parseFlags, requireFlag } from './args.js';
import { TARGET_FLAGS, type SdkCommand } from './directory.commands.js';

/** Failed rows a plain (not --json) run prints; --json carries them all. */
const SHOWN_ERRORS = 100;

function formatFlag(value: string | undefined, file?: string): SheetFormat {
  const format = value ?? (file?.toLowerCase().endsWith('.xlsx') ? 'xlsx' : 'csv');
  if (format !== 'csv' && format !== 'xlsx') throw invalidParam('--format', 'must be csv or xlsx');
  return format;
}

/** `roster employee import|export`: bulk files through the admin API (issue 10). */
export const IMPORT_COMMANDS: Record<string, SdkCommand> = {
  async 'employee import'(admin, argv) {
    const { flags } = parseFlags(argv, ['company', 'file', 'format', ...TARGET_FLAGS], ['dry-run']);
    const companyId = requireFlag(flags, 'company');
    const file = requireFlag(flags, 'file');
    const format = formatFlag(optionalFlag(flags, 'format'), file);
    await stat(file).catch(() => {
      throw invalidParam('--file', `cannot be read: ${file}`);
    });
    // Streamed from the disk to the server: the file is never held in memory here.
    const body = Readable.toWeb(createReadStream(file)) as ReadableStream<Uint8Array>;
    const started = await admin.imports.start(companyId, body, { format, dryRun: flags['dry-run'] === true, fileName: file.split(/[\\/]/).pop()! });
    const job = await admin.imports.wait(companyId, started.importId, (j) => {
      if (!flags['json'] && process.stderr.isTTY) process.stderr.write(`\r${j.processed}/${j.total} rows`);
    });
    if (!flags['json'] && process.stderr.isTTY) process.stderr.write('\n');
    const errors: ImportRow[] = [];
    for await (const row of admin.imports.rows(companyId, job.importId, true)) {
      if (!flags['json'] && errors.length >= SHOWN_ERRORS) break;
      errors.push(row);
    }
    return { ...job, errors };
  },

  async 'employee export'(admin, argv) {
    const { flags } = parseFlags(argv, ['company', 'format', 'out', 'lang', 'keyword', 'dept', 'status', 'level', 'category', ...TARGET_FLAGS]);
    const companyId = requireFlag(flags, 'company');
    const out = requireFlag(flags, 'out');
    const format = formatFlag(optionalFlag(flags, 'format'), out);
    const lang = optionalFlag(flags, 'lang') ?? 'en';
    if (lang !== 'zh' && lang !== 'en') throw invalidParam('--lang', 'must be zh or en');
    const status = optionalFlag(flags, 'status');
    if (status !== undefined && !['active', 'resigned', 'all'].includes(status)) throw invalidParam('--status', 'must be active, resigned or all');
    const filters: Record<string, string | undefined> = { keyword: optionalFlag(flags, 'keyword'), deptCode: optionalFlag(flags, 'dept'), level: optionalFlag(flags, 'level'), category: optionalFlag(flags, 'category'), status };
    const query = { format, lang, ...Object.fromEntries(Object.entries(filters).filter(([, v]) => v !== undefined)) } as ExportQuery;
    const stream = await admin.imports.export(companyId, query);
    await pipeline(Readable.fromWeb(stream as Parameters<typeof Readable.fromWeb>[0]), createWriteStream(out));
    return { file: out, format, bytes: (await stat(out)).size };
  },
};
