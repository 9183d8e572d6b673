import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, describe, expect, it } from 'vitest';
import { testDatabases } from '../support/databases.js';
import { useAdmin } from './support.js';

const run = promisify(execFile);
const BIN = new URL('../../bin/roster.js', import.meta.url).pathname;
const built = existsSync(new URL('../../dist/main.js', import.meta.url));

interface Outcome {
  code: number;
  stdout: string;
  stderr: string;
}

/** Runs `roster …` as a separate process with only the given environment additions. */
async function roster(env: Record<string, string>, ...args: string[]): Promise<Outcome> {
  try {
    const { stdout, stderr } = await run(process.execPath, [BIN, ...args], { env: { PATH: process.env['PATH'] ?? '', ...env } });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const e = error as { code: number; stdout: string; stderr: string };
    return { code: e.code, stdout: e.stdout, stderr: e.stderr };
  }
}

const json = (o: Outcome) => {
  expect(o.code, o.stderr).toBe(0);
  return JSON.parse(o.stdout);
};

describe.skipIf(!built)('roster admin commands in-process (local store, no server, no token)', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'roster-cli-admin-'));
  afterAll(() => rmSync(dataDir, { recursive: true, force: true }));
  const local = (...args: string[]) => roster({ ROSTER_DATA_DIR: dataDir }, ...args);

  it('manages employees and apps through the in-process API', async () => {
    const { companyId } = json(await local('company', 'create', '--name', 'Acme', '--main-phone', '13800138000', '--json'));
    expect(json(await local('company', 'list', '--json')).companies.map((c: { companyId: string }) => c.companyId)).toEqual([companyId]);

    const bo = json(await local('employee', 'add', '--company', companyId, '--name', 'Bo', '--mobile', '13700137000', '--email', 'bo@x.example', '--userid', 'bo', '--json'));
    expect(bo).toMatchObject({ name: 'Bo', userid: 'bo', mobile: '13700137000', status: 'active' });
    json(await local('employee', 'add', '--company', companyId, '--name', 'Cy', '--userid', 'cy', '--json'));
    const listed = json(await local('employee', 'list', '--company', companyId, '--keyword', 'bo', '--json'));
    expect(listed.employees.map((e: { userid: string }) => e.userid)).toEqual(['bo']);
    expect(json(await local('employee', 'get', '--company', companyId, '--userid', 'bo', '--json')).employeeId).toBe(bo.employeeId);
    expect(json(await local('employee', 'update', '--company', companyId, '--userid', 'bo', '--name', 'Bob', '--json')).name).toBe('Bob');
    expect(json(await local('employee', 'resign', '--company', companyId, '--userid', 'bo', '--json')).status).toBe('resigned');
    expect(json(await local('employee', 'restore', '--company', companyId, '--userid', 'bo', '--json')).status).toBe('active');
    expect(json(await local('employee', 'delete', '--company', companyId, '--userid', 'cy', '--json'))).toMatchObject({ deleted: true, userid: 'cy' });
    expect((await local('employee', 'get', '--company', companyId, '--userid', 'cy')).code).toBe(1);
    expect(json(await local('employee', 'list', '--company', companyId, '--json')).employees.map((e: { name: string }) => e.name)).toEqual([expect.any(String), 'Bob']);

    const { appKey, appSecret } = json(await local('app', 'create', '--company', companyId, '--json'));
    const apps = await local('app', 'list', '--company', companyId, '--json');
    expect(json(apps).apps.map((a: { appKey: string }) => a.appKey)).toEqual([appKey]);
    expect(apps.stdout).not.toContain(appSecret);
    const rotated = json(await local('app', 'rotate', '--app', appKey, '--json'));
    expect(rotated.appSecret).toMatch(/^[0-9a-f]{32}$/);
    expect(rotated.appSecret).not.toBe(appSecret);
    expect(json(await local('app', 'disable', '--app', appKey, '--json')).disabled).toBe(true);
    expect(json(await local('app', 'enable', '--app', appKey, '--json')).disabled).toBe(false);
  }, 120_000);

  it('says what went wrong in words, or as JSON with --json, and exits 1', async () => {
    const { companyId } = json(await local('company', 'create', '--name', 'Errs', '--json'));
    const human = await local('employee', 'get', '--company', companyId, '--userid', 'nobody');
    expect(human.code).toBe(1);
    expect(human.stderr).toContain('No such employee');
    expect(human.stderr).toContain('employee.not_found');
    const machine = await local('employee', 'add', '--company', companyId, '--name', 'X', '--dept', 'NOPE', '--json');
    expect(machine.code).toBe(1);
    expect(JSON.parse(machine.stdout)).toMatchObject({ error: 'department.unknown', message: expect.stringContaining('No such department') });
  });

  it('creates operator tokens once, scoped or not, and revokes them', async () => {
    const made = json(await local('admin', 'token', 'create', '--name', 'ci', '--json'));
    expect(made.token).toMatch(/^rst_[0-9a-f]{64}$/);
    const listed = json(await local('admin', 'token', 'list', '--json')).tokens;
    expect(listed.find((t: { tokenId: string }) => t.tokenId === made.tokenId)).toMatchObject({ name: 'ci', companyId: null, revokedAt: null });
    expect(JSON.stringify(listed)).not.toContain(made.token);
    const { companyId } = json(await local('company', 'create', '--name', 'Scoped', '--json'));
    expect(json(await local('admin', 'token', 'create', '--company', companyId, '--json')).companyId).toBe(companyId);
    expect((await local('admin', 'token', 'create', '--company', 'F'.repeat(32), '--json')).code).toBe(1);
    expect(json(await local('admin', 'token', 'revoke', made.tokenId, '--json')).revoked).toBe(true);
    expect((await local('admin', 'token', 'revoke', made.tokenId, '--json')).code).toBe(1);
  });

  it('sets the console password of the main account, or of an employee by userid (made an admin)', async () => {
    const { companyId } = json(await local('company', 'create', '--name', 'Pw', '--main-phone', '13800138001', '--json'));
    const main = json(await local('admin', 'password', 'set', '--company', companyId, '--password', 'Corr3ct-Horse', '--json'));
    expect(main).toEqual({ ok: true, companyId, employeeId: expect.any(String) });
    expect(json(await local('employee', 'list', '--company', companyId, '--json')).employees).toEqual([expect.objectContaining({ employeeId: main.employeeId, isMain: true })]);
    const it = json(await local('employee', 'add', '--company', companyId, '--name', 'IT', '--userid', 'it', '--json'));
    expect(it.isAdmin).toBe(false);
    expect(json(await local('admin', 'password', 'set', '--company', companyId, '--userid', 'it', '--password', 'Batt3ry-Staple', '--json'))).toEqual({ ok: true, companyId, employeeId: it.employeeId });
    expect(json(await local('employee', 'get', '--company', companyId, '--userid', 'it', '--json')).isAdmin).toBe(true);
    const weak = await local('admin', 'password', 'set', '--company', companyId, '--password', 'short', '--json');
    expect(weak.code).toBe(1);
    expect(JSON.parse(weak.stdout)).toMatchObject({ error: 'request.invalid_params', message: expect.stringContaining('password') });
    const bare = json(await local('company', 'create', '--name', 'Bare', '--json'));
    expect(JSON.parse((await local('admin', 'password', 'set', '--company', bare.companyId, '--password', 'Corr3ct-Horse', '--json')).stdout).error).toBe('company.not_initialized');
  }, 120_000);

  it('prints help per command with examples', async () => {
    const viaHelp = await local('help', 'employee', 'add');
    expect(viaHelp.stdout).toContain('usage: roster employee add --company ID --name N');
    expect(viaHelp.stdout).toContain('examples:');
    expect((await local('app', 'rotate', '--help')).stdout).toContain('--overlap');
    expect((await local('admin', 'password', 'set', '--help')).stdout).toContain('usage: roster admin password set --company ID --password P [--userid U]');
  });
});

