/**
 * docs/clients.md as a client developer uses it: its generated tables match the code, its worked
 * signing examples come out bit for bit (by an independent implementation here and by Roster's
 * own), a real server accepts them, and its copy-paste programs (and the README's) run as written.
 */
import { execFile } from 'node:child_process';
import { createHash, createHmac } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import { hashAccessToken } from '../../src/app/token.service.js';
import { renderClientsDoc } from '../../src/contract/clients-doc.js';
import { benefitsSign, benefitsStringToSign } from '../../src/edge/benefits/sign.js';
import { caSign, caStringToSign, contentMd5, parseSignedHeaderNames } from '../../src/edge/iot/ca-signature.js';
import { testDatabases } from '../support/databases.js';
import { useRoster } from '../support/roster.js';

const ROOT = new URL('../../', import.meta.url);
const DOC = readFileSync(new URL('docs/clients.md', ROOT), 'utf8');
const README = readFileSync(new URL('README.md', ROOT), 'utf8');

/** The fenced block right after `<!-- example:NAME -->`. */
function example(name: string): string {
  const m = new RegExp(`<!-- example:${name} -->\\n\`\`\`[a-z]*\\n([\\s\\S]*?)\\n\`\`\``).exec(DOC);
  if (!m) throw new Error(`docs/clients.md has no example ${name}`);
  return m[1]!;
}

/** The first fenced block of `lang` that follows `heading` in `text`. */
function blockAfter(text: string, heading: string, lang: string): string {
  const from = text.indexOf(heading);
  if (from < 0) throw new Error(`no section ${heading}`);
  const m = new RegExp(`\`\`\`${lang}\\n([\\s\\S]*?)\\n\`\`\``).exec(text.slice(from));
  return m![1]!;
}

interface IotInput {
  appKey: string;
  appSecret: string;
  path: string;
  timestamp: string;
  nonce: string;
  body: string;
}
const IOT = JSON.parse(example('iot-input')) as IotInput;
const BENEFITS_TS = '1796000000';
const TOKEN = 'cde2c369fab499c0bf0643bb1844e70c';

describe('docs/clients.md', () => {
  it('has the endpoint and parameter-rule tables the code has (run `npm run docs` after changing a route)', () => {
    expect(DOC).toBe(renderClientsDoc(DOC));
  });

  it('reproduces the IoT worked example bit for bit, by hand and by the server code', () => {
    const md5 = createHash('md5').update(IOT.body, 'utf8').digest('base64');
    expect(example('iot-content-md5')).toBe(md5);
    const byHand = ['POST', 'application/json', md5, 'application/json', '', `x-ca-key:${IOT.appKey}`, `x-ca-nonce:${IOT.nonce}`, `x-ca-timestamp:${IOT.timestamp}`, IOT.path].join('\n');
    expect(example('iot-string-to-sign')).toBe(byHand);
    expect(example('iot-signature')).toBe(createHmac('sha256', IOT.appSecret).update(byHand, 'utf8').digest('base64'));

    const headers = { accept: 'application/json', 'content-type': 'application/json', 'content-md5': contentMd5(IOT.body), 'x-ca-key': IOT.appKey, 'x-ca-nonce': IOT.nonce, 'x-ca-timestamp': IOT.timestamp };
    const sts = caStringToSign({ method: 'POST', path: IOT.path, headers, query: {} }, parseSignedHeaderNames('x-ca-timestamp,x-ca-key,x-ca-nonce'));
    expect(sts).toBe(byHand);
    expect(caSign(IOT.appSecret, sts, 'HmacSHA256')).toBe(example('iot-signature'));
  });

  it('reproduces the benefits worked examples bit for bit, by hand and by the server code', () => {
    const cases = [
      ['token', { appid: IOT.appKey, grant_type: 'client_credential', timestamp: BENEFITS_TS }],
      ['get', { access_token: TOKEN, timestamp: BENEFITS_TS, userid: 'U001' }],
    ] as const;
    for (const [name, params] of cases) {
      const byHand = Object.entries({ ...params, appsecret: IOT.appSecret }).map(([k, v]) => `${k}=${v}`).sort().join('&');
      expect(example(`benefits-${name}-string-to-sign`)).toBe(byHand);
      expect(example(`benefits-${name}-sign`)).toBe(createHash('sha1').update(byHand, 'utf8').digest('hex'));
      expect(benefitsStringToSign(Object.entries(params), IOT.appSecret)).toBe(byHand);
      expect(benefitsSign(Object.entries(params), IOT.appSecret, 'sha1')).toBe(example(`benefits-${name}-sign`));
    }
  });
});

const run = (cmd: string, args: string[], env: Record<string, string>) =>
  new Promise<{ code: number; out: string }>((resolve) => {
    execFile(cmd, args, { cwd: ROOT, env: { ...process.env, ...env } }, (error, stdout, stderr) =>
      resolve({ code: error ? 1 : 0, out: stdout + stderr }),
    );
  });

