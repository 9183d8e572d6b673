import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterEach, describe, expect, it } from 'vitest';
import { resolveDataKey } from '../../src/storage/crypto/data-key.js';

const run = promisify(execFile);
const RACER = new URL('./support/data-key-race.mjs', import.meta.url).pathname;
const built = existsSync(new URL('../../dist/storage/crypto/data-key.js', import.meta.url));

describe('the generated data key (<dataDir>/data.key)', () => {
  const dirs: string[] = [];
  const tempDir = () => {
    const dir = mkdtempSync(join(tmpdir(), 'roster-key-'));
    dirs.push(dir);
    return dir;
  };
  afterEach(() => {
    for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
  });

  it('is generated once, owner-only, whole, and the same key on every later start', () => {
    const dataDir = join(tempDir(), 'data');
    const key = resolveDataKey(undefined, dataDir);
    expect(key).toHaveLength(32);
    const file = join(dataDir, 'data.key');
    expect(readFileSync(file, 'utf8')).toBe(`${key.toString('hex')}\n`);
    expect(statSync(file).mode & 0o777).toBe(0o600);
    expect(statSync(dataDir).mode & 0o777).toBe(0o700);
    // No temp file is left behind.
    expect(readdirSync(dataDir)).toEqual(['data.key']);
    expect(resolveDataKey(undefined, dataDir).equals(key)).toBe(true);
  });

  it.each([
    ['empty', ''],
    ['cut short', 'a1b2c3'],
  ])('refuses a key file left %s by a crash and never writes a new key over it', (_, content) => {
    const dataDir = tempDir();
    const file = join(dataDir, 'data.key');
    writeFileSync(file, content, { mode: 0o600 });
    expect(() => resolveDataKey(undefined, dataDir)).toThrow(/data\.key exists but does not hold a 64-hex-character key.*ROSTER_DATA_KEY/s);
    expect(readFileSync(file, 'utf8')).toBe(content);
  });

  it('uses the configured key and writes no file', () => {
    const dataDir = tempDir();
    expect(resolveDataKey('ab'.repeat(32), dataDir).toString('hex')).toBe('ab'.repeat(32));
    expect(existsSync(join(dataDir, 'data.key'))).toBe(false);
  });

  it.skipIf(!built)('gives processes starting together on a fresh folder one and the same key', async () => {
    const parent = tempDir();
    const folders = 150;
    const startAt = Date.now() + 2000;
    const outputs = await Promise.all(
      [1, 2, 3, 4, 5, 6].map(() => run(process.execPath, [RACER, parent, String(folders), String(startAt)])),
    );
    const perProcess = outputs.map(({ stdout }) => stdout.trim().split('\n'));
    for (let i = 0; i < folders; i++) {
      const keys = new Set(perProcess.map((lines) => lines[i]));
      expect([...keys], `folder d${i}`).toEqual([readFileSync(join(parent, `d${i}`, 'data.key'), 'utf8').trim()]);
    }
  }, 60_000);
});
