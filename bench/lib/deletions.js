// Deletes a random share of the big company's employees straight in the store, exactly as
// `/user/account/unregister` leaves them (rows gone, per-block counters and the company's
// deleted_count raised; see docs/architecture.md "Deleting people"), for the "page after deletions"
// scenarios. The main account is kept.
import Database from 'better-sqlite3';
import pg from 'pg';

/** Positions per counted block; must match src/storage/sql/employee-rank.ts DELETION_BLOCK. */
const BLOCK = 1024;

/** The statements, with the company id inlined (a 32-hex id, checked). */
const statements = (companyId, keep, random) => {
  if (!/^[0-9A-Fa-f]{32}$/.test(companyId)) throw new Error(`not a company id: ${companyId}`);
  if (!/^[0-9A-Za-z]{1,64}$/.test(keep)) throw new Error(`not an employee id: ${keep}`);
  return STATEMENTS(random).map((text) => text.replaceAll('$1', `'${companyId}'`).replaceAll('$keep', `'${keep}'`));
};

const STATEMENTS = (random) => [
  `CREATE TEMP TABLE doomed AS SELECT seq FROM employees WHERE company_id = $1 AND is_main = 0 AND employee_id <> $keep AND ${random}`,
  `DELETE FROM employees WHERE company_id = $1 AND seq IN (SELECT seq FROM doomed)`,
  `INSERT INTO employee_deletions (company_id, block, deleted)
     SELECT $1, (seq - 1) / ${BLOCK}, count(*) FROM doomed WHERE true GROUP BY (seq - 1) / ${BLOCK}
     ON CONFLICT (company_id, block) DO UPDATE SET deleted = employee_deletions.deleted + excluded.deleted`,
  `UPDATE companies SET deleted_count = deleted_count + (SELECT count(*) FROM doomed) WHERE company_id = $1`,
];

/** SQLite: `share` (0–1) of the company, chosen at random; returns how many went. */
export function deleteShareSqlite({ file, companyId, share, keep }) {
  const db = new Database(file, { timeout: 30_000 });
  try {
    const threshold = Math.round(share * 1_000_000);
    const run = db.transaction(() => {
      for (const text of statements(companyId, keep, `abs(random()) % 1000000 < ${threshold}`)) db.prepare(text).run();
      return db.prepare('SELECT count(*) AS n FROM doomed').get().n;
    });
    return run();
  } finally {
    db.close();
  }
}

/** PostgreSQL: the same, in one transaction. */
export async function deleteSharePostgres({ url, companyId, share, keep }) {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    await client.query('BEGIN');
    for (const text of statements(companyId, keep, `random() < ${Number(share)}`)) await client.query(text);
    const { rows } = await client.query('SELECT count(*)::int AS n FROM doomed');
    await client.query('COMMIT');
    await client.query('ANALYZE employees');
    return rows[0].n;
  } finally {
    await client.end();
  }
}
