// `node bench/micro.js` (after `npm run build`): where a request's time goes below HTTP. Calls Roster's
// services (dist/) in-process on a seeded SQLite store and reports, per use case, the time per call, how
// many SQL statements better-sqlite3 had to prepare for it and the time spent preparing them; then the
// cost of fetching one 100-row page as Roster does it (every column) against the columns the list shows.
//   BENCH_EMPLOYEES (default 100000) employees in the paged company; MICRO_CALLS (default 1000) per case.
import { randomUUID } from 'node:crypto';
import { rmSync } from 'node:fs';
import Database from 'better-sqlite3';
import Fastify from 'fastify';
import { makeTempDir } from './lib/procs.js';
import { BENEFITS_SETUP, prepareTenants, seedEmployees, seedOaCodes } from './lib/seed.js';
import { cnMobile, residentId } from './lib/data.js';
import { signedIotRequest } from './lib/sign.js';

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

  // The same get through Roster's whole HTTP stack in-process (Fastify inject: no sockets), against a
  // bare Fastify route answering the same bytes: what the edge (routing, signature, envelope) adds.
  const { buildServer } = await import('../dist/edge/http/server.js');
  const server = await buildServer(c);
  await server.ready();
  const getReq = () => {
    const r = signedIotRequest({ ...t.appB, path: '/industry/user/account/get', body: JSON.stringify({ id: randomUUID(), version: '1.0', request: { apiVer: '1.0.4' }, params: { employeeId: seeded.middleEmployeeId } }) });
    return { method: 'POST', url: r.path, headers: r.headers, payload: r.body };
  };
  const sample = await server.inject(getReq());
  const bare = Fastify({ logger: false });
  bare.post('/*', async (_req, reply) => reply.type('application/json;charset=UTF-8').send(sample.body));
  await bare.ready();
  const injectTime = async (label, target) => {
    for (let i = 0; i < 200; i++) await target.inject(getReq());
    const t0 = process.hrtime.bigint();
    for (let i = 0; i < CALLS; i++) {
      const res = await target.inject(getReq());
      if (res.statusCode !== 200) throw new Error(`${label}: HTTP ${res.statusCode} ${res.body}`);
    }
    const perCall = Number(process.hrtime.bigint() - t0) / 1000 / CALLS;
    console.log(`${label}: ${perCall.toFixed(0)} µs/request`);
  };
  console.log('\nThe signed get in-process through Fastify inject (no sockets; includes building and signing the request):');
  await injectTime('  Roster (whole stack)', server);
  await injectTime('  bare Fastify route, same bytes', bare);
  let signNs = 0n;
  for (let i = 0; i < CALLS; i++) {
    const t0 = process.hrtime.bigint();
    getReq();
    signNs += process.hrtime.bigint() - t0;
  }
  console.log(`  of which building and signing the request (client side): ${(Number(signNs) / 1000 / CALLS).toFixed(0)} µs`);
  await server.close();
  await bare.close();
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
  // What Kysely adds before SQLite sees a query: building and compiling the same lookup each call.
  const { Kysely, SqliteDialect } = await import('kysely');
  const k = new Kysely({ dialect: new SqliteDialect({ database: db }) });
  timeIt('Kysely build + compile of the employee lookup (no execution)', () =>
    k.selectFrom('employees').selectAll().where('company_id', '=', t.big.companyId).where('employee_id', '=', seeded.middleEmployeeId).compile(), 3000);
  const lookup = db.prepare('SELECT * FROM employees WHERE company_id = ? AND employee_id = ?');
  timeIt('employee lookup, prepared once, executed', () => lookup.get(t.big.companyId, seeded.middleEmployeeId), 3000);
  timeIt('employee lookup, prepared each time, executed', () => db.prepare('SELECT * FROM employees WHERE company_id = ? AND employee_id = ?').get(t.big.companyId, seeded.middleEmployeeId), 3000);
  await k.destroy();
} finally {
  rmSync(dir, { recursive: true, force: true });
}
