// The bulk rows of bench/lib/seed.js for a PostgreSQL store: the same employees and OA codes, written
// with set-based SQL (generate_series, unnest) so a million employees take seconds, not minutes.
import { createHash, randomBytes } from 'node:crypto';
import pg from 'pg';
import { cnMobile } from './data.js';

async function withClient(url, work) {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

/**
 * Fills company `companyId` (which holds its main account as seq 1) up to `total` employees with dense
 * seq 2..total, the same values seedEmployees writes into SQLite, and sets companies.employee_count.
 * Secondary indexes are dropped and rebuilt from their own definitions (sorted builds are much faster
 * than row-by-row growth), then the table is vacuumed and analyzed, as autovacuum would leave it, and
 * a checkpoint writes the seed out before anything is measured.
 */
export async function seedEmployeesPostgres({ url, companyId, creator, total, log }) {
  return withClient(url, async (db) => {
    const t0 = Date.now();
    await db.query(`set maintenance_work_mem = '256MB'`);
    await db.query('set synchronous_commit = off');
    const { rows: first } = await db.query('select max(seq) as hi from employees where company_id = $1', [companyId]);
    const start = Number(first[0].hi ?? 0) + 1;
    const { rows: indexes } = await db.query(
      `select i.indexname, i.indexdef from pg_indexes i
        where i.tablename = 'employees' and i.schemaname = current_schema()
          and not exists (select 1 from pg_constraint c where c.conname = i.indexname)`,
    );
    for (const { indexname } of indexes) await db.query(`drop index "${indexname}"`);
    const now = Date.now();
    const BATCH = 250_000;
    for (let from = start; from <= total; from += BATCH) {
      const to = Math.min(total, from + BATCH - 1);
      // 40 lower-case hex characters: the length and alphabet class of Roster's opaque ids.
      await db.query(
        `insert into employees (
           company_id, employee_id, seq, identity_id, account_id, work_number, work_number_key, name,
           login_name, phone_raw, phone_e164, mobile_area, email, email_key, is_admin, is_main,
           creator, modifier, dept_code, send_invite, created_at, updated_at)
         select $1, md5(random()::text) || left(md5(random()::text), 8), g,
                md5(random()::text) || left(md5(random()::text), 8), md5(random()::text) || left(md5(random()::text), 8),
                'M' || g, 'm' || g, '员工' || g, '+86' || p, p, '+86' || p, '86',
                'm' || g || '@million.bench.example', 'm' || g || '@million.bench.example', 0, 0,
                $4, $4, 'ROOT', 0, $5, $5
           from generate_series($2::bigint, $3::bigint) g, lateral (select '150' || lpad(g::text, 8, '0') as p) phone`,
        [companyId, from, to, creator, now],
      );
      log(`  … ${to.toLocaleString('en')} employees`);
    }
    for (const { indexdef } of indexes) await db.query(indexdef);
    await db.query('update companies set employee_count = $2 where company_id = $1', [companyId, total]);
    const { rows } = await db.query(
      'select count(*)::int as n, min(seq)::int as lo, max(seq)::int as hi from employees where company_id = $1',
      [companyId],
    );
    const count = rows[0];
    if (count.n !== total || count.lo !== 1 || count.hi !== total) {
      throw new Error(`seeding produced ${count.n} employees with seq ${count.lo}..${count.hi}, wanted 1..${total}`);
    }
    await db.query('vacuum analyze');
    // Write the seed's dirty pages out now, not in a checkpoint during the first measured scenario.
    await db.query('checkpoint');
    const middleSeq = Math.max(start, Math.floor(total / 2));
    const { rows: middle } = await db.query('select employee_id from employees where company_id = $1 and seq = $2', [companyId, middleSeq]);
    return { middleEmployeeId: middle[0].employee_id, seconds: (Date.now() - t0) / 1000 };
  });
}

const sha256 = (s) => createHash('sha256').update(s).digest('hex');

/** As seedOaCodes, into PostgreSQL: `count` single-use dev-OA codes for `companyId`. Returns the codes. */
export async function seedOaCodesPostgres({ url, companyId, count }) {
  return withClient(url, async (db) => {
    const expiresAt = Date.now() + 24 * 3600 * 1000;
    const codes = new Array(count);
    const raw = randomBytes(count * 24);
    const CHUNK = 10_000;
    for (let from = 0; from < count; from += CHUNK) {
      const hashes = [];
      const profiles = [];
      for (let i = from; i < Math.min(count, from + CHUNK); i++) {
        const code = raw.subarray(i * 24, (i + 1) * 24).toString('base64url');
        codes[i] = code;
        hashes.push(sha256(code));
        profiles.push(JSON.stringify({
          oaUserId: `bench-oa-${i}`,
          phone: cnMobile('139', i),
          name: `OA用户${i}`,
          email: `oa${i}@small.bench.example`,
          avatarUrl: `https://avatars.bench.example/${i}.png`,
        }));
      }
      await db.query(
        `insert into oa_codes (code_hash, company_id, code_type, profile, expires_at, used_at)
         select h, $1, 'AUTH_CODE', p, $4, null from unnest($2::text[], $3::text[]) as t(h, p)`,
        [companyId, hashes, profiles, expiresAt],
      );
    }
    await db.query('vacuum analyze oa_codes');
    await db.query('checkpoint');
    return codes;
  });
}
