import { randomBytes, randomInt } from 'node:crypto';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { afterEach, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config/load.js';
import { buildContainer } from '../../src/container.js';
import type { AppCredentials } from '../../src/domain/app.js';
import { docsPost, docsToken } from '../benefits/support/docs-style.js';
import { envelope, PATHS, signedPost } from '../iot/support.js';
import { freshPostgresDatabase, testDatabases } from '../support/databases.js';
import { startPostgresCluster, type PostgresCluster } from '../support/postgres-cluster.js';
import { startServerProcess, type ServerProcess } from './support/server-process.js';

const postgres = testDatabases().find((d) => d.name === 'postgres');
const built = existsSync(new URL('../../dist/main.js', import.meta.url));
const SYSTEM_ERROR = { code: 1000310010, msg: 'system error!', data: null };
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const mobile = () => `137${String(randomInt(0, 100_000_000)).padStart(8, '0')}`;
const userid = () => `u${randomBytes(6).toString('hex')}`;

/** Runs one statement on its own connection to `url`. */
async function adminQuery<T extends pg.QueryResultRow>(url: string, text: string, values: unknown[] = []): Promise<T[]> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return (await client.query<T>(text, values)).rows;
  } finally {
    await client.end();
  }
}

/** Polls until `probe` gives a value (or gives up after ~10 s). */
async function eventually<T>(probe: () => Promise<T | undefined>): Promise<T> {
  for (let i = 0; i < 200; i++) {
    const value = await probe();
    if (value !== undefined) return value;
    await sleep(50);
  }
  throw new Error('condition not met in time');
}

/** A company with a hosted app on the store at `url`, made the way `roster` makes them. */
async function enterpriseOn(url: string, dataDir: string, dataKey: string): Promise<AppCredentials & { companyId: string }> {
  const c = await buildContainer(loadConfig({}, { databaseUrl: url, dataDir, dataKey, logLevel: 'silent' }));
  try {
    const company = await c.directory.createCompany({ name: 'Acme', main: { phone: mobile(), name: 'Ada' } });
    const app = await c.directory.createApp({ companyId: company.companyId, rateLimit: 0 });
    return { ...app, companyId: company.companyId };
  } finally {
    await c.close();
  }
}

/**
 * PostgreSQL going away under Roster — an operator's pg_terminate_backend, a fast restart — fails
 * the requests in flight with the server-error code; Roster itself stays up and serves again as soon
 * as the server is back, without a restart.
 */
describe.skipIf(!postgres)('PostgreSQL failures under a running Roster', () => {
  const cleanups: Array<() => Promise<void>> = [];
  afterEach(async () => {
    for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
  });
  const dataDir = () => {
    const dir = mkdtempSync(join(tmpdir(), 'roster-pgfail-'));
    cleanups.push(async () => rmSync(dir, { recursive: true, force: true }));
    return dir;
  };

  it('survives its connection being terminated between statements of a transaction; the next transaction succeeds', async () => {
    const { url, drop } = await freshPostgresDatabase(postgres!.databaseUrl!);
    cleanups.push(drop);
    const uncaught: unknown[] = [];
    const record = (error: unknown) => uncaught.push(error);
    process.on('uncaughtException', record);
    cleanups.push(async () => void process.off('uncaughtException', record));
    const c = await buildContainer(loadConfig({}, { databaseUrl: url, dataDir: dataDir(), logLevel: 'silent' }));
    cleanups.push(() => c.close());
    const database = new URL(url).pathname.slice(1);

    const inTransaction = c.store.transaction(async (repos) => {
      await repos.tenants.hasAnyCompany();
      // The connection now sits idle inside the transaction: no query in flight to take the error.
      const [victim] = await adminQuery<{ pid: number }>(
        postgres!.databaseUrl!,
        "select pid from pg_stat_activity where datname = $1 and state = 'idle in transaction'",
        [database],
      );
      await adminQuery(postgres!.databaseUrl!, 'select pg_terminate_backend($1)', [victim!.pid]);
      await eventually(async () => {
        const rows = await adminQuery(postgres!.databaseUrl!, 'select 1 from pg_stat_activity where pid = $1', [victim!.pid]);
        return rows.length === 0 ? true : undefined;
      });
      await sleep(100); // the server's goodbye reaches this process's socket
      return repos.tenants.hasAnyCompany();
    });

    await expect(inTransaction).rejects.toThrow();
    expect(uncaught).toEqual([]);
    const company = await c.directory.createCompany({ name: 'After', main: { phone: mobile(), name: 'Bo' } });
    expect((await c.store.repos.tenants.getCompany(company.companyId))?.companyName).toBe('After');
  });

  it.skipIf(!built)('answers the server-error code (benefits 1000310010, IoT 500) for requests whose connection is terminated, and serves the next ones', async () => {
    const { url, drop } = await freshPostgresDatabase(postgres!.databaseUrl!);
    cleanups.push(drop);
    const dir = dataDir();
    const dataKey = randomBytes(32).toString('hex');
    const app = await enterpriseOn(url, dir, dataKey);
    // The cluster trusts local connections: the password is carried, not needed — and never printed.
    const server = await startServerProcess({ DATABASE_URL: `${url}?password=serve-secret`, ROSTER_DATA_DIR: dir, ROSTER_DATA_KEY: dataKey });
    cleanups.push(() => server.stop());
    const database = new URL(url).pathname.slice(1);
    expect(server.output()).toContain(`(postgres: postgres://127.0.0.1:${new URL(url).port}/${database})`);
    expect(server.output()).not.toContain('serve-secret');
    const token = await docsToken(server.baseUrl, app);
    const iotQuery = () => signedPost(server.baseUrl, app, PATHS.query, envelope('query', { companyId: app.companyId, pageNo: 1, pageSize: 10 }));

    /** Holds the employees table so `request` stops on it, ends that session, and returns the answer. */
    async function cutOff<T>(request: () => Promise<T>, inTransaction: boolean): Promise<T> {
      const blocker = new pg.Client({ connectionString: url });
      await blocker.connect();
      try {
        await blocker.query('begin');
        await blocker.query('lock table employees in access exclusive mode');
        const answer = request();
        const stuck = await eventually(async () => {
          const rows = await adminQuery<{ pid: number; in_tx: boolean }>(
            postgres!.databaseUrl!,
            "select pid, xact_start < query_start as in_tx from pg_stat_activity where datname = $1 and wait_event_type = 'Lock' and pid <> $2",
            [database, (blocker as unknown as { processID: number }).processID],
          );
          return rows[0];
        });
        if (inTransaction) expect(stuck.in_tx).toBe(true);
        await adminQuery(postgres!.databaseUrl!, 'select pg_terminate_backend($1)', [stuck.pid]);
        return await answer;
      } finally {
        await blocker.query('rollback').catch(() => {});
        await blocker.end();
      }
    }

    // A write, stopped inside its transaction (an earlier statement of it already ran).
    const write = await cutOff(() => docsPost(server.baseUrl, '/employee/add', token, app, { userid: userid(), name: 'Cy', mobile: mobile() }), true);
    expect(write.body).toEqual(SYSTEM_ERROR);
    expect(server.alive()).toBe(true);
    const next = await docsPost(server.baseUrl, '/employee/add', token, app, { userid: userid(), name: 'Di', mobile: mobile() });
    expect(next.body.code, server.output()).toBe(0);

    // An IoT read.
    const read = await cutOff(iotQuery, false);
    expect(read.status).toBe(200);
    expect(JSON.parse(read.text)).toMatchObject({ code: 500, message: 'Server Error', data: null });
    expect(server.alive()).toBe(true);
    const again = await iotQuery();
    expect(JSON.parse(again.text).code, server.output()).toBe(200);
  });
});

