/**
 * A short run of `npm run chaos` (scripts/chaos): kill -9 of the Roster process under concurrent
 * writes (3 cycles on SQLite, 1 on PostgreSQL), then, on a PostgreSQL cluster of its own, a
 * `pg_ctl restart -m fast` and a kill -9 of the postmaster under load. It fails when an acknowledged
 * write is missing or differs after the restart, when a signed request accepted before a kill is
 * accepted again after it, or when Roster does not survive the database's restart and serve again
 * by itself.
 */
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { testDatabases } from '../support/databases.js';

const RUN = new URL('../../scripts/chaos/run.js', import.meta.url).pathname;
const DIST = new URL('../../dist/container.js', import.meta.url);
// The chaos run starts its own cluster (it restarts it); it needs the PostgreSQL the suite found.
const withPostgres = testDatabases().some((db) => db.name === 'postgres');

function runChaos(env: Record<string, string>): Promise<{ code: number | null; output: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [RUN], { env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.on('exit', (code) => resolve({ code, output }));
  });
}

describe.skipIf(!existsSync(DIST))('chaos slice (scripts/chaos)', () => {
  it('loses no acknowledged write across kill -9, refuses replays after it, and survives PostgreSQL restarts under load', async () => {
    const { code, output } = await runChaos({
      CHAOS_SEED: '20261201',
      CHAOS_CYCLES: '3',
      CHAOS_PG_CYCLES: '1',
      CHAOS_PG_RESTARTS: '1',
      CHAOS_WRITERS: '4',
      CHAOS_LOAD_MIN_MS: '300',
      CHAOS_LOAD_MAX_MS: '800',
      CHAOS_PARALLEL: '1',
      CHAOS_ENGINES: withPostgres ? 'sqlite,postgres' : 'sqlite',
    });
    // Without a summary the harness itself broke: its output says why.
    expect(output, output).toContain('== chaos summary ==');
    expect(code, output).toBe(0);
    expect(output).toMatch(/sqlite\s+\d+ acknowledged writes, 0 problems/);
  }, 180_000);
});
