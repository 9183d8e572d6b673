import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase, type OpenedDatabase } from './dialects.js';
import { migrateToLatest } from './migrate.js';
import { runReusable } from './reusable-query.js';

describe('reusable queries', () => {
  let opened: OpenedDatabase;
  const dir = mkdtempSync(join(tmpdir(), 'roster-reuse-'));
  beforeAll(async () => {
    opened = await openDatabase({ dataDir: dir, durability: 'process' });
    await migrateToLatest(opened.db);
    for (const [id, name] of [['A', 'alpha'], ['B', 'beta']]) {
      await opened.db.insertInto('levels').values({ company_id: id!, name: name!, created_at: 1 }).execute();
    }
  });
  afterAll(async () => {
    await opened.db.destroy();
    rmSync(dir, { recursive: true, force: true });
  });

  const byCompany = (company: string, name: string) =>
    runReusable(opened.db, 'test.levels', [company, name], (c, n) =>
      opened.db.selectFrom('levels').select('name').where('company_id', '=', c!).where('name', '=', n!),
    );

  it('binds each call its own arguments after the first compile', async () => {
    expect(await byCompany('A', 'alpha')).toEqual([{ name: 'alpha' }]);
    expect(await byCompany('B', 'beta')).toEqual([{ name: 'beta' }]);
    expect(await byCompany('A', 'beta')).toEqual([]);
  });

  it('refuses a builder that hides an argument in the SQL text instead of a parameter', async () => {
    await expect(
      runReusable(opened.db, 'test.bad', ['A'], () => opened.db.selectFrom('levels').select('name').where('company_id', '=', 'A')),
    ).rejects.toThrow(/not one of its arguments/);
  });

  // SQLite reads skip Kysely and build rows from better-sqlite3's arrays (sqlite-direct.ts): the rows
  // must be exactly the ones Kysely's own driver answers, column for column, nulls and numbers alike.
  it('answers the same row objects as Kysely, whatever the columns are called', async () => {
    // (`__proto__` included: whatever better-sqlite3 makes of it, the direct read makes the same.)
    const reusable = (company: string) =>
      runReusable(opened.db, 'test.levels.all', [company], (c) =>
        opened.db
          .selectFrom('levels')
          .select(['name', 'created_at', 'company_id as owner'])
          .select(sql<null>`null`.as('nothing'))
          .select(sql<string>`'x'`.as('__proto__'))
          .select(sql<string>`'quote"d'`.as('a "quoted" name'))
          .where('company_id', '=', c!),
      );
    const viaKysely = await opened.db
      .selectFrom('levels')
      .select(['name', 'created_at', 'company_id as owner'])
      .select(sql<null>`null`.as('nothing'))
      .select(sql<string>`'x'`.as('__proto__'))
      .select(sql<string>`'quote"d'`.as('a "quoted" name'))
      .where('company_id', '=', 'A')
      .execute();
    const rows = await reusable('A');
    expect(rows).toEqual(viaKysely);
    expect(rows).toEqual([{ name: 'alpha', created_at: 1, owner: 'A', nothing: null, 'a "quoted" name': 'quote"d' }]);
    expect(Object.keys(rows[0]!)).toEqual(Object.keys(viaKysely[0]!));
  });
});
