// One engine's fuzz run: a fresh store, the tenants, a real server, both dialects, the invariants.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freshDatabase, startPostgresCluster } from '../lib/postgres-cluster.js';
import { startRoster } from '../lib/roster-server.js';
import { prepareWorld } from '../lib/world.js';
import { buildBenefitsRequest, epochSeconds } from './benefits-request.js';
import { driveDialect } from './drive.js';
import { codesNeeded, oaProfileFor } from './iot-cases.js';
import { checkInvariants } from './invariants.js';
import { createAgent, send } from './transport.js';

/** A valid /token/create per company; the token goes on the company for the benefits cases. */
export async function issueTokens(server, world) {
  const agent = createAgent(1);
  for (const company of world.companies) {
    const req = buildBenefitsRequest({ path: '/token/create', app: company.app, timestamp: epochSeconds(), style: 'java' });
    const res = await send(server.baseUrl, agent, req);
    const body = res.status === 200 ? JSON.parse(res.text) : undefined;
    if (body?.code !== 0) throw new Error(`token/create for the fuzz app failed: ${res.error ?? res.status} ${res.text}`);
    company.token = body.data.access_token;
  }
  agent.destroy();
}

/** Where this engine's data lives: a temp folder, plus a fresh database for PostgreSQL. */
async function openStore(engine, databaseUrl, log) {
  const dataDir = mkdtempSync(join(tmpdir(), `roster-fuzz-${engine}-`));
  if (engine === 'sqlite') return { dataDir, databaseUrl: undefined, close: async () => rmSync(dataDir, { recursive: true, force: true }) };
  let cluster;
  if (!databaseUrl) {
    log('  starting a throw-away PostgreSQL 15 cluster');
    cluster = await startPostgresCluster();
  }
  const db = await freshDatabase(databaseUrl ?? cluster.url);
  return {
    dataDir,
    databaseUrl: db.url,
    async close() {
      await db.drop().catch(() => {});
      await cluster?.stop();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/**
 * Runs both dialects on `engine` ('sqlite'|'postgres'). Returns `{ engine, dialects: [driveDialect
 * results], invariants, crash }`.
 */
export async function fuzzEngine({ engine, databaseUrl, seed, requests, connections, timeLimitMs, only, dialects, log }) {
  const store = await openStore(engine, databaseUrl, log);
  let server;
  try {
    const world = await prepareWorld({ dataDir: store.dataDir, databaseUrl: store.databaseUrl, codesPerCompany: codesNeeded(requests * 1.2), profileFor: oaProfileFor, tokenTtlSec: 86_400 });
    server = await startRoster({ dataDir: store.dataDir, databaseUrl: store.databaseUrl, env: { ROSTER_TOKEN_TTL: '86400' } });
    log(`  ${engine}: Roster on ${server.baseUrl} (pid ${server.pid})`);
    await issueTokens(server, world);
    const results = [];
    const created = new Map();
    for (const dialect of dialects) {
      const deadline = Date.now() + timeLimitMs;
      const result = await driveDialect({ dialect, world, server, seed, requests, connections, deadline, only: only?.[dialect] ?? (only ? [] : undefined) });
      log(`  ${engine}/${dialect}: ${result.requests} requests in ${(result.ms / 1000).toFixed(1)} s, ${result.failures.length} failures`);
      results.push(result);
      for (const [companyId, ids] of result.created) created.set(companyId, new Set([...(created.get(companyId) ?? []), ...ids]));
    }
    const crash = server.exited() ? { exit: server.exitInfo(), output: server.output().slice(-3_000) } : undefined;
    const invariants = crash ? [] : await checkInvariants(server, world, created);
    return { engine, dialects: results, invariants, crash };
  } finally {
    await server?.stop();
    await store.close();
  }
}
