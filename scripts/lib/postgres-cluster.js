// A throw-away PostgreSQL 15 cluster for `npm run fuzz` and `npm run chaos`, which run as plain Node
// (no TypeScript loader), with the controls chaos needs: restart (`pg_ctl restart -m fast`) and a
// kill -9 of the postmaster followed by a start. It follows test/support/postgres-cluster.ts (same
// binaries lookup, same `runuser -u postgres` when we are root) and differs in one setting on
// purpose: synchronous_commit stays on (PostgreSQL's default), so a commit PostgreSQL acknowledged
// survives a kill of the postmaster and "an acknowledged write was lost" means Roster lost it.
import { spawn, spawnSync } from 'node:child_process';
import { accessSync, constants, readFileSync, realpathSync, rmSync } from 'node:fs';
import { chown, mkdtemp, readFile, rm } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import pg from 'pg';

const PG_MAJOR = 15;
const SUPERUSER = 'postgres';

const isExecutable = (file) => {
  try {
    accessSync(file, constants.X_OK);
    return true;
  } catch {
    return false;
  }
};

/** The folder of PostgreSQL 15's initdb, pg_ctl and postgres: from PATH, else the Debian folder. */
export function findPostgresBinDir() {
  const candidates = [];
  for (const dir of (process.env.PATH ?? '').split(path.delimiter)) {
    if (dir && isExecutable(path.join(dir, 'initdb'))) candidates.push(path.dirname(realpathSync(path.join(dir, 'initdb'))));
  }
  candidates.push(`/usr/lib/postgresql/${PG_MAJOR}/bin`);
  for (const dir of new Set(candidates)) {
    if (!['initdb', 'pg_ctl', 'postgres'].every((n) => isExecutable(path.join(dir, n)))) continue;
    const version = spawnSync(path.join(dir, 'initdb'), ['--version'], { encoding: 'utf8' }).stdout ?? '';
    if (new RegExp(`\\(PostgreSQL\\)\\s+${PG_MAJOR}\\b`).test(version)) return dir;
  }
  throw new Error(`PostgreSQL ${PG_MAJOR} server binaries not found (PATH, /usr/lib/postgresql/${PG_MAJOR}/bin)`);
}

const asRoot = () => typeof process.getuid === 'function' && process.getuid() === 0;

function cleanEnv() {
  const env = Object.fromEntries(Object.entries(process.env).filter(([k]) => !k.startsWith('PG')));
  return { ...env, LC_ALL: 'C' };
}

function run(cwd, file, args, timeoutMs = 120_000) {
  const [command, argv] = asRoot() ? ['runuser', ['-u', SUPERUSER, '--', file, ...args]] : [file, args];
  return new Promise((resolve, reject) => {
    const child = spawn(command, argv, { cwd, env: cleanEnv(), stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    child.stdout.on('data', (c) => (output += c));
    child.stderr.on('data', (c) => (output += c));
    const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
    child.on('error', (e) => reject(new Error(`could not run ${command}: ${e.message}`)));
    // 'exit', not 'close': the postmaster it starts may hold our pipes open.
    child.on('exit', (code) => {
      clearTimeout(timer);
      resolve({ code, output: output.trim() });
    });
  });
}

function freePort() {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });
}

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

/**
 * Starts a cluster in a temp folder and creates database `roster`. Resolves
 * `{ url, restartFast(), killPostmaster(), start(), stop() }`; `stop` is also run on process exit.
 */
