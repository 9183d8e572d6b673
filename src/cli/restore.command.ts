import { copyFileSync, existsSync, mkdirSync, renameSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { Config } from '#src/config/schema.js';
import { ACTIVE_KEY_FILE, keyringOf, readKeyLines, RETIRED_KEYS_FILE, writeFileAtomic, type DataKeyring } from '#src/storage/crypto/keyring.js';
import { createKeyringCipher } from '#src/storage/crypto/keyring-cipher.js';
import { optionalFlag, parseFlags, requireFlag } from './args.js';
import { fsyncFile, requireEmbeddedStore, SQLITE_FILE } from './backup.command.js';
import { OperatorError } from './ops-errors.js';
import { liveServers } from './serve-marker.js';

/** The keys that go with the backup: its key file, else the configured keys, else the data folder's. */
function keysFor(config: Config, keyFile: string | undefined): { keyring: DataKeyring; lines: string[] | undefined } {
  if (keyFile) {
    const lines = readKeyLines(keyFile);
    if (lines.length === 0) throw new OperatorError(`${keyFile} holds no key`);
    return { keyring: keyringOf(lines[0]!, lines.slice(1)), lines };
  }
  if (config.dataKey) return { keyring: keyringOf(config.dataKey, config.dataKeysRetired), lines: undefined };
  const lines = [...readKeyLines(join(config.dataDir, ACTIVE_KEY_FILE)), ...readKeyLines(join(config.dataDir, RETIRED_KEYS_FILE))];
  if (lines.length === 0) throw new OperatorError('no key file found: give --key-from PATH (written by roster backup beside the copy)');
  return { keyring: keyringOf(lines[0]!, lines.slice(1)), lines: undefined };
}

/** Opens the copy read-only and checks it is a sound Roster store whose secrets these keys open. */
async function verifyBackup(file: string, keyring: DataKeyring): Promise<{ companies: number }> {
  const { default: SQLite } = await import('better-sqlite3');
  let db;
  try {
    db = new SQLite(file, { readonly: true, fileMustExist: true });
  } catch (error) {
    throw new OperatorError(`${file} cannot be opened: ${(error as Error).message}`);
  }
  try {
    let check: unknown;
    try {
      check = db.pragma('quick_check', { simple: true });
    } catch (error) {
      throw new OperatorError(`${file} is not a SQLite database: ${(error as Error).message}`);
    }
    if (check !== 'ok') throw new OperatorError(`${file} is damaged: ${String(check)}`);
    const hasTables = db.prepare("select count(*) as n from sqlite_master where type = 'table' and name in ('companies', 'apps', 'employees')").get() as { n: number };
    if (hasTables.n !== 3) throw new OperatorError(`${file} is not a Roster store`);
    const cipher = createKeyringCipher({ kind: 'config', current: () => keyring, peek: () => keyring, refresh: () => keyring });
    const samples = db.prepare("select app_secret_enc as v from apps union all select v from (select card_no_enc as v from employees where card_no_enc is not null limit 1)").all() as { v: string }[];
    for (const { v } of samples) {
      try {
        cipher.decrypt(v);
      } catch {
        throw new OperatorError('the keys do not open this backup\'s secrets: give the key file written with it (--key-from PATH)');
      }
    }
    return { companies: (db.prepare('select count(*) as n from companies').get() as { n: number }).n };
  } finally {
    db.close();
  }
}

/**
 * `roster restore --from FILE [--key-from PATH] [--force]`: puts a backup in place of the embedded
 * store. Refuses while a server uses the data folder (swapping the file under it would corrupt both),
 * and refuses to replace an existing store without `--force`; the replaced files are kept beside it
 * as `*.before-restore-<time>`. The copy is checked (integrity, tables, and that the keys open its
 * secrets) before anything is touched.
 */
export async function restoreCommand(config: Config, argv: string[]): Promise<Record<string, unknown>> {
  requireEmbeddedStore(config, 'pg_restore (e.g. pg_restore --clean -d "$DATABASE_URL" roster.dump)');
  const { flags } = parseFlags(argv, ['from', 'key-from'], ['force']);
  const from = resolve(requireFlag(flags, 'from'));
  const keyFlag = optionalFlag(flags, 'key-from');
  const keyFile = keyFlag ? resolve(keyFlag) : existsSync(`${from}.key`) ? `${from}.key` : undefined;
  if (!existsSync(from)) throw new OperatorError(`no backup at ${from}`);

  const servers = liveServers(config.dataDir);
  if (servers.length > 0) throw new OperatorError(`a server is using ${config.dataDir} (pid ${servers.join(', ')}): stop it first`);
  const store = join(config.dataDir, SQLITE_FILE);
  if (existsSync(store) && flags.force !== true) throw new OperatorError(`${store} exists: add --force to replace it (it is kept as ${SQLITE_FILE}.before-restore-…)`);

  const { keyring, lines } = keysFor(config, keyFile);
  const { companies } = await verifyBackup(from, keyring);

  mkdirSync(config.dataDir, { recursive: true });
  const stamp = new Date().toISOString().replace(/[:.]/g, '-');
  const kept: string[] = [];
  const keep = (name: string) => {
    const file = join(config.dataDir, name);
    if (!existsSync(file)) return;
    renameSync(file, `${file}.before-restore-${stamp}`);
    kept.push(`${file}.before-restore-${stamp}`);
  };
  // The WAL and shared-memory files belong to the old database: left in place, SQLite would replay
  // the old WAL into the restored file.
  for (const name of [SQLITE_FILE, `${SQLITE_FILE}-wal`, `${SQLITE_FILE}-shm`]) keep(name);
  const incoming = `${store}.restoring`;
  copyFileSync(from, incoming);
  fsyncFile(incoming);
  renameSync(incoming, store);
  if (lines) {
    for (const name of [ACTIVE_KEY_FILE, RETIRED_KEYS_FILE]) keep(name);
    writeFileAtomic(join(config.dataDir, RETIRED_KEYS_FILE), lines.slice(1).join('\n') + '\n');
    writeFileAtomic(join(config.dataDir, ACTIVE_KEY_FILE), `${lines[0]}\n`);
  }
  return { restored: store, from, companies, keys: lines ? join(config.dataDir, ACTIVE_KEY_FILE) : 'unchanged', kept };
}
