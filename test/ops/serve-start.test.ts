import { mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, describe, expect, it } from 'vitest';
import { built, roster, serve } from './support.js';

const companiesIn = (dataDir: string) => {
  const db = new Database(join(dataDir, 'roster.sqlite'), { readonly: true });
  try {
    return (db.prepare('select count(*) as n from companies').get() as { n: number }).n;
  } finally {
    db.close();
  }
};

/** Waits (bounded) until `read()` contains `text`: output of a child arrives in chunks. */
async function eventually(read: () => string, text: string): Promise<string> {
  for (let i = 0; i < 100 && !read().includes(text); i++) await new Promise((r) => setTimeout(r, 50));
  return read();
}

describe.skipIf(!built)('roster serve: first start', () => {
  const root = mkdtempSync(join(tmpdir(), 'roster-start-'));
  afterAll(() => rmSync(root, { recursive: true, force: true }));

  it('creates the demo company on an empty store and prints its secret to the terminal (stderr), not to the log stream', async () => {
    const dataDir = join(root, 'demo');
    const server = await serve([], { ROSTER_DATA_DIR: dataDir, ROSTER_LOG_LEVEL: 'info' });
    try {
      const stderr = await eventually(server.stderr, 'AppSecret');
      const secret = /AppSecret\s+([0-9a-f]{32})/.exec(stderr)?.[1];
      expect(secret).toBeDefined();
      await fetch(`${server.baseUrl}/healthz`);
      await eventually(server.stdout, '"msg":"request"');
      expect(server.stdout()).not.toContain(secret);
      expect(server.stdout()).toContain(`data directory ${dataDir}`);
      expect(companiesIn(dataDir)).toBe(1);
    } finally {
      await server.stop();
    }
  });

  for (const [label, args, env] of [
    ['--no-demo', ['--no-demo'], {}],
    ['NODE_ENV=production', [], { NODE_ENV: 'production' }],
  ] as const) {
    it(`creates no demo company with ${label}`, async () => {
      const dataDir = join(root, label.replace(/\W/g, ''));
      const server = await serve([...args], { ROSTER_DATA_DIR: dataDir, ...env });
      try {
        await eventually(server.stdout, 'data directory');
        expect(server.stderr()).not.toContain('AppSecret');
        expect(companiesIn(dataDir)).toBe(0);
      } finally {
        await server.stop();
      }
    });
  }

  it('resolves a relative data folder against the folder it is run from and announces the absolute path', async () => {
    const server = await serve(['--no-demo'], { ROSTER_DATA_DIR: 'rel-store' }, root);
    try {
      expect(await eventually(server.stdout, 'data directory')).toContain(`data directory ${join(root, 'rel-store')}`);
      expect(statSync(join(root, 'rel-store', 'roster.sqlite')).isFile()).toBe(true);
    } finally {
      await server.stop();
    }
  });

  it('writes its log to --log-file instead of stdout, each line within a second', async () => {
    const dataDir = join(root, 'log-file');
    const logFile = join(root, 'logs', 'roster.log');
    const server = await serve(['--no-demo', '--log-file', logFile], { ROSTER_DATA_DIR: dataDir });
    try {
      const res = await fetch(`${server.baseUrl}/healthz`);
      const reqId = res.headers.get('x-ca-request-id')!;
      const read = () => {
        try {
          return readFileSync(logFile, 'utf8');
        } catch {
          return '';
        }
      };
      expect(await eventually(read, reqId)).toContain('"endpoint":"/healthz"');
      expect(server.stdout()).toContain(`logging to ${logFile}`);
      expect(server.stdout()).not.toContain('"msg"');
    } finally {
      await server.stop();
    }
  });

  it('says when an admin command is about to create a new, empty store', async () => {
    const run = await roster(['company', 'create', '--name', 'X'], { ROSTER_DATA_DIR: join(root, 'new-store') });
    expect(run.code).toBe(0);
    expect(run.stderr).toContain(`no store in ${join(root, 'new-store')}`);
    const again = await roster(['company', 'create', '--name', 'Y'], { ROSTER_DATA_DIR: join(root, 'new-store') });
    expect(again.stderr).not.toContain('no store');
  });

  it('prints its version, the one in package.json', async () => {
    const { version } = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { version: string };
    const run = await roster(['--version'], {});
    expect([run.code, run.stdout.trim()]).toEqual([0, `roster ${version}`]);
  });
});
