import cluster, { type Worker } from 'node:cluster';
import type { Config } from '#src/config/schema.js';
import { openDatabase } from '#src/storage/sql/dialects.js';
import { migrateToLatest } from '#src/storage/sql/migrate.js';
import { markServing } from './serve-marker.js';
import { serveCommand } from './serve.command.js';

/** A worker that dies sooner than this after its start is restarted after a pause, not at once. */
const QUICK_DEATH_MS = 5_000;
const RESTART_PAUSE_MS = 1_000;

/**
 * `roster serve --workers N`: N processes on one port (node:cluster). The primary applies the
 * migrations once, then forks the workers, restarts one that dies, and on SIGTERM/SIGINT stops them
 * all and exits. Each worker is an ordinary `roster serve` sharing the store (PostgreSQL, or the
 * SQLite file through `BEGIN IMMEDIATE` and the busy timeout). Per-process state stays per worker:
 * the rate limits and caches (and the `memory` nonce store — keep the default `database`).
 */
export async function serveWithWorkers(config: Config, options: { demo: boolean }, workers: number): Promise<void> {
  if (!cluster.isPrimary) return serveCommand(config, { demo: options.demo && workerMayCreateDemo() });
  if (workers <= 1) return serveCommand(config, options);

  const unmark = config.databaseUrl ? () => {} : markServing(config.dataDir);
  process.once('exit', unmark);
  const { db } = await openDatabase(config);
  try {
    await migrateToLatest(db);
  } finally {
    await db.destroy();
  }
  if (config.nonceStore === 'memory') {
    process.stderr.write('roster: ROSTER_NONCE_STORE=memory with several workers: each worker remembers only its own nonces\n');
  }

  let stopping = false;
  const startedAt = new Map<Worker, number>();
  // Only the first worker may create the demo company, so that two workers never both create one.
  const fork = (first: boolean) => {
    if (stopping) return;
    const worker = cluster.fork({ ROSTER_WORKER_DEMO: first && options.demo ? '1' : '0' });
    startedAt.set(worker, Date.now());
    worker.once('online', () => console.log(`roster primary ${process.pid}: worker pid ${worker.process.pid} started`));
  };
  cluster.on('exit', (worker, code, signal) => {
    const lived = Date.now() - (startedAt.get(worker) ?? 0);
    startedAt.delete(worker);
    if (stopping) {
      if (startedAt.size === 0) process.exit(0);
      return;
    }
    console.log(`roster primary ${process.pid}: worker pid ${worker.process.pid} exited (${signal ?? code}); restarting it`);
    setTimeout(() => fork(false), lived < QUICK_DEATH_MS ? RESTART_PAUSE_MS : 0);
  });
  const stop = () => {
    if (stopping) return;
    stopping = true;
    if (startedAt.size === 0) process.exit(0);
    for (const worker of startedAt.keys()) worker.process.kill('SIGTERM');
  };
  process.on('SIGTERM', stop);
  process.on('SIGINT', stop);
  for (let i = 0; i < workers; i++) fork(i === 0);
}

/** In a worker: whether this one may create the demo company (the primary says so). */
export function workerMayCreateDemo(): boolean {
  return !cluster.isWorker || process.env.ROSTER_WORKER_DEMO === '1';
}
