// `npm run chaos`: kill -9 of the Roster server under concurrent writes, on SQLite and PostgreSQL,
// and PostgreSQL restarts under load. Exits 1 when an acknowledged write is lost or half-written, a
// request captured before a kill is accepted again after it, or the Roster process does not survive a
// database restart. See scripts/chaos/README.md.
import { randomInt } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { selfTest } from '../../bench/lib/sign.js';
import { issueTokens } from '../fuzz/engine.js';
import { rngFor } from '../fuzz/rng.js';
import { createAgent } from '../fuzz/transport.js';
import { freshDatabase, startPostgresCluster } from '../lib/postgres-cluster.js';
import { startRoster } from '../lib/roster-server.js';
import { prepareWorld } from '../lib/world.js';
import { killCycles, postgresRestarts } from './scenarios.js';
import { verifyWrites } from './verify.js';

const env = process.env;
const int = (name, fallback) => (env[name] ? Number.parseInt(env[name], 10) : fallback);
const options = {
  seed: env.CHAOS_SEED ? Number(env.CHAOS_SEED) : randomInt(1, 2 ** 31 - 1),
  cycles: int('CHAOS_CYCLES', 20),
  pgCycles: int('CHAOS_PG_CYCLES', int('CHAOS_CYCLES', 20)),
  restarts: int('CHAOS_PG_RESTARTS', 3),
  writers: int('CHAOS_WRITERS', 8),
  loadMs: [int('CHAOS_LOAD_MIN_MS', 300), int('CHAOS_LOAD_MAX_MS', 1500)],
  engines: (env.CHAOS_ENGINES ?? 'sqlite,postgres').split(',').map((s) => s.trim()).filter(Boolean),
};
const log = (line) => console.log(line);

/** One engine: kill cycles, then (PostgreSQL) database restarts, then every acknowledged write again. */
async function chaosEngine(engine) {
  const started = Date.now();
  const dataDir = mkdtempSync(join(tmpdir(), `roster-chaos-${engine}-`));
  const cluster = engine === 'postgres' ? await startPostgresCluster() : undefined;
  const db = cluster ? await freshDatabase(cluster.url, 'roster_chaos') : undefined;
  const store = { dataDir, databaseUrl: db?.url };
  let server;
  try {
    const cycles = engine === 'postgres' ? options.pgCycles : options.cycles;
    const codesPerCompany = 120 * (cycles + 2 * options.restarts) + 100;
    const world = await prepareWorld({ ...store, codesPerCompany, codePrefix: '33' });
    server = await startRoster(store);
    await issueTokens(server, world);
    const state = { next: 0, codeIndex: Object.fromEntries(world.companies.map((c) => [c.tag, 0])), acked: [] };
    const rng = rngFor(options.seed, engine, 'delays');
    const say = (line) => log(`${engine}: ${line.trim()}`);
    const kills = await killCycles({ server, store, world, state, cycles, writers: options.writers, loadMs: options.loadMs, rng, log: say });
    server = kills.server;
    const problems = [...kills.problems];
    if (cluster) problems.push(...(await postgresRestarts({ cluster, server, world, state, restarts: options.restarts, writers: options.writers, log: say })));
    if (!server.exited()) {
      const agent = createAgent(1);
      problems.push(...(await verifyWrites(server, agent, world, state.acked, state.acked)).map((p) => `final read-back: ${p}`));
      agent.destroy();
    }
    return { engine, acked: state.acked.length, problems, seconds: (Date.now() - started) / 1000 };
  } finally {
    await server?.stop();
    await db?.drop().catch(() => {});
    await cluster?.stop();
    rmSync(dataDir, { recursive: true, force: true });
  }
}

async function main() {
  selfTest();
  log(`chaos: CHAOS_SEED=${options.seed}, ${options.cycles} kill -9 cycles on SQLite (CHAOS_CYCLES), ${options.pgCycles} on PostgreSQL (CHAOS_PG_CYCLES), ${options.restarts} × (pg_ctl restart -m fast + postmaster kill) on PostgreSQL (CHAOS_PG_RESTARTS), ${options.writers} writers, engines ${options.engines.join(',')}`);
  // CHAOS_PARALLEL=1 runs the engines side by side (each has its own store and server).
  const results = env.CHAOS_PARALLEL === '1' ? await Promise.all(options.engines.map(chaosEngine)) : [];
  if (env.CHAOS_PARALLEL !== '1') for (const engine of options.engines) results.push(await chaosEngine(engine));
  log('\n== chaos summary ==');
  for (const r of results) log(`${r.engine.padEnd(9)} ${String(r.acked).padStart(7)} acknowledged writes, ${r.problems.length} problems, ${r.seconds.toFixed(0)} s`);
  const problems = results.flatMap((r) => r.problems.map((p) => `${r.engine}: ${p}`));
  // A crash's whole output is in the problem; its first lines say enough here.
  for (const p of problems.slice(0, 50)) log(`  ${p.split('\n').slice(0, 6).join('\n    ')}`);
  if (problems.length > 50) log(`  … and ${problems.length - 50} more`);
  log(problems.length ? `\nCHAOS FAILED: ${problems.length} problem(s)` : '\nchaos passed: nothing acknowledged was lost, Roster survived every database restart');
  process.exitCode = problems.length ? 1 : 0;
}

main().catch((error) => {
  console.error(`chaos: the harness itself failed: ${error.stack ?? error}`);
  process.exitCode = 2;
});
