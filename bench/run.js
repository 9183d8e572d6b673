// `npm run bench`: Roster's throughput, latency and memory against bare baselines measured in the same
// run, on the embedded SQLite default and/or a throwaway PostgreSQL 15 cluster, one server process at a
// time, loopback only.
//
// Knobs (environment):
//   BENCH_DURATION     seconds per measured scenario (default 10)
//   BENCH_WARMUP       seconds of warm-up before each scenario (default 2)
//   BENCH_CONNECTIONS  autocannon connections, keep-alive (default 10)
//   BENCH_EMPLOYEES    employees in the big company (default 1000000)
//   BENCH_ROSTER_LOG_LEVEL  Roster's log level during the run (default info, Roster's own default: one access line a request)
//   BENCH_NONCE_STORE  Roster's X-Ca-Nonce store (default database, Roster's own default; memory = one process only)
//   BENCH_WORKERS      on PostgreSQL, also serve the reads with `roster serve --workers N` (default 2; 1 = off)
//   BENCH_ENGINE       sqlite (default), postgres, or sqlite,postgres: the same scenarios on each, in one run,
//                      with PostgreSQL's reads compared to SQLite's (the cluster is started like the tests')
//   BENCH_PG_TCP       1 = Roster reaches the bench's PostgreSQL over loopback TCP (default: its Unix socket)
//   BENCH_PAGE_SIZE    querybycompanyid page sizes, a comma list (default 10,100; 10 is seed 002's example)
//   BENCH_ONLY         comma list of scenario ids to run (default: all): bare-route, bare-route-page,
//                      bare-insert, get, query-p1, query-last, create, create-oa, authidentity, bf-add-2, bf-add-1, bf-get,
//                      admin-list-p1, admin-list-deep, admin-list-p1-total, admin-list-deep-total, admin-list-keyword, admin-create,
//                      search, query-deleted
//   BENCH_CPU_PROF     1 = run the Roster server under --cpu-prof, profile into bench/results/profiles/
//                      (summarize with `node bench/profile-summary.js <file>`)
//   BENCH_QUIET_WAIT   seconds to wait, before each scenario, for other processes to calm down (default 10;
//                      the machine may be shared: the table's last column shows the outside load)
//   BENCH_LATENCY      seconds of the extra 1-connection latency runs of querybycompanyid (default 5; 0 = off)
//
// Writes bench/results/latest.json. Exits 0 whatever the verdicts (it is a measurement) unless the bench
// itself broke (setup failed, a server died, a scenario could not get one successful response).
import { spawnSync } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { mkdirSync, writeFileSync } from 'node:fs';
import { cpus } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { benefitsCheck, httpCheck, iotCheck, measure, sendOnce } from './lib/load.js';
import { cnMobile, residentId } from './lib/data.js';
import { cleanupSync, cpuShares, cpuSnapshot, installCleanup, makeTempDir, memoryMb, startNode, waitForQuiet } from './lib/procs.js';
import { engineTargets, NOISE_PCT, table, verdicts } from './lib/report.js';
import { startPostgres } from './lib/postgres.js';
import { BENEFITS_SETUP, prepareTenants, seedEmployees, seedOaCodes } from './lib/seed.js';
import { seedEmployeesPostgres, seedOaCodesPostgres } from './lib/seed-postgres.js';
import { deleteSharePostgres, deleteShareSqlite } from './lib/deletions.js';
import { selfTest, signedBenefitsRequest, signedIotRequest } from './lib/sign.js';
import { oaTargets, prepareOa, runOaScenarios } from './lib/scenarios-oa.js';
import { adminTargets, runAdminScenarios } from './lib/scenarios-admin.js';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const RESULTS = join(ROOT, 'bench', 'results');

const intEnv = (name, fallback, min = 1) => {
  const raw = process.env[name];
  if (raw === undefined || raw === '') return fallback;
  const n = Number(raw);
  if (!Number.isInteger(n) || n < min) throw new Error(`${name} must be an integer ≥ ${min}, got ${raw}`);
  return n;
};

