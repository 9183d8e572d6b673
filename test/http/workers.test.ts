/**
 * `roster serve --workers N`: N processes on one port sharing the store. A captured request is
 * accepted once whichever worker each copy reaches (the nonce store is the shared database), and
 * killing a worker neither stops the service nor leaves it short: the primary starts a new one.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { createHmac, randomUUID } from 'node:crypto';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config/load.js';
import { buildContainer } from '../../src/container.js';
import { freshPostgresDatabase, testDatabases } from '../support/databases.js';
import { PATHS, envelope, md5, stringToSign, type Signer } from '../iot/support.js';

const BIN = new URL('../../bin/roster.js', import.meta.url).pathname;
const DIST = new URL('../../dist/main.js', import.meta.url);

interface Captured {
  headers: Record<string, string>;
  body: Buffer;
}

function capture(app: Signer, body: unknown): Captured {
  const raw = Buffer.from(JSON.stringify(body), 'utf8');
  const headers: Record<string, string> = {
    'x-ca-timestamp': String(Date.now()),
    'x-ca-key': app.appKey,
    'x-ca-nonce': randomUUID(),
    accept: 'application/json',
    'content-type': 'application/json',
    'content-md5': md5(raw),
  };
  const signed = ['x-ca-key', 'x-ca-nonce', 'x-ca-timestamp'];
  headers['x-ca-signature-headers'] = signed.join(',');
  headers['x-ca-signature'] = createHmac('sha256', app.appSecret).update(stringToSign('POST', PATHS.query, '', headers, signed, raw)).digest('base64');
  return { headers, body: raw };
}

/** One POST on a connection of its own, so that the cluster hands each copy to the next worker. */
function sendFresh(baseUrl: string, c: Captured): Promise<{ status: number; text: string }> {
  return new Promise((resolve, reject) => {
    const req = request(`${baseUrl}${PATHS.query}`, { method: 'POST', headers: c.headers, agent: false }, (res) => {
      let text = '';
      res.on('data', (chunk: Buffer) => (text += chunk.toString()));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, text }));
    });
    req.on('error', reject);
    req.end(c.body);
  });
}

/** Starts the cluster; resolves once every worker listens. `output()` holds what it printed. */
async function startCluster(env: Record<string, string>, workers: number) {
  const child: ChildProcess = spawn(process.execPath, [BIN, 'serve', '--port', '0', '--workers', String(workers), '--no-demo'], {
    env: { ...process.env, ROSTER_LOG_LEVEL: 'error', ROSTER_DEFAULT_RATE_LIMIT: '0', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stderr!.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stdout!.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const waitFor = (test: () => boolean) =>
    new Promise<void>((resolve, reject) => {
      const timer = setInterval(() => {
        if (test()) return clearInterval(timer), resolve();
        if (child.exitCode !== null) clearInterval(timer), reject(new Error(`roster serve exited:\n${output}`));
      }, 20);
    });
  const listening = () => [...output.matchAll(/Roster (?:\S+ )?listening on (http:\/\/\S+)/g)].map((m) => m[1]!);
  const started = () => [...output.matchAll(/worker pid (\d+) started/g)].map((m) => Number(m[1]));
  await waitFor(() => listening().length >= workers);
  return {
    child,
    baseUrl: listening()[0]!,
    output: () => output,
    listening,
    started,
    waitFor,
    async stop() {
      child.kill('SIGTERM');
      await exited;
    },
  };
}

for (const db of testDatabases()) {
  describe.skipIf(!existsSync(DIST))(`roster serve --workers 2 (${db.name})`, () => {
    it('accepts a request signed once exactly once across workers, and keeps serving when a worker is killed', async () => {
      const dataDir = mkdtempSync(join(tmpdir(), 'roster-workers-'));
      const pg = db.databaseUrl ? await freshPostgresDatabase(db.databaseUrl) : undefined;
      const env: Record<string, string> = { ROSTER_DATA_DIR: dataDir, ...(pg ? { DATABASE_URL: pg.url } : {}) };
      const c = await buildContainer(loadConfig({}, { dataDir, databaseUrl: pg?.url, logLevel: 'silent' }));
      const company = await c.directory.createCompany({ name: '多进程', main: { phone: '13900003333', name: '丙', email: 'c@example.com' } });
      const app = await c.directory.createApp({ companyId: company.companyId, rateLimit: 0 });
      await c.close();
      const query = () => envelope('query', { companyId: company.companyId, pageNo: 1, pageSize: 10 });
      const cluster = await startCluster(env, 2);
      try {
        const [first, second] = cluster.listening();
        expect(second).toBe(first); // one port

        // Copies on fresh connections go to the workers in turn: exactly one is accepted.
        const captured = capture(app, query());
        const copies = [];
        for (let i = 0; i < 6; i++) copies.push(await sendFresh(cluster.baseUrl, captured));
        expect(copies.filter((r) => r.status === 200), cluster.output()).toHaveLength(1);
        for (const r of copies.filter((x) => x.status !== 200)) expect(r.status).toBe(400);

        // Kill one worker: every request still succeeds, and the primary starts a replacement.
        const [victim] = cluster.started();
        process.kill(victim!, 'SIGKILL');
        await cluster.waitFor(() => cluster.output().includes(`worker pid ${victim} exited`));
        for (let i = 0; i < 4; i++) {
          const res = await sendFresh(cluster.baseUrl, capture(app, query()));
          expect(res.status, res.text).toBe(200);
          expect(JSON.parse(res.text).code).toBe(200);
        }
        await cluster.waitFor(() => cluster.listening().length >= 3);
        expect(cluster.started()).toHaveLength(3);
        const res = await sendFresh(cluster.baseUrl, capture(app, query()));
        expect(JSON.parse(res.text).code).toBe(200);
      } finally {
        await cluster.stop();
        expect(cluster.child.exitCode).toBe(0);
        rmSync(dataDir, { recursive: true, force: true });
        await pg?.drop();
      }
    });
  });
}
