/**
 * Boots a real Roster (real storage, real HTTP on an ephemeral loopback port) for one test suite.
 *
 *   for (const db of testDatabases()) describe(`x (${db.name})`, () => {
 *     const ctx = useRoster(db);          // registers beforeAll/afterAll
 *     it('…', async () => { ctx().baseUrl … ctx().c.directory.createCompany(…) });
 *   });
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll } from 'vitest';
import { loadConfig } from '../../src/config/load.js';
import type { Config } from '../../src/config/schema.js';
import { buildContainer, type Container } from '../../src/container.js';
import { buildServer } from '../../src/edge/http/server.js';
import { freshPostgresDatabase, type TestDatabase } from './databases.js';

export interface RosterFixture {
  c: Container;
  server: FastifyInstance;
  baseUrl: string;
  dataDir: string;
  databaseUrl: string | undefined;
}

export interface FixtureOptions {
  /** Extra config, e.g. `{ nonceStore: 'database' }` or `{ defaultRateLimit: 0 }`. */
  config?: Partial<Record<keyof Config, unknown>>;
  /** A clock to drive expiry without waiting. */
  now?: () => number;
  /** Write the log (at `logLevel`, default silent) to `<dataDir>/roster.log`. */
  logToFile?: boolean;
}

/** Starts a fresh Roster before the suite and removes it (and its data) after. */
export function useRoster(db: TestDatabase, options: FixtureOptions = {}): () => RosterFixture {
  let fixture: RosterFixture | undefined;
  let dropDb = async () => {};
  beforeAll(async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'roster-test-'));
    let databaseUrl: string | undefined;
    if (db.databaseUrl) {
      const fresh = await freshPostgresDatabase(db.databaseUrl);
      databaseUrl = fresh.url;
      dropDb = fresh.drop;
    }
    const config = loadConfig(
      {},
      {
        dataDir,
        databaseUrl,
        logLevel: 'silent',
        defaultRateLimit: 0,
        port: 0,
        ...(options.logToFile ? { logFile: join(dataDir, 'roster.log') } : {}),
        ...options.config,
      },
    );
    const c = await buildContainer(config, { now: options.now });
    const server = await buildServer(c);
    const address = await server.listen({ port: 0, host: '127.0.0.1' });
    fixture = { c, server, baseUrl: address, dataDir, databaseUrl };
  });
  afterAll(async () => {
    if (fixture) {
      await fixture.server.close();
      await fixture.c.close();
      rmSync(fixture.dataDir, { recursive: true, force: true });
    }
    await dropDb();
  });
  return () => {
    if (!fixture) throw new Error('useRoster: the suite has not started yet');
    return fixture;
  };
}
