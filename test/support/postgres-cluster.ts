/**
 * Starts a throw-away PostgreSQL 15 cluster for the test run.
 *
 * The server binaries refuse to run as root, so when we are root (as here and on CI) every binary runs as
 * the `postgres` OS user through `runuser`, on a temp folder that user owns. As any other user the binaries
 * run directly.
 */
import { spawn, spawnSync } from 'node:child_process';
import { accessSync, constants, realpathSync, rmSync } from 'node:fs';
import { chown, mkdtemp, readFile, rm } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import pg from 'pg';

export interface PostgresCluster {
  /** `postgres://postgres@127.0.0.1:PORT/roster_test` */
  url: string;
  /** Stops the server (`pg_ctl stop -m fast`) and removes its folder. Safe to call twice. */
  stop(): Promise<void>;
  /** `pg_ctl restart -m fast`: every session is cut; the server comes back on the same port. */
  restart(): Promise<void>;
}

const PG_MAJOR = 15;
const FALLBACK_BIN_DIR = `/usr/lib/postgresql/${PG_MAJOR}/bin`;
const DATABASE = 'roster_test';
const SUPERUSER = 'postgres';

interface RunResult {
  code: number | null;
  output: string;
}

function isExecutable(file: string): boolean {
  try {
    accessSync(file, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

function majorVersionOf(initdb: string): number | null {
  const result = spawnSync(initdb, ['--version'], { encoding: 'utf8', timeout: 10_000 });
  const match = /\(PostgreSQL\)\s+(\d+)/.exec(result.stdout ?? '');
  return match?.[1] === undefined ? null : Number(match[1]);
}

/** The folder holding `initdb`, `pg_ctl` and `postgres` of PostgreSQL 15: from PATH, else the Debian folder. */
export function findPostgresBinDir(): string {
  const candidates: string[] = [];
  for (const dir of (process.env['PATH'] ?? '').split(path.delimiter)) {
    if (dir === '') continue;
    const initdb = path.join(dir, 'initdb');
    if (!isExecutable(initdb)) continue;
    // /usr/local/bin/initdb is often a symlink into the real bin folder: use the folder it points into,
    // so pg_ctl and postgres come from the same installation.
    try {
      candidates.push(path.dirname(realpathSync(initdb)));
    } catch {
      candidates.push(dir);
    }
  }
  candidates.push(FALLBACK_BIN_DIR);

  const seen: string[] = [];
  for (const dir of candidates) {
    if (seen.includes(dir)) continue;
    seen.push(dir);
    const tools = ['initdb', 'pg_ctl', 'postgres'].map((name) => path.join(dir, name));
    if (!tools.every(isExecutable)) continue;
    if (majorVersionOf(tools[0]!) === PG_MAJOR) return dir;
  }
  throw new Error(
    `PostgreSQL ${PG_MAJOR} server binaries (initdb, pg_ctl, postgres) not found on PATH nor in ${FALLBACK_BIN_DIR} ` +
      `(looked in: ${seen.join(', ')}). Install them (Debian: apt-get install postgresql-${PG_MAJOR}) ` +
      `or set ROSTER_TEST_PG_URL to an existing server.`,
  );
}

function isRoot(): boolean {
  return typeof process.getuid === 'function' && process.getuid() === 0;
}

function lookupUser(name: string): { uid: number; gid: number } {
  const uid = spawnSync('id', ['-u', name], { encoding: 'utf8' });
  const gid = spawnSync('id', ['-g', name], { encoding: 'utf8' });
  if (uid.status !== 0 || gid.status !== 0) {
    throw new Error(
      `We run as root, so PostgreSQL must run as the "${name}" OS user, but that user does not exist ` +
        `(create it, e.g. useradd --system --user-group ${name}, or run the tests as a non-root user).`,
    );
  }
  return { uid: Number(uid.stdout.trim()), gid: Number(gid.stdout.trim()) };
}

/** Child environment without PG* variables (PGDATA, PGPORT, … would override our flags). */
function cleanEnv(): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {};
  for (const [key, value] of Object.entries(process.env)) {
    if (!key.startsWith('PG')) env[key] = value;
  }
  env['LC_ALL'] = 'C';
  return env;
}

/** argv prefix that runs a command as the postgres user when we are root, directly otherwise. */
function commandFor(asPostgres: boolean, file: string, args: string[]): [string, string[]] {
  return asPostgres ? ['runuser', ['-u', SUPERUSER, '--', file, ...args]] : [file, args];
}

function run(asPostgres: boolean, cwd: string, file: string, args: string[], timeoutMs = 60_000): Promise<RunResult> {
  const [command, argv] = commandFor(asPostgres, file, args);
  return new Promise((resolve, reject) => {
    const child = spawn(command, argv, { cwd, env: cleanEnv(), stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
    const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
    child.on('error', (error) => {
      clearTimeout(timer);
      reject(new Error(`could not run ${command}: ${error.message}`));
    });
    // Resolve on 'exit', not 'close': should a grandchild (the postmaster) ever keep our pipes open,
    // waiting for 'close' would hang.
    child.on('exit', (code) => {
      clearTimeout(timer);
      setTimeout(() => resolve({ code, output: output.trim() }), 20);
    });
  });
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.unref();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address !== null ? address.port : 0;
      server.close(() => (port > 0 ? resolve(port) : reject(new Error('could not pick a free port'))));
    });
  });
}

