// Prepares a data folder before the Roster server starts: tenants, apps and setup through Roster's own
// container (dist/), then the bulk rows (a million employees, the OA codes) straight into SQLite.
import { createHash, randomBytes } from 'node:crypto';
import { cnMobile, opaqueIds, residentId } from './data.js';

const DIST = new URL('../../dist/', import.meta.url);

/** Benefits setup names used by the add scenario. */
export const BENEFITS_SETUP = {
  deptCode: 'BENCH01',
  deptName: '研发部',
  level: 'P5',
  categories: ['A组', 'B组'],
  costCenterName: '研发成本中心',
  attributes: [
    { attributeCode: 'politicalVisage', attributeValue: '群众' },
    { attributeCode: 'contractNature', attributeValue: '正式' },
  ],
};

/**
 * Opens `dataDir` (or the PostgreSQL database at `databaseUrl`) with Roster's container and creates:
 *  - company "small" (initialized) with hosted app A (rate limit 0) and the benefits setup;
 *  - company "big" (initialized) with hosted app B (rate limit 0), later bulk-filled to `employees`.
 * Returns everything the scenarios need, secrets included (they stay in this process).
 */
export async function prepareTenants({ dataDir, databaseUrl, log }) {
  const { buildContainer } = await import(new URL('container.js', DIST).href);
  const { loadConfig } = await import(new URL('config/load.js', DIST).href);
  const c = await buildContainer(loadConfig({}, { dataDir, databaseUrl, logLevel: 'silent', defaultRateLimit: 0 }));
  try {
    const small = await c.directory.createCompany({
      name: 'Bench Small Co',
      main: { phone: '13800000000', name: 'Bench Admin', email: 'admin@small.bench.example' },
    });
    const appA = await c.directory.createApp({ companyId: small.companyId, name: 'bench-small', rateLimit: 0 });
    const big = await c.directory.createCompany({
      name: 'Bench Million Co',
      main: { phone: '13800000001', name: 'Million Admin', email: 'admin@million.bench.example' },
    });
    const appB = await c.directory.createApp({ companyId: big.companyId, name: 'bench-million', rateLimit: 0 });

    const s = BENEFITS_SETUP;
    await c.departments.add(small.companyId, { deptCode: s.deptCode, name: s.deptName });
    await c.directory.addSettings(small.companyId, 'levels', [s.level]);
    await c.directory.addSettings(small.companyId, 'categories', s.categories);
    const costCenterId = await c.directory.addCostCenter(small.companyId, s.costCenterName);

    // One benefits employee for /employee/get, through Roster's own service (if it has the shape
    // this bench knows; otherwise the get scenario falls back to an employee the add scenario made).
    let benefitsGetUserid = null;
    try {
      const userid = 'bench-get-0';
      await c.benefitsEmployees.add(appA, undefined, userid, {
        name: '基准员工',
        workNumber: 'BENCHGET0',
        gender: 2,
        email: 'get0@small.bench.example',
        mobileArea: '86',
        mobile: '13600000000',
        sendInvite: true,
        remark: 'bench get target',
        deptCode: s.deptCode,
        level: s.level,
        categories: s.categories,
        birthDay: '1990-03-07',
        entryDay: '2020-01-01',
        cardType: 1,
        cardNo: '110101199003070919',
        allowSimplePwd: false,
        attributes: s.attributes,
        costCenterId,
      });
      benefitsGetUserid = userid;
    } catch (error) {
      log(`  note: could not pre-create the benefits get target through the container (${error.message})`);
    }

    // An installation operator token for the admin API scenarios (absent on a build without it).
    const adminToken = c.admin?.tokens ? (await c.admin.tokens.create({ name: 'bench' })).token : null;

    return {
      file: c.location,
      adminToken,
      small: { companyId: small.companyId, mainEmployeeId: small.mainEmployeeId },
      big: { companyId: big.companyId, mainEmployeeId: big.mainEmployeeId },
      appA: { appKey: appA.appKey, appSecret: appA.appSecret },
      appB: { appKey: appB.appKey, appSecret: appB.appSecret },
      costCenterId,
      benefitsGetUserid,
    };
  } finally {
    await c.close();
  }
}

/**
 * Fills company `companyId` (which already holds its main account as seq 1) up to `total` employees
 * with dense seq 2..total in a few big transactions, and sets companies.employee_count = total.
 * Returns the employeeId of a seeded employee in the middle of the company.
 */