export async function startPostgresCluster() {
  const binDir = findPostgresBinDir();
  const pgCtl = path.join(binDir, 'pg_ctl');
  const dir = await mkdtemp(path.join(tmpdir(), 'roster-chaos-pg-'));
  const dataDir = path.join(dir, 'data');
  const logFile = path.join(dir, 'postgres.log');
  if (asRoot()) {
    const id = (flag) => Number(spawnSync('id', [flag, SUPERUSER], { encoding: 'utf8' }).stdout.trim());
    await chown(dir, id('-u'), id('-g'));
  }
  const init = await run(dir, path.join(binDir, 'initdb'), ['-D', dataDir, '-A', 'trust', '-U', SUPERUSER, '--no-sync', '--no-locale', '-E', 'UTF8']);
  if (init.code !== 0) throw new Error(`initdb failed:\n${init.output}`);

  const port = await freePort();
  const options = [`-c listen_addresses=127.0.0.1`, `-p ${port}`, `-k ${dir}`, '-c fsync=off', '-c max_connections=200'].join(' ');
  let stopped = false;
  const stopSync = () => {
    if (stopped) return;
    const argv = ['stop', '-D', dataDir, '-m', 'immediate', '-w'];
    if (asRoot()) spawnSync('runuser', ['-u', SUPERUSER, '--', pgCtl, ...argv], { cwd: dir, stdio: 'ignore' });
    else spawnSync(pgCtl, argv, { cwd: dir, stdio: 'ignore' });
    rmSync(dir, { recursive: true, force: true });
  };
  process.on('exit', stopSync);

  const logTail = async () => (await readFile(logFile, 'utf8').catch(() => '')).trim().split('\n').slice(-15).join('\n');
  /** `pg_ctl start`, retried while the old postmaster's children still hold shared memory. */
  const start = async () => {
    for (let attempt = 1; ; attempt++) {
      const result = await run(dir, pgCtl, ['-w', '-t', '60', '-D', dataDir, '-l', logFile, '-o', options, 'start']);
      if (result.code === 0) return;
      if (attempt >= 10) throw new Error(`pg_ctl start failed:\n${result.output}\n${await logTail()}`);
      await sleep(500);
    }
  };
  await start();
  const admin = new pg.Client({ host: '127.0.0.1', port, user: SUPERUSER, database: 'postgres' });
  await admin.connect();
  await admin.query('create database roster');
  await admin.end();

  return {
    url: `postgres://${SUPERUSER}@127.0.0.1:${port}/roster`,
    port,
    /** `pg_ctl restart -m fast`: every session is terminated, the server comes back. */
    async restartFast() {
      const result = await run(dir, pgCtl, ['restart', '-w', '-t', '60', '-m', 'fast', '-D', dataDir, '-l', logFile, '-o', options]);
      if (result.code !== 0) throw new Error(`pg_ctl restart failed:\n${result.output}\n${await logTail()}`);
    },
    /** kill -9 of the postmaster (its backends follow); the server stays down until `start()`. */
    async killPostmaster() {
      const pid = Number(readFileSync(path.join(dataDir, 'postmaster.pid'), 'utf8').split('\n')[0]);
      process.kill(pid, 'SIGKILL');
      return pid;
    },
    start,
    async stop() {
      if (stopped) return;
      const result = await run(dir, pgCtl, ['stop', '-D', dataDir, '-m', 'fast', '-w', '-t', '60']);
      if (result.code !== 0) await run(dir, pgCtl, ['stop', '-D', dataDir, '-m', 'immediate', '-w']);
      stopped = true;
      process.off('exit', stopSync);
      await rm(dir, { recursive: true, force: true });
    },
  };
}

/**
 * A fresh, uniquely named database on the server of `baseUrl` (which is left alone). `drop()` ends
 * its connections and drops it.
 */
export async function freshDatabase(baseUrl, prefix = 'roster_fuzz') {
  const name = `${prefix}_${Math.random().toString(36).slice(2, 10)}`;
  const admin = new pg.Client({ connectionString: baseUrl });
  await admin.connect();
  await admin.query(`create database "${name}"`);
  await admin.end();
  const url = new URL(baseUrl);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    async drop() {
      const client = new pg.Client({ connectionString: baseUrl });
      await client.connect();
      await client.query(`drop database if exists "${name}" with (force)`);
      await client.end();
    },
  };
}