const settings = {
  duration: intEnv('BENCH_DURATION', 10),
  warmup: intEnv('BENCH_WARMUP', 2, 0),
  connections: intEnv('BENCH_CONNECTIONS', 10),
  employees: intEnv('BENCH_EMPLOYEES', 1_000_000, 2),
  // The seed's own example asks for 10 a page; 100 is the largest page the API serves.
  pageSizes: (process.env.BENCH_PAGE_SIZE || '10,100').split(',').map((v) => {
    const n = Number(v.trim());
    if (!Number.isInteger(n) || n < 1 || n > 100) throw new Error(`BENCH_PAGE_SIZE must list integers 1–100, got ${v}`);
    return n;
  }),
  engines: (process.env.BENCH_ENGINE || 'sqlite').split(',').map((v) => {
    const e = v.trim();
    if (e !== 'sqlite' && e !== 'postgres') throw new Error(`BENCH_ENGINE must list sqlite and/or postgres, got ${v}`);
    return e;
  }),
  only: process.env.BENCH_ONLY ? new Set(process.env.BENCH_ONLY.split(',').map((s) => s.trim()).filter(Boolean)) : null,
  cpuProf: process.env.BENCH_CPU_PROF === '1',
  quietWait: intEnv('BENCH_QUIET_WAIT', 10, 0),
  latency: intEnv('BENCH_LATENCY', 5, 0),
  workers: intEnv('BENCH_WORKERS', 2),
  nonceStore: process.env.BENCH_NONCE_STORE || 'database',
};
// Codes are single-use: enough for the fastest plausible create rate over warm-up and run.
settings.oaCodes = intEnv('BENCH_CODES', (settings.duration + settings.warmup + 2) * 8000);

const log = (line = '') => console.log(line);

const wanted = (id) => !settings.only || settings.only.has(id);
let broken = false;

// The IoT API envelope as the Node client sends it (id is a fresh UUID per request).
const iotBody = (apiVer, params) => JSON.stringify({ id: randomUUID(), version: '1.0', request: { apiVer }, params });

const IOT = {
  get: '/industry/user/account/get',
  query: '/user/account/employee/querybycompanyid',
  create: '/user/account/employee/createbyauthcode',
  search: '/industry/user/account/query',
  session: '/user/account/session/createbyauthcode',
  authIdentity: '/user/account/session/authidentity',
};

/** Roster's store counters and answered requests, from its /metrics. */
async function dbCounters(baseUrl) {
  const res = await sendOnce(baseUrl, { method: 'GET', path: '/metrics', headers: {} });
  const sum = (name) => {
    let total = 0;
    for (const m of res.body.matchAll(new RegExp(`^${name}(?:\\{[^}]*\\})? ([0-9.e+]+)$`, 'gm'))) total += Number(m[1]);
    return total;
  };
  return { requests: sum('roster_requests_total'), commits: sum('roster_db_commits_total'), transactions: sum('roster_db_transactions_total') };
}

