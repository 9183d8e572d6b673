// `npm run fuzz`: a seeded, time-bounded fuzzer over both dialects against a real Roster server.
// Exits 1 on any 5xx (or IoT code 500 / benefits 1000310010), a crash, an unexpected success, a
// connection closed uncleanly or a broken invariant. See scripts/fuzz/README.md.
import { randomInt } from 'node:crypto';
import { selfTest } from '../../bench/lib/sign.js';
import { fuzzEngine } from './engine.js';
import { printReport } from './report.js';

const env = process.env;
const argv = process.argv.slice(2);
const int = (name, fallback) => (env[name] ? Number.parseInt(env[name], 10) : fallback);
const list = (text) => text.split(',').map((s) => s.trim()).filter(Boolean);

/** `FUZZ_ONLY=iot:12,benefits:7` → `{ iot: [12], benefits: [7] }`. */
function parseOnly(text) {
  if (!text) return undefined;
  const only = {};
  for (const item of list(text)) {
    const [dialect, index] = item.split(':');
    (only[dialect] ??= []).push(Number(index));
  }
  return only;
}

function enginesWanted() {
  if (env.FUZZ_ENGINES) return list(env.FUZZ_ENGINES);
  return argv.includes('--pg') || env.DATABASE_URL ? ['postgres'] : ['sqlite'];
}

const options = {
  seed: env.FUZZ_SEED ? Number(env.FUZZ_SEED) : randomInt(1, 2 ** 31 - 1),
  requests: int('FUZZ_REQUESTS', 100_000),
  connections: int('FUZZ_CONNECTIONS', 8),
  timeLimitMs: int('FUZZ_TIME_LIMIT', 900) * 1000,
  only: parseOnly(env.FUZZ_ONLY),
  dialects: list(env.FUZZ_DIALECTS ?? 'iot,benefits'),
  engines: enginesWanted(),
};
const log = (line) => console.log(line);

async function main() {
  selfTest();
  log(`fuzz: FUZZ_SEED=${options.seed} (set it to replay this run)`);
  log(
    `fuzz: ${options.requests} requests per dialect per engine (FUZZ_REQUESTS), ${options.connections} connections, ` +
      `at most ${options.timeLimitMs / 1000} s per dialect (FUZZ_TIME_LIMIT), engines ${options.engines.join(',')}, dialects ${options.dialects.join(',')}`,
  );
  const runs = [];
  for (const engine of options.engines) {
    runs.push(await fuzzEngine({ ...options, engine, databaseUrl: engine === 'postgres' ? env.DATABASE_URL : undefined, log }));
  }
  const problems = printReport({ seed: options.seed, runs, log });
  process.exitCode = problems ? 1 : 0;
}

main().catch((error) => {
  console.error(`fuzz: the harness itself failed: ${error.stack ?? error}`);
  process.exitCode = 2;
});
