import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDataCipher } from '../../src/storage/crypto/data-cipher.js';
import { openDatabase } from '../../src/storage/sql/dialects.js';
import { migrateToLatest } from '../../src/storage/sql/migrate.js';
import { createSqlStore, type SqlStore } from '../../src/storage/sql/store.js';
import { freshPostgresDatabase, testDatabases } from '../support/databases.js';

/**
 * On PostgreSQL the nonce (IoT) and sign (benefits) writes of concurrent requests go to the server as
 * one statement and one commit. What callers rely on is unchanged: a value is accepted once per app
 * while live, a replay is refused even inside the same batch, an expired sighting is taken over, and
 * an error reaches every request of the batch that failed.
 */
const postgres = testDatabases().find((d) => d.name === 'postgres');

describe.skipIf(!postgres)('batched nonce and sign writes (postgres)', () => {
  let store: SqlStore;
  let url: string;
  let cleanup = async () => {};

  beforeAll(async () => {
    const fresh = await freshPostgresDatabase(postgres!.databaseUrl!);
    url = fresh.url;
    const dataDir = mkdtempSync(join(tmpdir(), 'roster-sightings-'));
    const opened = await openDatabase({ dataDir, databaseUrl: url, durability: 'process' });
    await migrateToLatest(opened.db);
    store = createSqlStore(opened.db, createDataCipher(Buffer.alloc(32, 7)), { batchSightings: true });
    cleanup = async () => {
      await store.close();
      await fresh.drop();
      rmSync(dataDir, { recursive: true, force: true });
    };
  });
  afterAll(() => cleanup());

  const count = async (sqlText: string, values: unknown[]) => {
    const client = new pg.Client({ connectionString: url });
    await client.connect();
    try {
      return Number((await client.query(sqlText, values)).rows[0].n);
    } finally {
      await client.end();
    }
  };

  it('accepts each nonce once among 200 concurrent sightings (40 nonces, each sent 5 times), in fewer commits than requests', async () => {
    const before = { ...store.stats };
    const expires = Date.now() + 60_000;
    const nonces = Array.from({ length: 200 }, (_, i) => `n${i % 40}`);
    const results = await Promise.all(nonces.map((n) => store.repos.credentials.rememberNonce('app-a', n, expires, Date.now())));
    for (let k = 0; k < 40; k++) expect(results.filter((taken, i) => taken && nonces[i] === `n${k}`)).toHaveLength(1);
    expect(store.stats.transactions - before.transactions).toBe(200);
    expect(store.stats.commits - before.commits).toBeLessThan(200);
    expect(await count("select count(*) as n from nonces where app_key = 'app-a'", [])).toBe(40);
    // Another app's same nonce is its own.
    expect(await store.repos.credentials.rememberNonce('app-b', 'n1', expires, Date.now())).toBe(true);
  });

  it('refuses a live sign, takes over an expired one, and keeps the nonces and signs apart', async () => {
    const now = Date.now();
    expect(await store.repos.credentials.rememberSign('app-a', 's1', now + 1_000, now)).toBe(true);
    const [again, other] = await Promise.all([
      store.repos.credentials.rememberSign('app-a', 's1', now + 1_000, now + 10),
      store.repos.credentials.rememberNonce('app-a', 's1', now + 1_000, now + 10),
    ]);
    expect([again, other]).toEqual([false, true]);
    // Once its sighting expired, the same sign is accepted again (and only once among concurrent ones).
    const later = now + 5_000;
    const retaken = await Promise.all([1, 2, 3].map(() => store.repos.credentials.rememberSign('app-a', 's1', later + 1_000, later)));
    expect(retaken.filter(Boolean)).toHaveLength(1);
    expect(await count("select count(*) as n from benefits_signs where app_key = 'app-a' and sign = 's1' and expires_at = $1", [later + 1_000])).toBe(1);
  });

  it('fails only the request whose value the server refuses, not the others of its batch, and serves the next ones', async () => {
    const expires = Date.now() + 60_000;
    const tooLong = 'x'.repeat(10_000);
    // The first goes alone; the next four share a batch with the refused one.
    const outcomes = await Promise.allSettled(
      ['first', 'c1', tooLong, 'c2', 'c1'].map((n) => store.repos.credentials.rememberNonce('app-c', n, expires, Date.now())),
    );
    expect(outcomes.map((o) => (o.status === 'fulfilled' ? o.value : 'failed'))).toEqual([true, true, 'failed', true, false]);
    expect(await store.repos.credentials.rememberNonce('app-c', 'after', expires, Date.now())).toBe(true);
  });
});