async function main() {
  installCleanup();
  selfTest();
  // Opt-in, never part of the default run: the bulk import of issue 10 (bench/import.js), on SQLite.
  if (settings.only?.has('import-100k')) {
    const run = spawnSync(process.execPath, [fileURLToPath(new URL('./import.js', import.meta.url))], { stdio: 'inherit' });
    if (run.status !== 0) broken = true;
    if (settings.only.size === 1) process.exit(broken ? 1 : 0);
  }
  mkdirSync(RESULTS, { recursive: true });
  const t0 = Date.now();
  log(`Roster bench on ${settings.engines.join(' and ')}: ${settings.connections} connections, ${settings.duration} s per scenario ` +
    `(+${settings.warmup} s warm-up), ${settings.employees.toLocaleString('en')} employees, page sizes ${settings.pageSizes.join(', ')}, ` +
    `nonce store ${settings.nonceStore}; ` +
    `node ${process.version}, ${cpus().length} CPUs`);

  const rows = [];
  const byId = {};
  const record = (row) => {
    rows.push(row);
    byId[row.id] = row;
    const state = row.skipped
      ? `skipped: ${row.reason}`
      : `${row.reqPerSec.toFixed(0)} req/s, p50 ${row.p50.toFixed(2)} ms, p99 ${row.p99.toFixed(2)} ms, ${row.errors} errors; ` +
        `CPU server ${row.cpu.server.toFixed(0)}%, bench client ${row.cpu.client.toFixed(0)}%, other processes ${row.cpu.other.toFixed(0)}%`;
    log(`  ${row.label}: ${state}`);
    if (row.commits) log(`    ${row.commits.perRequest.toFixed(3)} COMMITs per request (${row.commits.transactionsPerRequest.toFixed(2)} store transactions per request)`);
    if (!row.skipped && row.errors > 0) {
      log(`    ERRORS ${JSON.stringify(row.errorKinds)}`);
      for (const s of row.errorSamples) log(`    e.g. ${s}`);
    }
  };

  /** Probes once (the response must be a success), then measures; the probe body is kept for the record. */
  async function scenario(id, label, server, makeRequest, check, extra = {}) {
    if (server.exited()) throw new Error(`${server.name} is no longer running (before ${label}):\n${server.output()}`);
    const probe = await sendOnce(server.baseUrl, makeRequest());
    const problem = check(probe.status, probe.body, probe.headers);
    if (problem) {
      broken = true;
      record({ id, label, skipped: true, reason: `probe failed (${problem}): HTTP ${probe.status} ${probe.headers['x-ca-error-message'] ?? ''} ${probe.body.slice(0, 300)}` });
      return;
    }
    const commitsBefore = server.metrics ? await dbCounters(server.baseUrl) : null;
    const outside = settings.quietWait ? await waitForQuiet(server.pid, { threshold: NOISE_PCT, maxWaitS: settings.quietWait }) : 0;
    if (outside >= NOISE_PCT) log(`  note: other processes still use ${outside.toFixed(0)}% of a core; measuring anyway`);
    let before;
    const result = await measure({
      baseUrl: server.baseUrl,
      makeRequest,
      check,
      connections: extra.connections ?? settings.connections,
      duration: extra.duration ?? settings.duration,
      warmup: extra.warmup ?? settings.warmup,
      onStart: () => (before = cpuSnapshot(server.pid)),
    });
    const cpu = cpuShares(before, cpuSnapshot(server.pid));
    if (server.exited()) throw new Error(`${server.name} died during ${label}:\n${server.output()}`);
    const mem = memoryMb(server.pid);
    // COMMITs per answered request over warm-up and run (SQLite groups concurrent ones; see group-commit.ts).
    let commits;
    if (commitsBefore) {
      const after = await dbCounters(server.baseUrl);
      const requests = after.requests - commitsBefore.requests;
      commits = { perRequest: (after.commits - commitsBefore.commits) / requests, transactionsPerRequest: (after.transactions - commitsBefore.transactions) / requests };
    }
    record({ id, label, server: server.name, ...result, cpu, commits, peakRssMb: mem.peak, rssAfterMb: mem.current, sampleBody: probe.body.slice(0, 400) });
  }

  const memory = {};
  const seeding = {};
  for (const [index, engine] of settings.engines.entries()) {
    const result = await benchEngine(engine, { scenario, record, byId, withBaselines: index === 0 });
    memory[engine] = result.memory;
    seeding[engine] = result.seeding;
  }

  // ---- Report ------------------------------------------------------------------------------------
  const { targets, info } = engineTargets({ byId, rows, memory, engines: settings.engines, pageSizes: settings.pageSizes, employees: settings.employees, workers: settings.workers });
  for (const more of [oaTargets, adminTargets]) {
    const extra = more({ byId, engines: settings.engines, pageSizes: settings.pageSizes });
    targets.push(...extra.targets);
    info.push(...extra.info);
  }

  log('');
  log(table(rows));
  log(`(peak RSS is the serving process's VmHWM after that scenario; Roster's rows share one process per engine, so theirs is cumulative.`);
  log(` CPU columns: % of one core used by the server, by this bench's client, and by every other process during the run;`);
  log(` on PostgreSQL the database server's own CPU is in "other", with any outside load.)`);
  log('');
  log(verdicts([...targets, ...info]));
  for (const r of rows.filter((x) => x.skipped)) log(`SKIPPED ${r.label}: ${r.reason}`);
  const withErrors = rows.filter((r) => !r.skipped && r.errors > 0);
  if (withErrors.length) log(`WARNING: error responses in ${withErrors.map((r) => r.label).join(', ')} (see above)`);
  log(`Total bench time ${((Date.now() - t0) / 1000).toFixed(0)} s`);

  const out = {
    at: new Date().toISOString(),
    settings: { ...settings, only: settings.only ? [...settings.only] : null },
    machine: { node: process.version, cpus: cpus().length, cpuModel: cpus()[0]?.model },
    seeding,
    scenarios: rows,
    rosterMemoryMb: memory,
    targets: [...targets, ...info],
  };
  writeFileSync(join(RESULTS, 'latest.json'), JSON.stringify(out, null, 2) + '\n');
  log(`Results written to bench/results/latest.json`);
}

