import { sql, type Kysely } from 'kysely';
import type { Database } from './tables.js';

/**
 * What an operator should know about a PostgreSQL database Roster runs on, as warnings printed at
 * `roster serve`: settings that still work but make name search read a company's every name.
 *
 * - pg_trgm makes trigrams only of the characters the database's LC_CTYPE calls alphanumeric. Under
 *   `C`/`POSIX` (`initdb --no-locale`, some images' default) no Chinese character is one: a key word of
 *   Chinese characters has no trigram and the GIN index cannot narrow it (`show_trgm('张三丰')` is `{}`
 *   there, four trigrams under `C.UTF-8`).
 * - Without pg_trgm and btree_gin (a role that may not create extensions) migration 0012 left the
 *   trigram index out.
 */
export async function postgresStoreAdvice(db: Kysely<Database>): Promise<string[]> {
  const { rows } = await sql<{ ctype: string; indexed: boolean }>`
    select current_setting('lc_ctype') as ctype, to_regclass('employees_name_trgm_ix') is not null as indexed`.execute(db);
  const row = rows[0];
  if (!row) return [];
  const advice: string[] = [];
  if (!row.indexed) {
    advice.push(
      'PostgreSQL: the extensions pg_trgm and btree_gin were not available when Roster migrated, so employee name ' +
        'search reads every name of the company; see docs/deploy.md (PostgreSQL database) to add the index',
    );
  } else if (/^(c|posix)$/i.test(row.ctype)) {
    advice.push(
      `PostgreSQL: the database's LC_CTYPE is ${row.ctype}, under which pg_trgm makes no trigrams of Chinese characters, ` +
        'so an employee name search by Chinese key words reads every name of the company; create the database with ' +
        "a UTF-8 locale (LC_CTYPE 'C.UTF-8'), see docs/deploy.md (PostgreSQL database)",
    );
  }
  return advice;
}