export async function seedEmployees({ file, companyId, creator, total, log }) {
  const { default: Database } = await import('better-sqlite3');
  const db = new Database(file);
  try {
    // Setup only, nothing to protect: no fsyncs, a large page cache, and a rollback journal instead
    // of a WAL that would hold a second copy of every page; WAL is switched back on at the end.
    db.pragma('journal_mode = DELETE');
    db.pragma('synchronous = OFF');
    db.pragma('cache_size = -1048576');
    db.pragma('temp_store = MEMORY');

    const first = db.prepare('SELECT seq FROM employees WHERE company_id = ? ORDER BY seq DESC LIMIT 1').get(companyId);
    const start = (first?.seq ?? 0) + 1;
    const insert = db.prepare(`INSERT INTO employees (
        company_id, employee_id, seq, identity_id, account_id, work_number, work_number_key, name,
        login_name, phone_raw, phone_e164, mobile_area, email, email_key, is_admin, is_main,
        creator, modifier, dept_code, send_invite, created_at, updated_at)
      VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, '86', ?, ?, 0, 0, ?, ?, 'ROOT', 0, ?, ?)`);
    const now = Date.now();
    const BATCH = 100_000;
    let middle = null;
    const middleSeq = Math.max(start, Math.floor(total / 2));
    const fill = db.transaction((from, to) => {
      const n = to - from + 1;
      const ids = opaqueIds(n * 3);
      for (let k = 0; k < n; k++) {
        const seq = from + k;
        const phone = cnMobile('150', seq);
        const email = `m${seq}@million.bench.example`;
        const employeeId = ids[3 * k];
        if (seq === middleSeq) middle = employeeId;
        insert.run(
          companyId, employeeId, seq, ids[3 * k + 1], ids[3 * k + 2], `M${seq}`, `m${seq}`, `员工${seq}`,
          '+86' + phone, phone, '+86' + phone, email, email, creator, creator, now, now,
        );
      }
    });
    const t0 = Date.now();
    // Building the secondary indexes once, sorted, is much faster than growing them row by row;
    // they are recreated from their own definitions, so the schema stays Roster's.
    const indexes = db
      .prepare(`SELECT name, sql FROM sqlite_master WHERE type = 'index' AND tbl_name = 'employees' AND sql IS NOT NULL`)
      .all();
    for (const { name } of indexes) db.exec(`DROP INDEX "${name}"`);
    let lastLog = t0;
    for (let from = start; from <= total; from += BATCH) {
      const to = Math.min(total, from + BATCH - 1);
      fill(from, to);
      if (Date.now() - lastLog > 5000) {
        lastLog = Date.now();
        log(`  … ${to.toLocaleString('en')} employees`);
      }
    }
    for (const { sql } of indexes) db.exec(sql);
    db.prepare('UPDATE companies SET employee_count = ? WHERE company_id = ?').run(total, companyId);
    const count = db.prepare('SELECT count(*) AS n, min(seq) AS lo, max(seq) AS hi FROM employees WHERE company_id = ?').get(companyId);
    if (count.n !== total || count.lo !== 1 || count.hi !== total) {
      throw new Error(`seeding produced ${count.n} employees with seq ${count.lo}..${count.hi}, wanted 1..${total}`);
    }
    db.pragma('journal_mode = WAL');
    return { middleEmployeeId: middle ?? first, seconds: (Date.now() - t0) / 1000 };
  } finally {
    db.close();
  }
}

const sha256 = (s) => createHash('sha256').update(s).digest('hex');

/**
 * Pre-issues `count` single-use dev-OA codes for `companyId`, as the dev OA connector stores them
 * (sha256 hex of the code, the profile as JSON), each with a unique OA user, phone and email.
 * Returns the codes.
 */
export async function seedOaCodes({ file, companyId, count }) {
  const { default: Database } = await import('better-sqlite3');
  const db = new Database(file);
  try {
    db.pragma('synchronous = OFF');
    const insert = db.prepare(
      `INSERT INTO oa_codes (code_hash, company_id, code_type, profile, expires_at, used_at) VALUES (?, ?, 'AUTH_CODE', ?, ?, NULL)`,
    );
    const expiresAt = Date.now() + 24 * 3600 * 1000;
    const codes = new Array(count);
    const raw = randomBytes(count * 24);
    db.transaction(() => {
      for (let i = 0; i < count; i++) {
        const code = raw.subarray(i * 24, (i + 1) * 24).toString('base64url');
        codes[i] = code;
        const profile = {
          oaUserId: `bench-oa-${i}`,
          phone: cnMobile('139', i),
          name: `OA用户${i}`,
          email: `oa${i}@small.bench.example`,
          avatarUrl: `https://avatars.bench.example/${i}.png`,
        };
        insert.run(sha256(code), companyId, JSON.stringify(profile), expiresAt);
      }
    })();
    db.pragma('wal_checkpoint(TRUNCATE)');
    return codes;
  } finally {
    db.close();
  }
}