for (const db of testDatabases()) {
  describe(`the documented requests against a real server (${db.name})`, () => {
    // The examples' clock: one second after their timestamps.
    const ctx = useRoster(db, { now: () => Number(IOT.timestamp) + 1000 });
    let companyId = '';
    beforeAll(async () => {
      const { c } = ctx();
      const company = await c.directory.createCompany({ name: '示例企业', main: { phone: '13800138000' } });
      companyId = company.companyId;
      await c.store.repos.apps.insertApp({ appKey: IOT.appKey, appSecret: IOT.appSecret, name: 'docs', kind: 'hosted', companyId, rateLimit: 0, signType: 'sha1', createdAt: 0 });
      await c.store.repos.credentials.insertAccessToken(hashAccessToken(TOKEN), IOT.appKey, Number(IOT.timestamp) + 3_600_000);
      const app = (await c.access.credentials(IOT.appKey))!;
      await c.benefitsEmployees.add(app, undefined, 'U001', { name: '张三', mobile: '13700137000', mobileArea: '86' });
    });

    it('accepts the IoT worked example exactly as documented', async () => {
      const res = await fetch(`${ctx().baseUrl}${IOT.path}`, {
        method: 'POST',
        body: IOT.body,
        headers: {
          accept: 'application/json',
          'content-type': 'application/json',
          'content-md5': example('iot-content-md5'),
          'x-ca-key': IOT.appKey,
          'x-ca-nonce': IOT.nonce,
          'x-ca-timestamp': IOT.timestamp,
          'x-ca-signature-headers': 'x-ca-key,x-ca-nonce,x-ca-timestamp',
          'x-ca-signature': example('iot-signature'),
        },
      });
      expect(await res.json()).toMatchObject({ id: '42', code: 200, data: { main: true } });
    });

    it('accepts the benefits worked examples exactly as documented', async () => {
      const token = await fetch(`${ctx().baseUrl}/token/create`, {
        method: 'POST',
        body: new URLSearchParams({ appid: IOT.appKey, grant_type: 'client_credential', timestamp: BENEFITS_TS, sign: example('benefits-token-sign') }),
      });
      expect(await token.json()).toMatchObject({ code: 0, data: { expires_in: 3600 } });
      const get = await fetch(`${ctx().baseUrl}/employee/get`, {
        method: 'POST',
        body: new URLSearchParams({ access_token: TOKEN, timestamp: BENEFITS_TS, userid: 'U001', sign: example('benefits-get-sign') }),
      });
      expect(await get.json()).toMatchObject({ code: 0, data: { userid: 'U001', name: '张三' } });
    });
  });
}

describe('copy-paste programs run as written', () => {
  const [sqlite] = testDatabases();
  const ctx = useRoster(sqlite!);
  let env: Record<string, string> = {};
  beforeAll(async () => {
    const { c, baseUrl } = ctx();
    const company = await c.directory.createCompany({ name: 'Copy Paste', main: { phone: '13900139000' } });
    const app = await c.directory.createApp({ companyId: company.companyId, rateLimit: 0 });
    await c.benefitsEmployees.add(app, undefined, 'U001', { name: '张三', mobile: '13700137000', mobileArea: '86' });
    env = { URL: baseUrl, KEY: app.appKey, SECRET: app.appSecret, COMPANY: company.companyId };
  });

  it("the README's Node snippet (the aliyun-api-gateway client, CommonJS)", async () => {
    const { code, out } = await run(process.execPath, ['--input-type=commonjs', '-e', blockAfter(README, '## Calling it', 'js')], env);
    expect(out).toMatch(/code: 200/);
    expect(code).toBe(0);
  });

  it('the aliyun-api-gateway and plain-fetch programs of docs/clients.md', async () => {
    const client = await run(process.execPath, ['--input-type=commonjs', '-e', blockAfter(DOC, '### Node: the `aliyun-api-gateway` client', 'js')], env);
    expect([client.code, client.out]).toEqual([0, expect.stringMatching(/code: 200/)]);
    const plain = await run(process.execPath, ['--input-type=module', '-e', blockAfter(DOC, '### Node: plain `fetch`', 'js')], env);
    expect(plain.code, plain.out).toBe(0);
    expect(plain.out).toMatch(/code: 200/);
    expect(plain.out).toMatch(/code: 0,[\s\S]*totalCount: 2/);
  });

  it('the curl examples of docs/clients.md (bash, curl, openssl)', async () => {
    const iot = await run('bash', ['-c', blockAfter(DOC, '### curl (bash, openssl)', 'sh')], env);
    expect(JSON.parse(iot.out)).toMatchObject({ code: 200 });
    const benefits = await run('bash', ['-c', blockAfter(DOC, 'Benefits: a token, then', 'sh')], env);
    expect(JSON.parse(benefits.out)).toMatchObject({ code: 0, data: { userid: 'U001' } });
  });
});
