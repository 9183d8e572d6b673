/**
 * A short, fixed-seed run of `npm run fuzz` (scripts/fuzz) per engine: a real server, both dialects,
 * signed and unsigned, valid and mutated requests. It fails on any 5xx (IoT code 500, benefits
 * 1000310010), a crash, an unexpected success (a forged, tampered or replayed request accepted, NUL
 * stored), a connection closed uncleanly, or totals that differ from the creations acknowledged.
 * The failure message is the fuzzer's report: each finding with its seed, case index and request.
 */
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { describe, it } from 'vitest';
import { testDatabases } from '../support/databases.js';

const RUN = new URL('../../scripts/fuzz/run.js', import.meta.url).pathname;
const DIST = new URL('../../dist/container.js', import.meta.url);
const SEED = '20261201';
const REQUESTS = '2000';

function runFuzz(env: Record<string, string>): Promise<{ code: number | null; output: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [RUN], { env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.on('exit', (code) => resolve({ code, output }));
  });
}

describe.skipIf(!existsSync(DIST))('fuzz slice (scripts/fuzz, fixed seed)', () => {
  for (const db of testDatabases()) {
    // Both engines at once: each run is a client and a server process, mostly waiting on each other.
    it.concurrent(`${REQUESTS} requests per dialect on ${db.name}: no 5xx, no crash, no unexpected success, totals hold`, async ({ expect }) => {
      const env: Record<string, string> = {
        FUZZ_SEED: SEED,
        FUZZ_REQUESTS: REQUESTS,
        FUZZ_CONNECTIONS: '4',
        FUZZ_TIME_LIMIT: '90',
        FUZZ_ENGINES: db.name,
        DATABASE_URL: db.databaseUrl ?? '',
      };
      const { code, output } = await runFuzz(env);
      // Without a summary the harness itself broke: its output says why.
      expect(output, output).toContain('== fuzz summary ==');
      // The report's summary, findings and invariants: what a failing run needs to be replayed.
      const report = output.slice(output.indexOf('== fuzz summary =='));
      expect(code, report).toBe(0);
      expect(output).toMatch(new RegExp(`${db.name}\\s+iot\\s+\\d+`));
    }, 180_000);
  }
});
