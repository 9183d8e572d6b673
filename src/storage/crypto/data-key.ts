import { randomBytes } from 'node:crypto';
import { closeSync, fsyncSync, linkSync, openSync, readFileSync, unlinkSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import { ensureDataDir } from '../data-dir.js';

const KEY_FILE = 'data.key';

/**
 * The configured key, or the one generated into `<dataDir>/data.key` on first start (mode 0600).
 *
 * The file appears whole or not at all: the key is written to a temp file and fsynced, then linked
 * to its final name — link() never replaces an existing file, so of several processes starting
 * together exactly one key wins and every process reads that one — and the folder is fsynced so
 * the name survives power loss. A key file that exists but does not hold a key is refused, never
 * replaced: data may already be encrypted with the key it held.
 */
export function resolveDataKey(configured: string | undefined, dataDir: string): Buffer {
  if (configured) return Buffer.from(configured, 'hex');
  const file = join(dataDir, KEY_FILE);
  ensureDataDir(dataDir);
  const existing = readKeyFile(file);
  if (existing) return existing;
  createKeyFile(dataDir, file);
  return readKeyFile(file)!;
}

/** The key in `file`, undefined when there is no such file; throws when the file holds no key. */
function readKeyFile(file: string): Buffer | undefined {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw error;
  }
  const hex = text.trim();
  if (!/^[0-9a-f]{64}$/i.test(hex)) {
    throw new Error(
      `${file} exists but does not hold a 64-hex-character key (${text.length === 0 ? 'it is empty' : 'it is damaged'}). ` +
        'Roster will not generate a new key over it: data may be encrypted with the old one. Restore the file ' +
        'from a backup or set ROSTER_DATA_KEY; delete it only if the store holds no data yet.',
    );
  }
  return Buffer.from(hex, 'hex');
}

function createKeyFile(dataDir: string, file: string): void {
  const temp = join(dataDir, `.${KEY_FILE}.${process.pid}.${randomBytes(6).toString('hex')}.tmp`);
  const fd = openSync(temp, 'wx', 0o600);
  try {
    writeSync(fd, randomBytes(32).toString('hex') + '\n');
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
  try {
    linkSync(temp, file);
  } catch (error) {
    // Another process linked its key first: that one is the key.
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
  } finally {
    unlinkSync(temp);
  }
  fsyncDirectory(dataDir);
}

function fsyncDirectory(dir: string): void {
  const fd = openSync(dir, 'r');
  try {
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
}
