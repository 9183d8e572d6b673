import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, describe, expect, it } from 'vitest';
import { freshPostgresDatabase, testDatabases } from './support/databases.js';

const run = promisify(execFile);
const BIN = new URL('../bin/roster.js', import.meta.url).pathname;
const built = existsSync(new URL('../dist/main.js', import.meta.url));

/** The `roster` command as an operator runs it: a real process on a real data folder. */
describe.skipIf(!built)('roster command', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'roster-cli-'));
  afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

  async function roster(...args: string[]): Promise<Record<string, unknown>> {
    const { stdout } = await run(process.execPath, [BIN, ...args, '--json'], { env: { ...process.env, ROSTER_DATA_DIR: dataDir } });
    return JSON.parse(stdout) as Record<string, unknown>;
  }

  async function rosterFails(...args: string[]): Promise<{ code: number; out: string }> {
    try {
      await run(process.execPath, [BIN, ...args, '--json'], { env: { ...process.env, ROSTER_DATA_DIR: dataDir } });
    } catch (error) {
      const e = error as { code: number; stdout: string; stderr: string };
      return { code: e.code, out: e.stdout + e.stderr };
    }
    throw new Error('expected the command to fail');
  }

  it('creates companies, initializes them, and makes hosted and shared apps', async () => {
    const company = await roster('company', 'create', '--name', 'Acme');
    expect(company.companyId).toMatch(/^[0-9A-F]{32}$/);
    expect(company.mainPk).toMatch(/^[1-9][0-9]{15}$/);
    expect(company.mainIdentityId).toBeNull();

    const init = await roster('company', 'init', company.companyId as string, '--main-phone', '13800138000', '--main-name', 'Ada');
    expect(init.mainIdentityId).toMatch(/^[0-9a-z]{40}$/);

    const hosted = await roster('app', 'create', '--company', company.companyId as string, '--rate-limit', '5');
    expect(hosted).toMatchObject({ kind: 'hosted', rateLimit: 5 });
    expect(hosted.appKey).toMatch(/^[1-9][0-9]{8}$/);
    expect(hosted.appSecret).toMatch(/^[0-9a-f]{32}$/);

    const shared = await roster('app', 'create', '--shared', '--name', 'saas');
    const install = await roster('app', 'install', '--app', shared.appKey as string, '--company', company.companyId as string);
    expect(install.appId).toMatch(/^[0-9a-z]{40}$/);
  });

  it('issues dev OA codes and sets up departments, levels, categories, attributes and cost centers', async () => {
    const { companyId } = await roster('company', 'create', '--name', 'Setup', '--main-phone', '13900139000');
    const code = await roster('oa', 'code', '--company', companyId as string, '--phone', 'not-a-phone', '--name', 'X', '--type', 'SESSION_ID');
    expect(code).toMatchObject({ codeType: 'SESSION_ID', expiresInSeconds: 300 });
    expect(String(code.authCode).length).toBeGreaterThan(20);

    expect(await roster('dept', 'add', '--company', companyId as string, '--code', 'A001', '--name', '研发部')).toMatchObject({ deptCode: 'A001', parentCode: 'ROOT' });
    expect(await roster('dept', 'add', '--company', companyId as string, '--code', 'A002', '--name', '前端', '--parent', 'A001')).toMatchObject({ parentCode: 'A001' });
    expect((await roster('level', 'add', '--company', companyId as string, 'S1', 'S2')).levels).toEqual(['S1', 'S2']);
    expect((await roster('category', 'add', '--company', companyId as string, '帅哥组')).categories).toEqual(['帅哥组']);
    expect((await roster('attribute', 'enable', '--company', companyId as string, 'englishName')).attributes).toContain('contractNature');
    const cc = await roster('cost-center', 'add', '--company', companyId as string, '--name', 'R&D');
    expect(cc.costCenterId).toBeGreaterThanOrEqual(1);
    expect(cc.costCenterId).toBeLessThanOrEqual(2147483647);
  });

  it('creates groups with member enterprises named by enterprise code', async () => {
    const group = await roster('company', 'create', '--name', 'Group', '--kind', 'group');
    const member = await roster('company', 'create', '--name', 'Member', '--parent', group.companyId as string, '--enterprise-code', 'E001');
    expect(member).toMatchObject({ kind: 'enterprise', enterpriseCode: 'E001' });
    const again = await rosterFails('company', 'create', '--name', 'Member2', '--parent', group.companyId as string, '--enterprise-code', 'E001');
    expect(again.code).toBe(1);
  });

  it('refuses bad input with a clear message and a non-zero exit', async () => {
    expect((await rosterFails('company', 'create')).out).toContain('--name');
    expect((await rosterFails('app', 'create', '--company', 'NOPE')).out).toContain('tenant.not_found');
    expect((await rosterFails('company', 'init', 'NOPE', '--main-phone', '12')).code).toBe(1);
  });

  it('migrates an existing store without applying anything twice', async () => {
    expect(await roster('migrate')).toMatchObject({ applied: [] });
  });

  it('lets 20 processes write to one SQLite file at once, from a fresh folder', async () => {
    // Each process opens the store, migrates, resolves the data key and creates a company in a
    // read-then-write transaction: all of them must wait their turn, none may fail "database is locked".
    const shared = mkdtempSync(join(tmpdir(), 'roster-cli-many-'));
    try {
      const env = { ...process.env, ROSTER_DATA_DIR: shared };
      const runs = Array.from({ length: 20 }, (_, i) =>
        run(process.execPath, [BIN, 'company', 'create', '--name', `Co ${i}`, '--main-phone', '13800138000', '--json'], { env }).then(
          ({ stdout }) => JSON.parse(stdout) as { companyId: string },
          (error: { stdout?: string; stderr?: string }) => ({ failed: `${error.stdout ?? ''}${error.stderr ?? ''}` }),
        ),
      );
      const results = await Promise.all(runs);
      expect(results.filter((r) => 'failed' in r)).toEqual([]);
      expect(new Set(results.map((r) => (r as { companyId: string }).companyId)).size).toBe(20);
    } finally {
      rmSync(shared, { recursive: true, force: true });
    }
  }, 120_000);
});

const postgres = testDatabases().find((d) => d.name === 'postgres');

describe.skipIf(!built || !postgres)('roster on PostgreSQL', () => {
  it('names the database by host, port and name only, never a password', async () => {
    const { url, drop } = await freshPostgresDatabase(postgres!.databaseUrl!);
    try {
      // The test cluster trusts local connections, so these passwords are carried but not needed.
      const withSecrets = new URL(url);
      withSecrets.password = 'user-part-secret';
      withSecrets.searchParams.set('password', 'query-secret');
      withSecrets.searchParams.set('application_name', 'roster-cli-test');
      const dataDir = mkdtempSync(join(tmpdir(), 'roster-cli-pg-'));
      try {
        const { stdout, stderr } = await run(process.execPath, [BIN, 'migrate', '--json'], {
          env: { ...process.env, ROSTER_DATA_DIR: dataDir, DATABASE_URL: withSecrets.toString() },
        });
        expect(stdout + stderr).not.toMatch(/secret/);
        const { database, applied } = JSON.parse(stdout) as { database: string; applied: string[] };
        expect(applied.length).toBeGreaterThan(0);
        const plain = new URL(url);
        expect(database).toBe(`postgres://${plain.hostname}:${plain.port}${plain.pathname}`);
      } finally {
        rmSync(dataDir, { recursive: true, force: true });
      }
    } finally {
      await drop();
    }
  });
});
