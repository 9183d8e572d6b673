// `node bench/micro.js` (after `npm run build`): where a request's time goes below HTTP. Calls Roster's
// services (dist/) in-process on a seeded SQLite store and reports, per use case, the time per call, how
// many SQL statements better-sqlite3 had to prepare for it and the time spent preparing them; then the
// cost of fetching one 100-row page as Roster does it (every column) against the columns the list shows.
//   BENCH_EMPLOYEES (default 100000) employees in the paged company; MICRO_CALLS (default 1000) per case.
import { randomUUID } from 'node:crypto';
import { rmSync } from 'node:fs';
import Database from 'better-sqlite3';
import { makeTempDir } from './lib/procs.js';
import { BENEFITS_SETUP, prepareTenants, seedEmployees, seedOaCodes } from './lib/seed.js';
import { cnMobile, residentId } from './lib/data.js';

const EMPLOYEES = Number(process.env.BENCH_EMPLOYEES || 100_000);
const CALLS = Number(process.env.MICRO_CALLS || 1000);
const dir = makeTempDir('roster-micro-');
try {
  const t = await prepareTenants({ dataDir: dir, log: console.log });
  const seeded = await seedEmployees({ file: t.file, companyId: t.big.companyId, creator: t.appB.appKey, total: EMPLOYEES, log: () => {} });
  const codes = await seedOaCodes({ file: t.file, companyId: t.small.companyId, count: CALLS + 100 });
  const { buildContainer } = await import('../dist/container.js');
  const { loadConfig } = await import('../dist/config/load.js');
  const c = await buildContainer(loadConfig({}, { dataDir: dir, logLevel: 'silent' }));

  // Count and time every statement preparation (Kysely's SQLite driver prepares on every query).
  let prepared = 0;
  let prepareNs = 0n;
  const statements = new Set();
  const original = Database.prototype.prepare;
  Database.prototype.prepare = function prepare(sql) {
    const t0 = process.hrtime.bigint();
    try {
      return original.call(this, sql);
    } finally {
      prepareNs += process.hrtime.bigint() - t0;
      prepared++;
      statements.add(sql.length > 100 ? sql.slice(0, 100) + '…' : sql);
    }
  };

  const appA = await c.access.credentials(t.appA.appKey);
  const appB = await c.access.credentials(t.appB.appKey);
  const lastPage = Math.ceil(EMPLOYEES / 100);
  let nextCode = 0;
  let nextAdd = 0;
  const s = BENEFITS_SETUP;
  const cases = {
    'IoT get (accounts.getAccount)': () => c.accounts.getAccount(appB, undefined, seeded.middleEmployeeId),
    'IoT querybycompanyid page 1 (listByCompany, 100)': () => c.accounts.listByCompany(appB, t.big.companyId, 1, 100),
    [`IoT querybycompanyid page ${lastPage} (listByCompany, 100)`]: () => c.accounts.listByCompany(appB, t.big.companyId, lastPage, 100),
    'IoT createbyauthcode (createFromOaCode)': () => c.accounts.createFromOaCode(appA, codes[nextCode++], 'AUTH_CODE'),
    'benefits get (benefitsEmployees.get)': () => c.benefitsEmployees.get(appA, undefined, { userid: t.benefitsGetUserid }),
    'benefits add, no password (benefitsEmployees.add)': () => {
      const i = nextAdd++;
      return c.benefitsEmployees.add(appA, undefined, `micro-${i}`, {
        name: `员工${i}`, workNumber: `MC${i}`, gender: 1, email: `micro${i}@x.example`, mobileArea: '86',
        mobile: cnMobile('135', i), sendInvite: true, remark: 'micro', deptCode: s.deptCode, level: s.level,
        categories: s.categories, birthDay: '1990-03-07', entryDay: '2020-01-01', cardType: 1, cardNo: residentId(i),
        allowSimplePwd: false, attributes: s.attributes, costCenterId: t.costCenterId,
      });
    },
  };
  console.log(`${EMPLOYEES.toLocaleString('en')} employees, ${CALLS} calls per case (after 50 warm-up calls)\n`);
  for (const [name, call] of Object.entries(cases)) {
    if (name.startsWith('benefits') && !t.benefitsGetUserid) continue;
    for (let i = 0; i < 50; i++) await call();
    prepared = 0;
    prepareNs = 0n;
    statements.clear();
    const t0 = process.hrtime.bigint();
    for (let i = 0; i < CALLS; i++) await call();
    const perCall = Number(process.hrtime.bigint() - t0) / 1000 / CALLS;
    const prep = Number(prepareNs) / 1000 / CALLS;
    console.log(`${name}: ${perCall.toFixed(0)} µs/call; ${(prepared / CALLS).toFixed(1)} statements prepared per call, ` +
      `${prep.toFixed(0)} µs/call (${((100 * prep) / perCall).toFixed(0)}%) in prepare`);
    for (const sql of statements) console.log(`    ${sql}`);
  }
  Database.prototype.prepare = original;
  await c.close();

  // One 100-row page straight from better-sqlite3, statements prepared once.
  const db = new Database(t.file, { readonly: true });
  const timeIt = (label, fn, n = 300) => {
    for (let i = 0; i < 30; i++) fn();
    const t0 = process.hrtime.bigint();
    for (let i = 0; i < n; i++) fn();
    console.log(`  ${label}: ${(Number(process.hrtime.bigint() - t0) / 1000 / n).toFixed(0)} µs`);
  };
  const all = db.prepare('SELECT * FROM employees WHERE company_id = ? AND seq > ? ORDER BY seq LIMIT 100');
  const listed = db.prepare(
    'SELECT phone_raw, email, identity_id, name, creator, modifier, avatar_url, is_main FROM employees WHERE company_id = ? AND seq > ? ORDER BY seq LIMIT 100',
  );
  console.log('\nOne 100-row page, better-sqlite3 directly (prepared once):');
  timeIt('SELECT * (39 columns), row objects', () => all.all(t.big.companyId, 0));
  timeIt('SELECT * (39 columns), raw arrays', () => all.raw(true).all(t.big.companyId, 0));
  all.raw(false);
  timeIt('SELECT the 8 columns the list shows, row objects', () => listed.all(t.big.companyId, 0));
  timeIt(`same, page ${lastPage}`, () => listed.all(t.big.companyId, (lastPage - 1) * 100));
  const one = db.prepare('SELECT * FROM companies WHERE company_id = ?');
  timeIt('one company row, prepared once', () => one.get(t.big.companyId), 3000);
  timeIt('one company row, prepared each time', () => db.prepare('SELECT * FROM companies WHERE company_id = ?').get(t.big.companyId), 3000);
  db.close();
  void randomUUID;
} finally {
  rmSync(dir, { recursive: true, force: true });
}
