// The two faults: kill -9 of the Roster process under concurrent writes (then a restart on the same
// store), and PostgreSQL going away under load (pg_ctl restart -m fast; kill -9 of the postmaster
// and a start) while the same Roster process must stay up and serve again on its own.
import { setTimeout as sleep } from 'node:timers/promises';
import { createAgent, send } from '../fuzz/transport.js';
import { startRoster } from '../lib/roster-server.js';
import { captureAccepted, replayProblem } from './replay.js';
import { verifyWrites } from './verify.js';
import { startWriters } from './writers.js';

/**
 * `cycles` times: load for a random `loadMs` range, kill -9, restart, read back every write
 * acknowledged in that cycle, and replay a signed request accepted just before the kill (it must be
 * refused now). Starts from `server`; resolves `{ server, problems }` with the last one.
 */
export async function killCycles({ server: first, store, world, state, cycles, writers, loadMs, rng, log }) {
  const problems = [];
  let server = first;
  for (let cycle = 1; cycle <= cycles; cycle++) {
    const from = state.acked.length;
    const load = startWriters({ server, world, state, count: writers });
    await sleep(rng.int(loadMs[0], loadMs[1]));
    const captured = await captureAccepted(server, world.companies[cycle % world.companies.length]);
    await server.kill9();
    await load.stop();
    server = await startRoster(store);
    const agent = createAgent(1);
    const found = await verifyWrites(server, agent, world, state.acked.slice(from), state.acked);
    agent.destroy();
    const replayed = captured && (await replayProblem(server, captured));
    if (replayed) found.push(replayed);
    problems.push(...found.map((p) => `kill cycle ${cycle}: ${p}`));
    log(`  kill -9 cycle ${cycle}/${cycles}: ${state.acked.length - from} writes acknowledged before the kill, ${found.length} problems`);
  }
  return { server, problems };
}

/** Until `deadlineMs`: /healthz 200 and one acknowledged write, or the reason it never came. */
async function servesAgain(server, world, state, deadlineMs) {
  const agent = createAgent(1);
  try {
    while (Date.now() < deadlineMs) {
      if (server.exited()) {
        // The first line of the crash (the error's own message) and what follows it.
        const out = server.output();
        const at = out.search(/^\S*Error|error:/m);
        return `the Roster process exited (${JSON.stringify(server.exitInfo())}):\n${out.slice(Math.max(0, at)).slice(0, 1_500)}`;
      }
      const health = await send(server.baseUrl, agent, { method: 'GET', path: '/healthz', headers: {} }, 5_000);
      if (health.status === 200) {
        const before = state.acked.length;
        const probe = startWriters({ server, world, state, count: 1 });
        await sleep(300);
        await probe.stop();
        if (state.acked.length > before) return undefined;
      }
      await sleep(250);
    }
    return 'Roster did not serve again within 60 s of PostgreSQL being back';
  } finally {
    agent.destroy();
  }
}

/**
 * Under load, `restarts` times each: `pg_ctl restart -m fast`, and kill -9 of the postmaster then a
 * start. The one Roster process must survive and serve again; acknowledged writes must be readable.
 */
export async function postgresRestarts({ cluster, server, world, state, restarts, writers, log }) {
  const problems = [];
  const faults = [];
  for (let i = 1; i <= restarts; i++) faults.push(['pg_ctl restart -m fast', () => cluster.restartFast()], ['kill -9 postmaster, start', async () => {
    await cluster.killPostmaster();
    await sleep(500);
    await cluster.start();
  }]);
  for (const [name, fault] of faults) {
    const from = state.acked.length;
    const load = startWriters({ server, world, state, count: writers });
    await sleep(500);
    await fault();
    await sleep(500);
    await load.stop();
    const problem = await servesAgain(server, world, state, Date.now() + 60_000);
    if (problem) {
      problems.push(`${name}: ${problem}`);
      log(`  ${name}: ${problem.split('\n')[0]}`);
      break;
    }
    const agent = createAgent(1);
    const found = await verifyWrites(server, agent, world, state.acked.slice(from), state.acked);
    agent.destroy();
    problems.push(...found.map((p) => `${name}: ${p}`));
    log(`  ${name}: Roster stayed up and serves again; ${state.acked.length - from} writes acknowledged around it, ${found.length} problems`);
  }
  return problems;
}
