import { chmodSync, closeSync, existsSync, fsyncSync, openSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import type { Config } from '#src/config/schema.js';
import { ACTIVE_KEY_FILE, RETIRED_KEYS_FILE, readKeyLines } from '#src/storage/crypto/keyring.js';
import { optionalFlag, parseFlags, requireFlag } from './args.js';
import { OperatorError } from './ops-errors.js';

export const SQLITE_FILE = 'roster.sqlite';

/** Refuses on PostgreSQL, whose own tools do this job better. */
export function requireEmbeddedStore(config: Config, instead: string): void {
  if (config.databaseUrl) throw new OperatorError(`the store is PostgreSQL: use ${instead} (see docs/deploy.md)`);
}

/** Flushes a file's contents to disk, so a rename that follows publishes complete bytes. */
export function fsyncFile(file: string): void {
  const fd = openSync(file, 'r');
  try {
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
}

/**
 * `roster backup --to FILE [--key-to PATH]`: a consistent copy of the embedded store, taken while it
 * serves. `VACUUM INTO` copies one read transaction's snapshot (in WAL mode writers go on meanwhile),
 * where the page-by-page backup API restarts whenever another process writes. The data keys are
 * written beside it (`FILE.key`, mode 0600, or `--key-to`), since the copy's secrets are useless
 * without them; keys given by ROSTER_DATA_KEY are the operator's to keep and are not written.
 */
export async function backupCommand(config: Config, argv: string[]): Promise<Record<string, unknown>> {
  requireEmbeddedStore(config, 'pg_dump (e.g. pg_dump -Fc "$DATABASE_URL" > roster.dump)');
  const { flags } = parseFlags(argv, ['to', 'key-to']);
  const target = resolve(requireFlag(flags, 'to'));
  const keyTarget = resolve(optionalFlag(flags, 'key-to') ?? `${target}.key`);
  const source = join(config.dataDir, SQLITE_FILE);
  if (!existsSync(source)) throw new OperatorError(`no store at ${source}`);
  if (!existsSync(dirname(target))) throw new OperatorError(`no folder ${dirname(target)}`);
  for (const file of config.dataKey ? [target] : [target, keyTarget]) {
    if (existsSync(file)) throw new OperatorError(`${file} exists; choose a new file`);
  }

  const { default: SQLite } = await import('better-sqlite3');
  const db = new SQLite(source, { fileMustExist: true });
  const partial = `${target}.partial`;
  rmSync(partial, { force: true });
  try {
    db.pragma('busy_timeout = 5000');
    db.prepare('VACUUM INTO ?').run(partial);
  } finally {
    db.close();
  }
  // Like the store, the copy holds personal data: readable by its owner only.
  chmodSync(partial, 0o600);
  fsyncFile(partial);
  renameSync(partial, target);

  let keyFile: string;
  if (config.dataKey) {
    keyFile = 'not written: the keys are in ROSTER_DATA_KEY / ROSTER_DATA_KEYS_RETIRED; keep them with the backup';
  } else {
    const keys = [...readKeyLines(join(config.dataDir, ACTIVE_KEY_FILE)), ...readKeyLines(join(config.dataDir, RETIRED_KEYS_FILE))];
    writeFileSync(keyTarget, `# Roster data keys for ${target}: the first is the active key\n${keys.join('\n')}\n`, { mode: 0o600, flag: 'wx' });
    keyFile = keyTarget;
  }
  return { backup: target, bytes: statSync(target).size, keyFile, source };
}
