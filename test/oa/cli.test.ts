/**
 * The OA and session commands as an operator runs them (a real `roster` process on a real data
 * folder): connector add / list / test / remove, app create --oa --sessions, app set-oa, session
 * revoke, and ROSTER_DEV_OA=off. Secrets are sealed in the database and never printed back.
 */
import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startWecomFake, type WecomFake } from './fakes/wecom.fake.js';

const run = promisify(execFile);
const BIN = new URL('../../bin/roster.js', import.meta.url).pathname;
const built = existsSync(new URL('../../dist/main.js', import.meta.url));

describe.skipIf(!built)('roster oa / app / session commands', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'roster-oa-cli-'));
  let wecom: WecomFake;
  beforeAll(async () => {
    wecom = await startWecomFake();
  });
  afterAll(async () => {
    await wecom.close();
    rmSync(dataDir, { recursive: true, force: true });
  });

  async function roster(env: Record<string, string>, ...args: string[]): Promise<{ code: number; out: Record<string, unknown> }> {
    try {
      const { stdout } = await run(process.execPath, [BIN, ...args, '--json'], { env: { ...process.env, ROSTER_DATA_DIR: dataDir, ...env } });
      return { code: 0, out: JSON.parse(stdout) as Record<string, unknown> };
    } catch (error) {
      const e = error as { code: number; stdout: string };
      return { code: e.code, out: JSON.parse(e.stdout) as Record<string, unknown> };
    }
  }
  const ok = async (...args: string[]) => {
    const r = await roster({}, ...args);
    expect(r.code).toBe(0);
    return r.out;
  };

  it('adds, lists (secrets redacted), tests and removes connectors; apps name theirs', async () => {
    const { companyId } = (await ok('company', 'create', '--name', 'OA Co', '--main-phone', '13800138000')) as { companyId: string };
    const config = JSON.stringify({ corpId: wecom.corpId, agentId: 1000002, secret: wecom.secret, apiBaseUrl: wecom.url });
    const { connectorId } = (await ok('oa', 'connector', 'add', '--company', companyId, '--kind', 'wecom', '--config', config, '--name', '企业微信')) as { connectorId: string };
    expect(connectorId).toMatch(/^[a-z0-9]{40}$/);

    const listed = (await ok('oa', 'connector', 'list', '--company', companyId)).connectors as Array<Record<string, unknown>>;
    expect(listed).toEqual([{ connectorId, kind: 'wecom', name: '企业微信', config: { corpId: wecom.corpId, agentId: '1000002', secret: '***', apiBaseUrl: wecom.url }, createdAt: expect.any(Number), updatedAt: expect.any(Number) }]);
    expect(JSON.stringify(listed)).not.toContain(wecom.secret);

    // Sealed at rest, like AppSecrets.
    const sqlite = new Database(join(dataDir, 'roster.sqlite'), { readonly: true });
    const raw = sqlite.prepare('select config_enc from oa_connectors where connector_id = ?').get(connectorId) as { config_enc: string };
    sqlite.close();
    expect(raw.config_enc).toMatch(/^v2\./);
    expect(raw.config_enc).not.toContain(wecom.secret);

    expect(await ok('oa', 'connector', 'test', '--connector', connectorId)).toMatchObject({ connectorId, kind: 'wecom', ok: true, detail: expect.stringContaining('app token fetched') });

    const app = await ok('app', 'create', '--company', companyId, '--oa', connectorId, '--sessions', '3');
    expect(app).toMatchObject({ kind: 'hosted', oaConnectorId: connectorId, sessions: 3 });
    expect(await ok('app', 'set-oa', '--app', app.appKey as string, '--connector', connectorId)).toEqual({ appKey: app.appKey, connectorId });

    const other = (await ok('company', 'create', '--name', 'Other', '--main-phone', '13900139000')) as { companyId: string };
    expect((await roster({}, 'app', 'create', '--company', other.companyId, '--oa', connectorId)).out).toEqual({ error: 'request.invalid_params', message: 'oaConnectorId belongs to a company the app does not serve' });

    expect(await ok('session', 'revoke', '--employee', 'nobody')).toEqual({ revoked: 0 });
    // A rotated secret: the same connector, the new config (the old secret now fails the test).
    const rotated = JSON.stringify({ corpId: wecom.corpId, agentId: 1000002, secret: 'rotated-wrong', apiBaseUrl: wecom.url });
    expect(await ok('oa', 'connector', 'update', '--connector', connectorId, '--config', rotated)).toEqual({ connectorId, updated: true });
    expect(await ok('oa', 'connector', 'test', '--connector', connectorId)).toMatchObject({ ok: false, detail: expect.stringContaining('40001') });
    expect((await roster({}, 'oa', 'connector', 'update', '--connector', connectorId, '--config', '{"corpId":"x"}')).out).toEqual({ error: 'request.invalid_params', message: 'config.agentId is required' });
    expect(await ok('oa', 'connector', 'remove', '--connector', connectorId)).toEqual({ connectorId, removed: true });
    expect((await ok('oa', 'connector', 'list', '--company', companyId)).connectors).toEqual([]);
    expect((await roster({}, 'oa', 'connector', 'test', '--connector', connectorId)).code).toBe(1);
  });

  it('refuses a bad config naming the key, and an unknown kind', async () => {
    const { companyId } = (await ok('company', 'create', '--name', 'Bad Co')) as { companyId: string };
    const bad = await roster({}, 'oa', 'connector', 'add', '--company', companyId, '--kind', 'dingtalk', '--config', '{"clientId":"a","corpId":"c"}');
    expect(bad).toEqual({ code: 1, out: { error: 'request.invalid_params', message: 'config.clientSecret is required' } });
    const kind = await roster({}, 'oa', 'connector', 'add', '--company', companyId, '--kind', 'slack', '--config', '{}');
    expect(kind.out).toEqual({ error: 'request.invalid_params', message: '--kind must be one of dingtalk, wecom, feishu, oidc, dev' });
  });

  it('ROSTER_DEV_OA=off refuses roster oa code', async () => {
    const { companyId } = (await ok('company', 'create', '--name', 'Prod Co', '--main-phone', '13700137000')) as { companyId: string };
    expect((await roster({}, 'oa', 'code', '--company', companyId, '--phone', '13600136000', '--name', 'X')).code).toBe(0);
    const off = await roster({ ROSTER_DEV_OA: 'off' }, 'oa', 'code', '--company', companyId, '--phone', '13600136000', '--name', 'X');
    expect(off).toEqual({ code: 1, out: { error: 'request.invalid_params', message: 'oa code the development OA is off (ROSTER_DEV_OA=off)' } });
  });
});
