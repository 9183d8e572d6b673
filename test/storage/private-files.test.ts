import { chmodSync, mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config/load.js';
import { buildContainer } from '../../src/container.js';

const modeOf = (path: string) => statSync(path).mode & 0o777;

/** Phones, emails and identity numbers live in these files: no other OS user may read them. */
describe('SQLite files and the data folder are private to their owner', () => {
  let root: string;
  let umask: number;
  beforeEach(() => {
    root = mkdtempSync(join(tmpdir(), 'roster-modes-'));
    umask = process.umask(0o022); // the common default, under which plain creation gives 0755 / 0644
  });
  afterEach(() => {
    process.umask(umask);
    rmSync(root, { recursive: true, force: true });
  });

  it('creates the data folder 0700 and roster.sqlite, -wal and -shm 0600', async () => {
    const dataDir = join(root, 'var', 'roster');
    const c = await buildContainer(loadConfig({}, { dataDir, logLevel: 'silent' }));
    try {
      await c.directory.createCompany({ name: 'Acme', main: { phone: '13800138000', name: 'Ada' } });
      expect(modeOf(dataDir)).toBe(0o700);
      for (const file of ['roster.sqlite', 'roster.sqlite-wal', 'roster.sqlite-shm', 'data.key']) {
        expect([file, modeOf(join(dataDir, file))]).toEqual([file, 0o600]);
      }
    } finally {
      await c.close();
    }
  });

  it('tightens the files of an existing store that were readable by others', async () => {
    const first = await buildContainer(loadConfig({}, { dataDir: root, logLevel: 'silent' }));
    await first.close();
    chmodSync(join(root, 'roster.sqlite'), 0o644);
    writeFileSync(join(root, 'roster.sqlite-wal'), '', { mode: 0o644 });
    chmodSync(join(root, 'roster.sqlite-wal'), 0o644);
    const c = await buildContainer(loadConfig({}, { dataDir: root, logLevel: 'silent' }));
    try {
      await c.directory.createCompany({ name: 'Acme', main: { phone: '13800138000', name: 'Ada' } });
      for (const file of ['roster.sqlite', 'roster.sqlite-wal', 'roster.sqlite-shm']) {
        expect([file, modeOf(join(root, file))]).toEqual([file, 0o600]);
      }
    } finally {
      await c.close();
    }
  });
});
