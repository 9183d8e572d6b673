/**
 * Which databases a suite runs against, and isolated PostgreSQL databases for test files.
 *
 *   for (const db of testDatabases()) {
 *     describe(`employees (${db.name})`, () => { ... });
 *   }
 */
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { inject } from 'vitest';

export interface TestDatabase {
  name: 'sqlite' | 'postgres';
  /** `null`: use a fresh temp SQLite data dir. For postgres: the cluster URL to pass to freshPostgresDatabase. */
  databaseUrl: string | null;
}

/** SQLite always; PostgreSQL when the global setup provided a server (see global-setup.ts). */
export function testDatabases(): TestDatabase[] {
  const databases: TestDatabase[] = [{ name: 'sqlite', databaseUrl: null }];
  const pgUrl = inject('pgUrl') ?? null;
  if (pgUrl !== null) databases.push({ name: 'postgres', databaseUrl: pgUrl });
  return databases;
}

function adminClient(baseUrl: string): pg.Client {
  return new pg.Client({ connectionString: baseUrl });
}

function quoteIdent(name: string): string {
  return `"${name.replaceAll('"', '""')}"`;
}

/**
 * Creates a uniquely named, empty database (`roster_t_<random>`) on the server of `baseUrl` and returns
 * its URL. `drop()` terminates the connections still open to it and drops it.
 */
export async function freshPostgresDatabase(baseUrl: string, options: { locale?: string } = {}): Promise<{ url: string; drop(): Promise<void> }> {
  const name = `roster_t_${randomBytes(6).toString('hex')}`;
  const admin = adminClient(baseUrl);
  await admin.connect();
  try {
    // The cluster's own locale (the tests' clusters: C) unless another is asked for.
    const locale = options.locale === undefined ? '' : ` template template0 encoding 'UTF8' lc_ctype '${options.locale}' lc_collate '${options.locale}'`;
    await admin.query(`create database ${quoteIdent(name)}${locale}`);
  } finally {
    await admin.end();
  }

  const url = new URL(baseUrl);
  url.pathname = `/${name}`;

  let dropped = false;
  return {
    url: url.toString(),
    async drop() {
      if (dropped) return;
      dropped = true;
      const client = adminClient(baseUrl);
      await client.connect();
      try {
        await client.query(
          'select pg_terminate_backend(pid) from pg_stat_activity where datname = $1 and pid <> pg_backend_pid()',
          [name],
        );
        // WITH (FORCE) (PostgreSQL 13+) also ends connections opened after the line above.
        await client.query(`drop database if exists ${quoteIdent(name)} with (force)`);
      } finally {
        await client.end();
      }
    },
  };
}
