import { createHash, randomBytes } from 'node:crypto';
import { closeSync, existsSync, fsyncSync, openSync, readFileSync, renameSync, statSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import { resolveDataKey } from './data-key.js';

/**
 * The data keys a store's ciphertexts may be sealed with: one active key (new writes) and the retired
 * keys that older ciphertexts still need. Each key is named by an id derived from it, which sealed
 * values carry, so a reader finds the right key without trying them all.
 */
export interface DataKeyring {
  activeId: string;
  keys: ReadonlyMap<string, Buffer>;
}

/** Where a store's keys come from, and whether they can change while the process runs. */
export interface KeyringSource {
  /** The keys as last loaded; a file source first checks (one `stat`) whether the active key changed. */
  current(): DataKeyring;
  /** The keys as last loaded, without looking at the source (reads, on the hot path). */
  peek(): DataKeyring;
  /** Reloads from the source (a ciphertext named a key this process has not seen yet). */
  refresh(): DataKeyring;
  /** `files`: `<dataDir>/data.key` + `data.keys.retired`; `config`: ROSTER_DATA_KEY(S_RETIRED). */
  kind: 'files' | 'config';
}

export const ACTIVE_KEY_FILE = 'data.key';
export const RETIRED_KEYS_FILE = 'data.keys.retired';

/** A key's public name: the first 8 hex characters of its SHA-256 (says nothing usable about the key). */
export function keyIdOf(key: Buffer): string {
  return createHash('sha256').update(key).digest('hex').slice(0, 8);
}

/** Builds a keyring from hex keys, the first one active. Duplicates are ignored. */
export function keyringOf(activeHex: string, retiredHex: readonly string[]): DataKeyring {
  const keys = new Map<string, Buffer>();
  const active = parseKey(activeHex);
  const activeId = keyIdOf(active);
  keys.set(activeId, active);
  for (const hex of retiredHex) {
    const key = parseKey(hex);
    const id = keyIdOf(key);
    if (!keys.has(id)) keys.set(id, key);
  }
  return { activeId, keys };
}

function parseKey(hex: string): Buffer {
  if (!/^[0-9a-f]{64}$/i.test(hex.trim())) throw new Error('a data key must be 64 hex characters');
  return Buffer.from(hex.trim(), 'hex');
}

/** Hex keys from a key file: one per line, blank lines and `#` comments ignored. */
export function readKeyLines(file: string): string[] {
  if (!existsSync(file)) return [];
  return readFileSync(file, 'utf8')
    .split('\n')
    .map((line) => line.trim())
    .filter((line) => line !== '' && !line.startsWith('#'));
}

/**
 * The keyring of a store. A configured `ROSTER_DATA_KEY` (with `ROSTER_DATA_KEYS_RETIRED`) is fixed
 * for the life of the process; otherwise the keys live in the data folder and are re-read when
 * `roster key rotate` replaces `data.key`, so a running server follows a rotation without a restart.
 */
export function createKeyringSource(configured: string | undefined, retired: readonly string[], dataDir: string): KeyringSource {
  if (configured) {
    const fixed = keyringOf(configured, retired);
    return { kind: 'config', current: () => fixed, peek: () => fixed, refresh: () => fixed };
  }
  const activeFile = join(dataDir, ACTIVE_KEY_FILE);
  const load = () => {
    const active = resolveDataKey(undefined, dataDir).toString('hex');
    return keyringOf(active, [...readKeyLines(join(dataDir, RETIRED_KEYS_FILE)), ...retired]);
  };
  const stamp = () => {
    const s = statSync(activeFile, { throwIfNoEntry: false });
    return s ? `${s.ino}:${s.size}:${s.mtimeMs}` : '';
  };
  let keyring = load();
  let seen = stamp();
  const refresh = () => {
    seen = stamp();
    keyring = load();
    return keyring;
  };
  return {
    kind: 'files',
    current: () => (stamp() === seen ? keyring : refresh()),
    peek: () => keyring,
    refresh,
  };
}

/** Writes `content` to `file` so that readers see the old or the new file, never a partial one. */
export function writeFileAtomic(file: string, content: string): void {
  const temp = `${file}.${process.pid}.tmp`;
  const fd = openSync(temp, 'w', 0o600);
  try {
    writeSync(fd, content);
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
  renameSync(temp, file);
}

/**
 * Makes a new active key in the data folder. The old key is appended to `data.keys.retired` first,
 * then `data.key` is replaced, so at every moment each ciphertext's key is on disk. Returns the ids.
 */
export function rotateKeyFiles(dataDir: string): { previousId: string; activeId: string } {
  const previous = resolveDataKey(undefined, dataDir).toString('hex');
  const retiredFile = join(dataDir, RETIRED_KEYS_FILE);
  const retired = readKeyLines(retiredFile);
  if (!retired.includes(previous)) {
    writeFileAtomic(retiredFile, [...retired, previous].join('\n') + '\n');
  }
  const next = randomBytes(32);
  writeFileAtomic(join(dataDir, ACTIVE_KEY_FILE), next.toString('hex') + '\n');
  return { previousId: keyIdOf(Buffer.from(previous, 'hex')), activeId: keyIdOf(next) };
}
