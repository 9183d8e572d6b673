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

  // SQLite statements run in array mode and build rows with a compiled object literal
  // (statement-cache.ts): the rows must be exactly the objects better-sqlite3 would have built.
  it('answers row objects with every column, in order, whatever the columns are called', async () => {
    const select = (company: string) =>
      opened.db
        .selectFrom('levels')
        .select(['name', 'created_at', 'company_id as owner'])
        .select(sql<null>`null`.as('nothing'))
        .select(sql<string>`'quote"d'`.as('a "quoted" name'))
        .select(sql<string>`'x'`.as('__proto__'))
        .where('company_id', '=', company);
    const direct = await runReusable(opened.db, 'test.levels.all', ['A'], (c) => select(c!));
    const viaKysely = await select('A').execute();
    for (const rows of [direct, viaKysely]) {
      expect(rows).toHaveLength(1);
      const row = rows[0]!;
      expect(Object.keys(row)).toEqual(['name', 'created_at', 'owner', 'nothing', 'a "quoted" name', '__proto__']);
      expect(Object.values(row)).toEqual(['alpha', 1, 'A', null, 'quote"d', 'x']);
      // An own property, never the prototype.
      expect(Object.getPrototypeOf(row)).toBe(Object.prototype);
    }
  });

  it('answers the new columns of a cached select * after the table gained one', async () => {
    await sql`create table shape_change (id integer primary key, a text)`.execute(opened.db);
    await sql`insert into shape_change (id, a) values (1, 'one')`.execute(opened.db);
    const all = () => sql<Record<string, unknown>>`select * from shape_change`.execute(opened.db);
    expect((await all()).rows).toEqual([{ id: 1, a: 'one' }]);
    await sql`alter table shape_change add column b text default 'bee'`.execute(opened.db);
    expect((await all()).rows).toEqual([{ id: 1, a: 'one', b: 'bee' }]);
  });
});
