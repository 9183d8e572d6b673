import pg from 'pg';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { freshPostgresDatabase, testDatabases } from './databases.js';

const pgUrl = inject('pgUrl');

it('testDatabases() lists sqlite always and postgres when a server was provided', () => {
  const expected = [{ name: 'sqlite', databaseUrl: null }];
  if (pgUrl !== null) expected.push({ name: 'postgres', databaseUrl: pgUrl } as never);
  expect(testDatabases()).toEqual(expected);
});

describe.skipIf(pgUrl === null)('PostgreSQL test cluster', () => {
  let database: { url: string; drop(): Promise<void> };

  beforeAll(async () => {
    database = await freshPostgresDatabase(pgUrl!);
  });

  afterAll(async () => {
    await database?.drop();
  });

  it('gives each test file its own database on PostgreSQL 15', async () => {
    expect(database.url).toMatch(/\/roster_t_[0-9a-f]{12}$/);
    const client = new pg.Client({ connectionString: database.url });
    await client.connect();
    try {
      const version = await client.query<{ version: string }>('select version()');
      expect(version.rows[0]?.version).toMatch(/^PostgreSQL 15\./);
      const current = await client.query<{ db: string }>('select current_database() as db');
      expect(database.url.endsWith(`/${current.rows[0]?.db}`)).toBe(true);
    } finally {
      await client.end();
    }
  });

  it('drop() removes the database even with a connection still open', async () => {
    const extra = await freshPostgresDatabase(pgUrl!);
    const client = new pg.Client({ connectionString: extra.url });
    client.on('error', () => {}); // the server ends this connection on purpose
    await client.connect();
    await extra.drop();
    const admin = new pg.Client({ connectionString: pgUrl! });
    await admin.connect();
    try {
      const name = new URL(extra.url).pathname.slice(1);
      const found = await admin.query('select 1 from pg_database where datname = $1', [name]);
      expect(found.rowCount).toBe(0);
    } finally {
      await admin.end();
      await client.end().catch(() => {});
    }
  });
});