describe.skipIf(!postgres || !built)('PostgreSQL restarted under load', () => {
  let cluster: PostgresCluster | undefined;
  let server: ServerProcess | undefined;
  let dir: string | undefined;
  afterEach(async () => {
    await server?.stop();
    await cluster?.stop();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it('keeps serving through `pg_ctl restart -m fast`: in-flight writes fail with 1000310010, later ones succeed, none acknowledged is lost', async () => {
    // Its own cluster: restarting the shared one would disturb the other suites.
    cluster = await startPostgresCluster();
    dir = mkdtempSync(join(tmpdir(), 'roster-pgrestart-'));
    const dataKey = randomBytes(32).toString('hex');
    const app = await enterpriseOn(cluster.url, dir, dataKey);
    server = await startServerProcess({ DATABASE_URL: cluster.url, ROSTER_DATA_DIR: dir, ROSTER_DATA_KEY: dataKey });
    const baseUrl = server.baseUrl;
    const token = await docsToken(baseUrl, app);

    const acknowledged: string[] = [];
    const outcomes = new Map<string, number>();
    let running = true;
    const worker = async () => {
      while (running) {
        const id = userid();
        let outcome: string;
        try {
          const reply = await docsPost(baseUrl, '/employee/add', token, app, { userid: id, name: 'Ed', mobile: mobile() });
          if (reply.body.code === 0) acknowledged.push(id);
          outcome = reply.body.code === 0 ? 'ok' : JSON.stringify(reply.body);
        } catch (error) {
          outcome = `network: ${(error as Error).message}`;
        }
        outcomes.set(outcome, (outcomes.get(outcome) ?? 0) + 1);
      }
    };
    const load = Promise.all([worker(), worker(), worker(), worker()]);
    await eventually(async () => (acknowledged.length >= 20 ? true : undefined));
    // Make sure writes are inside their transactions when the server goes: hold the employees table
    // until the restart cuts every session, this one included.
    const blocker = new pg.Client({ connectionString: cluster.url });
    blocker.on('error', () => {});
    await blocker.connect();
    await blocker.query('begin');
    await blocker.query('lock table employees in access exclusive mode');
    await eventually(async () => {
      const rows = await adminQuery(cluster!.url, "select 1 from pg_stat_activity where wait_event_type = 'Lock' and xact_start is not null");
      return rows.length >= 2 ? true : undefined;
    });
    await cluster.restart();
    await blocker.end().catch(() => {});
    const before = acknowledged.length;
    await eventually(async () => {
      if (!server!.alive()) throw new Error(`roster died with the database:\n${server!.output()}`);
      return acknowledged.length >= before + 20 ? true : undefined;
    });
    running = false;
    await load;

    expect(server.alive(), server.output()).toBe(true);
    const unexpected = [...outcomes.keys()].filter((k) => k !== 'ok' && k !== JSON.stringify(SYSTEM_ERROR));
    expect(unexpected, server.output()).toEqual([]);
    expect(outcomes.get(JSON.stringify(SYSTEM_ERROR))).toBeGreaterThanOrEqual(2);
    for (const id of acknowledged) {
      expect((await docsPost(baseUrl, '/employee/get', token, app, { userid: id })).body.code, id).toBe(0);
    }
  }, 120_000);
});
