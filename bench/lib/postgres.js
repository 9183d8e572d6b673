// A throwaway PostgreSQL 15 cluster for the bench, started the way test/support/postgres-cluster.ts
// starts the tests' one (same binaries, runs as the `postgres` OS user when we are root), but with the
// durability settings left at PostgreSQL's defaults: the bench measures what a deployment would run.
import { spawnSync } from 'node:child_process';
import { accessSync, chownSync, constants, readdirSync, readFileSync, realpathSync } from 'node:fs';
import { createServer } from 'node:net';
import { delimiter, join } from 'node:path';
import { makeTempDir, onCleanup } from './procs.js';

const PG_MAJOR = 15;

function binDir() {
  const dirs = (process.env.PATH ?? '').split(delimiter).filter(Boolean);
  const candidates = [];
  for (const dir of dirs) {
    try {
      accessSync(join(dir, 'initdb'), constants.X_OK);
      candidates.push(join(realpathSync(join(dir, 'initdb')), '..'));
    } catch {
      // not here
    }
  }
  candidates.push(`/usr/lib/postgresql/${PG_MAJOR}/bin`);
  for (const dir of candidates) {
    const v = spawnSync(join(dir, 'initdb'), ['--version'], { encoding: 'utf8' });
    if (new RegExp(`\\(PostgreSQL\\)\\s+${PG_MAJOR}\\b`).test(v.stdout ?? '')) return dir;
  }
  throw new Error(`PostgreSQL ${PG_MAJOR} server binaries not found (looked in ${candidates.join(', ')})`);
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

const asRoot = typeof process.getuid === 'function' && process.getuid() === 0;
const cleanEnv = () => ({ ...Object.fromEntries(Object.entries(process.env).filter(([k]) => !k.startsWith('PG'))), LC_ALL: 'C' });

function run(dir, file, args) {
  const [cmd, argv] = asRoot ? ['runuser', ['-u', 'postgres', '--', file, ...args]] : [file, args];
  const r = spawnSync(cmd, argv, { cwd: dir, env: cleanEnv(), encoding: 'utf8', timeout: 120_000 });
  if (r.status !== 0) throw new Error(`${file} ${args.join(' ')} failed (exit ${r.status}):\n${r.stdout}${r.stderr}`);
}

/**
 * Starts a cluster in a temp folder (removed at exit with the bench's other temp folders) and creates
 * database `roster_bench`. `settings` are extra `-c` options (e.g. shared_buffers). Resolves
 * { url, stop(), cpuSeconds() }; the server is also stopped by the bench's cleanup, however it exits.
 */
export async function startPostgres({ settings = {} } = {}) {
  const bin = binDir();
  const dir = makeTempDir('roster-bench-pg-');
  if (asRoot) {
    const id = (flag) => Number(spawnSync('id', [flag, 'postgres'], { encoding: 'utf8' }).stdout.trim());
    chownSync(dir, id('-u'), id('-g'));
  }
  const data = join(dir, 'data');
  run(dir, join(bin, 'initdb'), ['-D', data, '-A', 'trust', '-U', 'postgres', '--no-sync', '--no-locale', '-E', 'UTF8']);
  const port = await freePort();
  const options = [`-c listen_addresses=127.0.0.1`, `-p ${port}`, `-k ${dir}`, '-c max_connections=100']
    .concat(Object.entries(settings).map(([k, v]) => `-c ${k}=${v}`))
    .join(' ');
  const pgCtl = join(bin, 'pg_ctl');
  let stopped = false;
  const stop = () => {
    if (stopped) return;
    stopped = true;
    try {
      run(dir, pgCtl, ['stop', '-D', data, '-m', 'immediate', '-w']);
    } catch {
      // already down
    }
  };
  onCleanup(stop);
  run(dir, pgCtl, ['-w', '-t', '60', '-D', data, '-l', join(dir, 'postgres.log'), '-o', options, 'start']);
  const { default: pg } = await import('pg');
  const admin = new pg.Client({ host: '127.0.0.1', port, user: 'postgres', database: 'postgres' });
  await admin.connect();
  await admin.query('create database roster_bench');
  await admin.end();
  const postmaster = Number(readFileSync(join(data, 'postmaster.pid'), 'utf8').split('\n')[0]);
  // Roster reaches the cluster through its Unix socket, as libpq clients reach a local server by default
  // (loopback TCP costs Roster ~15% of its reads in kernel time); BENCH_PG_TCP=1 measures over TCP.
  const url = process.env.BENCH_PG_TCP === '1' ? `postgres://postgres@127.0.0.1:${port}/roster_bench` : `postgres://postgres@/roster_bench?host=${encodeURIComponent(dir)}&port=${port}`;
  return { url, stop, cpuSeconds: () => serverCpuSeconds(postmaster) };
}

/** CPU seconds used so far by the server: the postmaster, its live children, and the children it reaped. */
function serverCpuSeconds(postmaster) {
  let ticks = 0;
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
      const f = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      // f[1] is the parent pid; f[11..14] are utime, stime, cutime, cstime (fields 14–17).
      if (Number(entry) === postmaster) ticks += Number(f[11]) + Number(f[12]) + Number(f[13]) + Number(f[14]);
      else if (Number(f[1]) === postmaster) ticks += Number(f[11]) + Number(f[12]);
    } catch {
      // gone meanwhile
    }
  }
  return ticks / 100;
}
