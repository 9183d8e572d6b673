// `npm run chaos`: kill -9 of the Roster server under concurrent writes, on SQLite and PostgreSQL,
// and PostgreSQL restarts under load. Exits 1 when an acknowledged write is lost or half-written, or
// when the Roster process does not survive a database restart. See scripts/chaos/README.md.
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
  restarts: int('CHAOS_PG_RESTARTS', 3),
  writers: int('CHAOS_WRITERS', 8),
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
    const codesPerCompany = 120 * (options.cycles + 2 * options.restarts) + 100;
    const world = await prepareWorld({ ...store, codesPerCompany, codePrefix: '33' });
    server = await startRoster(store);
    await issueTokens(server, world);
    await server.stop();
    const state = { next: 0, codeIndex: Object.fromEntries(world.companies.map((c) => [c.tag, 0])), acked: [] };
    const rng = rngFor(options.seed, engine, 'delays');
    const kills = await killCycles({ store, world, state, cycles: options.cycles, writers: options.writers, rng, log });
    server = kills.server;
    const problems = [...kills.problems];
    if (cluster) problems.push(...(await postgresRestarts({ cluster, server, world, state, restarts: options.restarts, writers: options.writers, log })));
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
  log(`chaos: CHAOS_SEED=${options.seed}, ${options.cycles} kill -9 cycles per engine (CHAOS_CYCLES), ${options.restarts} × (pg_ctl restart -m fast + postmaster kill) on PostgreSQL (CHAOS_PG_RESTARTS), ${options.writers} writers, engines ${options.engines.join(',')}`);
  const results = [];
  for (const engine of options.engines) {
    log(`\n${engine}:`);
    results.push(await chaosEngine(engine));
  }
  log('\n== chaos summary ==');
  for (const r of results) log(`${r.engine.padEnd(9)} ${String(r.acked).padStart(7)} acknowledged writes, ${r.problems.length} problems, ${r.seconds.toFixed(0)} s`);
  const problems = results.flatMap((r) => r.problems.map((p) => `${r.engine}: ${p}`));
  for (const p of problems.slice(0, 50)) log(`  ${p}`);
  if (problems.length > 50) log(`  … and ${problems.length - 50} more`);
  log(problems.length ? `\nCHAOS FAILED: ${problems.length} problem(s)` : '\nchaos passed: nothing acknowledged was lost, Roster survived every database restart');
  process.exitCode = problems.length ? 1 : 0;
}

main().catch((error) => {
  console.error(`chaos: the harness itself failed: ${error.stack ?? error}`);
  process.exitCode = 2;
});