/**
 * One engine: its data (prepared before the server starts), one Roster process, every scenario.
 * The baselines run once, with the first engine (they need a real response's bytes).
 */
async function benchEngine(engine, { scenario, record, byId, withBaselines }) {
  const tag = `[${engine}] `;
  const id = (s) => `${engine}:${s}`;
  // ---- 1. Data, prepared before the server starts ------------------------------------------------
  const dataDir = makeTempDir('roster-bench-data-');
  let databaseUrl;
  if (engine === 'postgres') {
    log('Starting a throwaway PostgreSQL 15 cluster …');
    ({ url: databaseUrl } = await startPostgres());
  }
  log(`Preparing ${engine} data …`);
  let t = Date.now();
  const tenants = await prepareTenants({ dataDir, databaseUrl, log });
  log(`  tenants, apps and benefits setup through dist/container.js: ${((Date.now() - t) / 1000).toFixed(1)} s`);
  const fill = { companyId: tenants.big.companyId, creator: tenants.appB.appKey, total: settings.employees, log };
  const seeded = databaseUrl ? await seedEmployeesPostgres({ url: databaseUrl, ...fill }) : await seedEmployees({ file: tenants.file, ...fill });
  log(`  ${settings.employees.toLocaleString('en')} employees seeded in ${seeded.seconds.toFixed(1)} s`);
  t = Date.now();
  const codeArgs = { companyId: tenants.small.companyId, count: settings.oaCodes };
  const codes = !wanted('create') && !wanted('authidentity') ? [] : databaseUrl ? await seedOaCodesPostgres({ url: databaseUrl, ...codeArgs }) : await seedOaCodes({ file: tenants.file, ...codeArgs });
  log(`  ${codes.length.toLocaleString('en')} OA codes pre-issued in ${((Date.now() - t) / 1000).toFixed(1)} s`);
  const oa = await prepareOa({ wanted, dataDir, databaseUrl, companyId: tenants.small.companyId });

  // ---- 2. Roster, one process, the real CLI --------------------------------------------------------
  const env = { ...process.env };
  for (const key of Object.keys(env)) if (key.startsWith('ROSTER_') || key === 'DATABASE_URL') delete env[key];
  if (databaseUrl) env.DATABASE_URL = databaseUrl;
  const nodeArgs = settings.cpuProf ? ['--cpu-prof', `--cpu-prof-dir=${join(RESULTS, 'profiles')}`] : [];
  const roster = await startNode('roster', [...nodeArgs, join(ROOT, 'bin', 'roster.js'), 'serve'], {
    cwd: ROOT,
    env: { ...env, PORT: '0', HOST: '127.0.0.1', ROSTER_DATA_DIR: dataDir, ROSTER_LOG_LEVEL: process.env.BENCH_ROSTER_LOG_LEVEL ?? 'info', ROSTER_NONCE_STORE: settings.nonceStore },
  });
  roster.metrics = true;
  log(`Roster on ${engine} serving on ${roster.baseUrl} (pid ${roster.pid}, ${memoryMb(roster.pid).current.toFixed(1)} MB RSS at start)`);

  // Request builders. Each call builds and signs a fresh request (new id, nonce, timestamp).
  const A = tenants.appA;
  const B = tenants.appB;
  const getRequest = () =>
    signedIotRequest({ ...B, path: IOT.get, body: iotBody('1.0.4', { employeeId: seeded.middleEmployeeId }) });
  const queryRequest = (pageNo, pageSize) => () =>
    signedIotRequest({ ...B, path: IOT.query, body: iotBody('1.0.0', { companyId: tenants.big.companyId, pageNo, pageSize }) });
  let nextCode = 0;
  let codesExhausted = false;
  const createRequest = () => {
    if (nextCode >= codes.length) codesExhausted = true;
    const authCode = codes[nextCode++] ?? 'exhausted-code-pool';
    return signedIotRequest({ ...A, path: IOT.create, body: iotBody('1.0.0', { authCode, codeType: 'AUTH_CODE' }) });
  };
  // For the bare insert route: the same request shape, with codes nobody issued.
  const bareCreateRequest = () =>
    signedIotRequest({ ...A, path: IOT.create, body: iotBody('1.0.0', { authCode: randomUUID(), codeType: 'AUTH_CODE' }) });

  // One real response of each read, for the bare route's payloads and as a sample check.
  const samples = {};
  for (const [sampleId, build] of [['get', getRequest], ['query-p1', queryRequest(1, settings.pageSizes[0])]]) {
    const res = await sendOnce(roster.baseUrl, build());
    const problem = iotCheck(res.status, res.body);
    if (problem) throw new Error(`Roster's ${sampleId} does not answer code 200 (${problem}): HTTP ${res.status} ${res.headers['x-ca-error-message'] ?? ''} ${res.body.slice(0, 300)}`);
    samples[sampleId] = res.body;
  }
  log(`Sample get response (${Buffer.byteLength(samples.get)} bytes): ${samples.get.slice(0, 240)}…`);
  log(`Sample query page 1 response: ${Buffer.byteLength(samples['query-p1'])} bytes`);

  // ---- 3. Baselines, each in its own process, Roster idle meanwhile --------------------------------
  if (withBaselines) {
    log('Baselines:');
    const payloadDir = makeTempDir('roster-bench-bare-');
    const payloadFile = join(payloadDir, 'payloads.json');
    writeFileSync(payloadFile, JSON.stringify({ [IOT.get]: samples.get, [IOT.query]: samples['query-p1'] }));
    if (wanted('bare-route') || wanted('bare-route-page')) {
      const bareRoute = await startNode('bare-route', [join(ROOT, 'bench', 'baseline-server.js'), 'route', payloadFile]);
      if (wanted('bare-route')) await scenario('bare-route', 'bare route (get bytes)', bareRoute, getRequest, httpCheck);
      if (wanted('bare-route-page')) await scenario('bare-route-page', `bare route (query page bytes, size ${settings.pageSizes[0]}) [info]`, bareRoute, queryRequest(1, settings.pageSizes[0]), httpCheck);
      await bareRoute.stop();
    }
    if (wanted('bare-insert') && settings.engines.includes('sqlite')) {
      const bareInsert = await startNode('bare-insert', [join(ROOT, 'bench', 'baseline-server.js'), 'insert', payloadDir]);
      await scenario('bare-insert', 'bare insert (1 row, SQLite WAL, NORMAL)', bareInsert, bareCreateRequest, httpCheck);
      await bareInsert.stop();
    }
  }
  if (databaseUrl && wanted('bare-insert')) {
    const bareInsert = await startNode('bare-insert-pg', [join(ROOT, 'bench', 'baseline-server.js'), 'pg-insert', databaseUrl]);
    await scenario('bare-insert-pg', 'bare insert (1 row, PostgreSQL, synchronous_commit=local)', bareInsert, bareCreateRequest, httpCheck);
    await bareInsert.stop();
  }

  // ---- 4. Roster, IoT account dialect ----------------------------------------------------------
  log(`${tag}Roster, IoT account dialect:`);
  if (wanted('get')) await scenario(id('get'), `${tag}get (signed)`, roster, getRequest, iotCheck);
  for (const size of settings.pageSizes) {
    const lastPage = Math.ceil(settings.employees / size);
    if (wanted('query-p1')) await scenario(id(`query-p1@${size}`), `${tag}querybycompanyid page 1 (size ${size})`, roster, queryRequest(1, size), iotCheck);
    if (wanted('query-last')) await scenario(id(`query-last@${size}`), `${tag}querybycompanyid page ${lastPage} (last, size ${size})`, roster, queryRequest(lastPage, size), iotCheck);
    // The same two pages one request at a time: service time without queueing behind other connections.
    if (settings.latency) {
      const one = { connections: 1, duration: settings.latency, warmup: 1 };
      if (wanted('query-p1')) await scenario(id(`query-p1@${size}-1c`), `${tag}querybycompanyid page 1 (size ${size}), 1 connection [info]`, roster, queryRequest(1, size), iotCheck, one);
      if (wanted('query-last')) await scenario(id(`query-last@${size}-1c`), `${tag}querybycompanyid page ${lastPage} (size ${size}), 1 connection [info]`, roster, queryRequest(lastPage, size), iotCheck, one);
    }
  }
  if (wanted('create')) {
    // Every acknowledged create must have made exactly one employee: count them on both sides.
    const totalOfSmall = async () => {
      const res = await sendOnce(roster.baseUrl, signedIotRequest({ ...A, path: IOT.query, body: iotBody('1.0.0', { companyId: tenants.small.companyId, pageNo: 1, pageSize: 1 }) }));
      return JSON.parse(res.body).data.total;
    };
    const before = await totalOfSmall();
    let created = 0;
    const countingCheck = (status, body, headers) => {
      const problem = iotCheck(status, body, headers);
      if (!problem) created++;
      return problem;
    };
    await scenario(id('create'), `${tag}createbyauthcode`, roster, createRequest, countingCheck);
    if (codesExhausted) log(`  WARNING: the ${codes.length} pre-issued OA codes ran out; raise BENCH_CODES`);
    const after = await totalOfSmall();
    // Requests still in flight when a run stops are committed but their answers are dropped: at most
    // one per connection per run (warm-up and measured).
    const unanswered = after - before - created;
    const ok = unanswered >= 0 && unanswered <= 2 * settings.connections;
    log(`  check: ${created} acknowledged creates, company total ${before} → ${after} ` +
      `(${unanswered} cut off in flight at the runs' ends): ${ok ? 'consistent' : 'MISMATCH'}`);
    if (!ok) broken = true;
  }

  await runOaScenarios({ wanted, scenario, record, roster, oa, appA: A, takeCode: () => codes[nextCode++] ?? 'exhausted-code-pool', id, tag });

  // ---- 5. Roster, benefits dialect (skipped with a message while /token/create is not there) -------
  log(`${tag}Roster, benefits dialect:`);
  const benefitsIds = ['bf-add-2', 'bf-add-1', 'bf-get'].filter(wanted);
  const skipBenefits = (reason) => {
    const labels = { 'bf-add-2': 'benefits add (allow_simple_pwd=2)', 'bf-add-1': 'benefits add (allow_simple_pwd=1, scrypt)', 'bf-get': 'benefits get by userid' };
    for (const b of benefitsIds) record({ id: id(b), label: tag + labels[b], skipped: true, reason });
  };
  if (benefitsIds.length) {
    const tokenRes = await sendOnce(roster.baseUrl, signedBenefitsRequest({ appSecret: A.appSecret, path: '/token/create', common: { appid: A.appKey } }));
    let token = null;
    try {
      const parsed = JSON.parse(tokenRes.body);
      if (tokenRes.status === 200 && parsed.code === 0) token = parsed.data?.access_token ?? null;
    } catch {
      // reported below
    }
    if (!token) {
      skipBenefits(`POST /token/create did not answer code 0 (HTTP ${tokenRes.status} ${tokenRes.body.slice(0, 160)}) — the benefits dialect is not served yet`);
    } else {
      const s = BENEFITS_SETUP;
      let n = 0;
      let firstUserid = null;
      const addRequest = (allowSimplePwd) => () => {
        const i = n++;
        const userid = `bf-${i}`;
        firstUserid ??= userid;
        return signedBenefitsRequest({
          appSecret: A.appSecret,
          path: '/employee/add',
          common: { access_token: token },
          business: {
            userid,
            name: `福利员工${i}`,
            code: `BF${i}`,
            gender: String(1 + (i % 2)),
            email: `bf${i}@small.bench.example`,
            mobile_area: '86',
            mobile: cnMobile('137', i),
            send_invite: '1',
            remark: `bench employee ${i}`,
            dept_code: s.deptCode,
            level: s.level,
            category: s.categories.join(','),
            birth_day: '1990-03-07',
            entry_day: '2020-01-01',
            card_type: '1',
            card_no: residentId(i),
            allow_simple_pwd: allowSimplePwd,
            password: 'BenchPassw0rd1',
            employee_attribute: JSON.stringify(s.attributes),
            cost_center_id: String(tenants.costCenterId),
          },
        });
      };
      if (wanted('bf-add-2')) await scenario(id('bf-add-2'), `${tag}benefits add (allow_simple_pwd=2)`, roster, addRequest('2'), benefitsCheck);
      if (wanted('bf-add-1')) await scenario(id('bf-add-1'), `${tag}benefits add (allow_simple_pwd=1, scrypt)`, roster, addRequest('1'), benefitsCheck);
      const getUserid = tenants.benefitsGetUserid ?? firstUserid;
      if (wanted('bf-get')) {
        if (!getUserid) record({ id: id('bf-get'), label: `${tag}benefits get by userid`, skipped: true, reason: 'no employee to get' });
        else {
          const getRequestBf = () =>
            signedBenefitsRequest({ appSecret: A.appSecret, path: '/employee/get', common: { access_token: token }, business: { userid: getUserid } });
          await scenario(id('bf-get'), `${tag}benefits get by userid`, roster, getRequestBf, benefitsCheck);
        }
      }
      // The add runs' employees must be visible through the other dialect too (one directory).
      if (firstUserid && byId[id('bf-add-2')] && !byId[id('bf-add-2')].skipped) {
        const res = await sendOnce(roster.baseUrl, signedBenefitsRequest({ appSecret: A.appSecret, path: '/employee/get', common: { access_token: token }, business: { userid: firstUserid } }));
        log(`  sample /employee/get of ${firstUserid}: ${res.body.slice(0, 300)}`);
      }
    }
  }

  await runAdminScenarios({ wanted, scenario, record, roster, tenants, settings, id, tag, log });

  // ---- 6. Key-word search, then paging after 10 % of the big company was deleted (issue 9) -------
  if (settings.latency && (wanted('search') || wanted('query-deleted'))) {
    const one = { connections: 1, duration: settings.latency, warmup: 1 };
    const middle = Math.floor(settings.employees / 2);
    const searchRequest = (keyWord) => () => signedIotRequest({ ...B, path: IOT.search, body: iotBody('1.0.7', { keyWord, pageSize: 10 }) });
    if (wanted('search')) {
      log(`${tag}Roster, key-word search in the ${settings.employees.toLocaleString('en')}-employee company (1 connection):`);
      for (const [kind, keyWord] of [['name substring', `工${middle}`], ['phone', cnMobile('150', middle)], ['email', `m${middle}@million.bench.example`], ['work number', `M${middle}`]]) {
        await scenario(id(`search-${kind.split(' ')[0]}-1c`), `${tag}account query keyWord (${kind}), 1 connection`, roster, searchRequest(keyWord), iotCheck, one);
      }
    }
    if (wanted('query-deleted')) {
      const t0 = Date.now();
      // The get scenarios (the --workers runs come after this) read the middle employee: it stays.
      const args = { companyId: tenants.big.companyId, share: 0.1, keep: seeded.middleEmployeeId };
      const gone = databaseUrl ? await deleteSharePostgres({ url: databaseUrl, ...args }) : deleteShareSqlite({ file: tenants.file, ...args });
      log(`  ${gone.toLocaleString('en')} employees (10 %) deleted at random in ${((Date.now() - t0) / 1000).toFixed(1)} s`);
      const live = settings.employees - gone;
      for (const size of settings.pageSizes) {
        const lastPage = Math.ceil(live / size);
        for (const [label, pageNo] of [['page 1', 1], ['the middle page', Math.ceil(lastPage / 2)], ['the last page', lastPage]]) {
          await scenario(id(`query-deleted-${pageNo === 1 ? 'p1' : pageNo === lastPage ? 'last' : 'mid'}@${size}-1c`), `${tag}querybycompanyid ${label} (size ${size}) after 10 % deleted, 1 connection`, roster, queryRequest(pageNo, size), iotCheck, one);
        }
      }
    }
  }

  const memory = memoryMb(roster.pid);
  await roster.stop();

  // ---- 6. PostgreSQL: the same reads with `roster serve --workers N` ---------------------------------
  if (databaseUrl && settings.workers > 1 && (wanted('get') || wanted('query-p1') || wanted('workers'))) {
    const n = settings.workers;
    const cluster = await startNode(`roster x${n}`, [join(ROOT, 'bin', 'roster.js'), 'serve', '--workers', String(n)], {
      cwd: ROOT,
      env: { ...env, PORT: '0', HOST: '127.0.0.1', ROSTER_DATA_DIR: dataDir, ROSTER_LOG_LEVEL: process.env.BENCH_ROSTER_LOG_LEVEL ?? 'info', ROSTER_NONCE_STORE: settings.nonceStore },
    });
    // startNode returns at the first worker's listening line: wait for all of them.
    for (let waited = 0; (cluster.output().match(/listening on/g) ?? []).length < n && waited < 30_000; waited += 100) {
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    log(`${tag}Roster with --workers ${n} (primary pid ${cluster.pid}; CPU and RSS columns: all its processes / the largest worker):`);
    const size = settings.pageSizes[0];
    if (wanted('get') || wanted('workers')) await scenario(id(`get-w${n}`), `${tag}get (signed), ${n} workers`, cluster, getRequest, iotCheck);
    if (wanted('query-p1') || wanted('workers')) await scenario(id(`query-p1@${size}-w${n}`), `${tag}querybycompanyid page 1 (size ${size}), ${n} workers`, cluster, queryRequest(1, size), iotCheck);
    await cluster.stop();
  }
  if (settings.cpuProf) log(`CPU profile written under ${join(RESULTS, 'profiles')}`);
  return { memory, seeding: { employees: settings.employees, seconds: seeded.seconds, oaCodes: codes.length } };
}

try {
  await main();
} catch (error) {
  broken = true;
  console.error(`bench failed: ${error.stack ?? error}`);
} finally {
  cleanupSync();
}
process.exit(broken ? 1 : 0);