export async function startPostgresCluster(): Promise<PostgresCluster> {
  const binDir = findPostgresBinDir();
  const initdb = path.join(binDir, 'initdb');
  const pgCtl = path.join(binDir, 'pg_ctl');
  const asPostgres = isRoot();

  const dir = await mkdtemp(path.join(tmpdir(), 'roster-pg-'));
  const dataDir = path.join(dir, 'data');
  const logFile = path.join(dir, 'postgres.log');
  let launched = false; // pg_ctl start was tried: a server may be running, even if start reported failure
  let started = false;
  let stopped = false;

  const stopSync = (): void => {
    // Last resort when the process exits without calling stop() (crash, forgotten teardown).
    if (launched && !stopped) {
      const [command, argv] = commandFor(asPostgres, pgCtl, ['stop', '-D', dataDir, '-m', 'immediate', '-w']);
      spawnSync(command, argv, { cwd: dir, env: cleanEnv(), stdio: 'ignore', timeout: 10_000 });
      rmSync(dir, { recursive: true, force: true });
    }
  };

  const stop = async (): Promise<void> => {
    if (stopped) return;
    stopped = true;
    process.off('exit', stopSync);
    try {
      if (launched) {
        const result = await run(asPostgres, dir, pgCtl, ['stop', '-D', dataDir, '-m', 'fast', '-w', '-t', '60']);
        if (result.code !== 0) {
          // Fall back to an immediate shutdown so no server outlives the run.
          await run(asPostgres, dir, pgCtl, ['stop', '-D', dataDir, '-m', 'immediate', '-w']);
        }
      }
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  };

  try {
    if (asPostgres) {
      const { uid, gid } = lookupUser(SUPERUSER);
      await chown(dir, uid, gid);
    }

    const init = await run(asPostgres, dir, initdb, [
      '-D', dataDir,
      '-A', 'trust',
      '-U', SUPERUSER,
      '--no-sync',
      '--no-locale',
      '-E', 'UTF8',
    ]);
    if (init.code !== 0) throw new Error(`initdb failed (exit ${init.code}):\n${init.output}`);

    // The port is free when picked but may be taken before the server binds it: retry a few times.
    let port = 0;
    let lastFailure = '';
    for (let attempt = 1; attempt <= 3 && !started; attempt++) {
      port = await freePort();
      const options = [
        '-c listen_addresses=127.0.0.1',
        `-p ${port}`,
        `-k ${dir}`,
        '-c fsync=off',
        '-c synchronous_commit=off',
        '-c full_page_writes=off',
        '-c max_connections=200',
      ].join(' ');
      if (!launched) process.on('exit', stopSync);
      launched = true;
      const start = await run(asPostgres, dir, pgCtl, ['-w', '-t', '60', '-D', dataDir, '-l', logFile, '-o', options, 'start']);
      if (start.code === 0) {
        started = true;
      } else {
        const log = await readFile(logFile, 'utf8').catch(() => '');
        const tail = log.trim().split('\n').slice(-20).join('\n');
        lastFailure = `pg_ctl start failed (exit ${start.code}):\n${start.output}\n--- server log ---\n${tail}`;
        // In case it came up after all (e.g. a slow start that hit the timeout): make sure it is down.
        await run(asPostgres, dir, pgCtl, ['stop', '-D', dataDir, '-m', 'immediate', '-w']);
      }
    }
    if (!started) throw new Error(lastFailure);

    const client = new pg.Client({ host: '127.0.0.1', port, user: SUPERUSER, database: 'postgres' });
    await client.connect();
    try {
      await client.query(`create database ${DATABASE}`);
    } finally {
      await client.end();
    }

    const restart = async (): Promise<void> => {
      // Without -o, pg_ctl restarts with the options of the running server (postmaster.opts).
      const result = await run(asPostgres, dir, pgCtl, ['restart', '-D', dataDir, '-m', 'fast', '-w', '-t', '60', '-l', logFile]);
      if (result.code !== 0) throw new Error(`pg_ctl restart failed (exit ${result.code}):\n${result.output}`);
    };

    return { url: `postgres://${SUPERUSER}@127.0.0.1:${port}/${DATABASE}`, stop, restart };
  } catch (error) {
    await stop().catch(() => {});
    throw error;
  }
}
