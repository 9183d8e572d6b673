/**
 * `roster serve` warns when a PostgreSQL database's settings make employee name search read every name
 * of a company: under LC_CTYPE C (`initdb --no-locale`) pg_trgm makes no trigram of a Chinese
 * character, so the trigram index cannot narrow a search by Chinese key words.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config/load.js';
import { buildContainer } from '../../src/container.js';
import { freshPostgresDatabase, testDatabases } from '../support/databases.js';
import { built, serve } from '../ops/support.js';

const postgres = testDatabases().find((d) => d.name === 'postgres');

async function adviceOn(databaseUrl: string | undefined): Promise<{ advice: string[]; trigrams: string | undefined }> {
  const dataDir = mkdtempSync(join(tmpdir(), 'roster-advice-'));
  const c = await buildContainer(loadConfig({}, { dataDir, databaseUrl, logLevel: 'silent' }));
  try {
    let trigrams: string | undefined;
    if (databaseUrl) {
      const client = new pg.Client({ connectionString: databaseUrl });
      await client.connect();
      trigrams = (await client.query<{ t: string }>(`select show_trgm('张三丰')::text as t`)).rows[0]!.t;
      await client.end();
    }
    return { advice: await c.storeAdvice(), trigrams };
  } finally {
    await c.close();
    rmSync(dataDir, { recursive: true, force: true });
  }
}

describe('store advice at serve', () => {
  it('has nothing to say about SQLite', async () => {
    expect((await adviceOn(undefined)).advice).toEqual([]);
  });

  describe.skipIf(!postgres)('PostgreSQL', () => {
    it('warns under LC_CTYPE C, where a Chinese name has no trigram, and not under C.UTF-8', async () => {
      const plain = await freshPostgresDatabase(postgres!.databaseUrl!);
      const utf8 = await freshPostgresDatabase(postgres!.databaseUrl!, { locale: 'C.UTF-8' });
      try {
        const c = await adviceOn(plain.url);
        expect(c.trigrams).toBe('{}');
        expect(c.advice).toEqual([expect.stringMatching(/^PostgreSQL: the database's LC_CTYPE is C, .*Chinese.*LC_CTYPE 'C.UTF-8'/)]);
        const u = await adviceOn(utf8.url);
        expect(u.trigrams).not.toBe('{}');
        expect(u.advice).toEqual([]);
      } finally {
        await plain.drop();
        await utf8.drop();
      }
    });

    it.skipIf(!built)('roster serve prints the warning on stderr', async () => {
      const plain = await freshPostgresDatabase(postgres!.databaseUrl!);
      const dataDir = mkdtempSync(join(tmpdir(), 'roster-advice-'));
      const server = await serve(['--no-demo'], { ROSTER_DATA_DIR: dataDir, DATABASE_URL: plain.url });
      try {
        for (let i = 0; i < 100 && !server.stderr().includes('warning:'); i++) await new Promise((r) => setTimeout(r, 50));
        expect(server.stderr()).toContain("warning: PostgreSQL: the database's LC_CTYPE is C");
      } finally {
        await server.stop();
        rmSync(dataDir, { recursive: true, force: true });
        await plain.drop();
      }
    });
  });
});