const [sqlite] = testDatabases();
describe.skipIf(!built)('roster admin commands against a live server (--url, --token)', () => {
  const ctx = useAdmin(sqlite!);
  const elsewhere = mkdtempSync(join(tmpdir(), 'roster-cli-remote-'));
  afterAll(() => rmSync(elsewhere, { recursive: true, force: true }));

  it('reaches the remote server, by flags or by ROSTER_URL/ROSTER_TOKEN, and refuses a bad token', async () => {
    const { c, baseUrl, token } = ctx();
    const company = await c.directory.createCompany({ name: 'Remote Co' });
    // A data folder of its own: whatever it lists came over the wire.
    const env = { ROSTER_DATA_DIR: elsewhere };
    const byFlags = json(await roster(env, 'company', 'list', '--url', baseUrl, '--token', token, '--json'));
    expect(byFlags.companies.map((x: { companyId: string }) => x.companyId)).toContain(company.companyId);
    const byEnv = { ...env, ROSTER_URL: baseUrl, ROSTER_TOKEN: token };
    const added = json(await roster(byEnv, 'employee', 'add', '--company', company.companyId, '--name', 'Rem', '--userid', 'rem', '--json'));
    expect((await c.store.repos.employees(company.companyId).getByUserid('rem'))?.employeeId).toBe(added.employeeId);
    const bad = await roster({ ...env, ROSTER_URL: baseUrl, ROSTER_TOKEN: 'rst_bad' }, 'company', 'list', '--json');
    expect(bad.code).toBe(1);
    expect(JSON.parse(bad.stdout).error).toBe('auth.invalid_token');
    const noToken = await roster(env, 'company', 'list', '--url', baseUrl);
    expect(noToken.code).toBe(1);
    expect(noToken.stderr).toContain('--token');
  });
});
