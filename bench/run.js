// `npm run bench`: Roster's throughput, latency and memory against bare baselines measured in the same
// run, on the embedded SQLite default, one server process at a time, loopback only.
//
// Knobs (environment):
//   BENCH_DURATION     seconds per measured scenario (default 10)
//   BENCH_WARMUP       seconds of warm-up before each scenario (default 2)
//   BENCH_CONNECTIONS  autocannon connections, keep-alive (default 10)
//   BENCH_EMPLOYEES    employees in the big company (default 1000000)
//   BENCH_ROSTER_LOG_LEVEL  Roster's log level during the run (default info, Roster's own default: one access line a request)
//   BENCH_NONCE_STORE  Roster's X-Ca-Nonce store (default memory; database = shared by processes)
//   BENCH_PAGE_SIZE    querybycompanyid page size (default 10, as in seed 002's example; max 100)
//   BENCH_ONLY         comma list of scenario ids to run (default: all): bare-route, bare-route-page,
//                      bare-insert, get, query-p1, query-last, create, bf-add-2, bf-add-1, bf-get,
//                      admin-list-p1, admin-list-deep, admin-list-p1-total, admin-list-deep-total, admin-create
//   BENCH_CPU_PROF     1 = run the Roster server under --cpu-prof, profile into bench/results/profiles/
//                      (summarize with `node bench/profile-summary.js <file>`)
//   BENCH_QUIET_WAIT   seconds to wait, before each scenario, for other processes to calm down (default 10;
//                      the machine may be shared: the table's last column shows the outside load)
//   BENCH_LATENCY      seconds of the extra 1-connection latency runs of querybycompanyid (default 5; 0 = off)
//
// Writes bench/results/latest.json. Exits 0 whatever the verdicts (it is a measurement) unless the bench
// itself broke (setup failed, a server died, a scenario could not get one successful response).
import { randomUUID } from 'node:crypto';
import { mkdirSync, writeFileSync } from 'node:fs';
import { cpus } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { benefitsCheck, httpCheck, iotCheck, measure, sendOnce } from './lib/load.js';
import { cnMobile, residentId } from './lib/data.js';
import { cleanupSync, cpuShares, cpuSnapshot, installCleanup, makeTempDir, memoryMb, startNode, waitForQuiet } from './lib/procs.js';
import { maxTarget, NOISE_PCT, ratioTarget, table, verdicts } from './lib/report.js';
import { BENEFITS_SETUP, prepareTenants, seedEmployees, seedOaCodes } from './lib/seed.js';
import { selfTest, signedBenefitsRequest, signedIotRequest } from './lib/sign.js';

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
  // The seed's own example asks for 10 a page; BENCH_PAGE_SIZE=100 measures the largest page.
  pageSize: Number(process.env.BENCH_PAGE_SIZE ?? 10),
  only: process.env.BENCH_ONLY ? new Set(process.env.BENCH_ONLY.split(',').map((s) => s.trim()).filter(Boolean)) : null,
  cpuProf: process.env.BENCH_CPU_PROF === '1',
  quietWait: intEnv('BENCH_QUIET_WAIT', 10, 0),
  latency: intEnv('BENCH_LATENCY', 5, 0),
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
};

async function main() {
  installCleanup();
  selfTest();
  mkdirSync(RESULTS, { recursive: true });
  const t0 = Date.now();
  log(`Roster bench: ${settings.connections} connections, ${settings.duration} s per scenario (+${settings.warmup} s warm-up), ` +
    `${settings.employees.toLocaleString('en')} employees; node ${process.version}, ${cpus().length} CPUs`);

  // ---- 1. Data, prepared before the server starts ------------------------------------------------
  const dataDir = makeTempDir('roster-bench-data-');
  log('Preparing data …');
  let t = Date.now();
  const tenants = await prepareTenants({ dataDir, log });
  log(`  tenants, apps and benefits setup through dist/container.js: ${((Date.now() - t) / 1000).toFixed(1)} s`);
  const seeded = await seedEmployees({
    file: tenants.file,
    companyId: tenants.big.companyId,
    creator: tenants.appB.appKey,
    total: settings.employees,
    log,
  });
  log(`  ${settings.employees.toLocaleString('en')} employees seeded in ${seeded.seconds.toFixed(1)} s`);
  t = Date.now();
  const codes = wanted('create') ? await seedOaCodes({ file: tenants.file, companyId: tenants.small.companyId, count: settings.oaCodes }) : [];
  log(`  ${codes.length.toLocaleString('en')} OA codes pre-issued in ${((Date.now() - t) / 1000).toFixed(1)} s`);

  // ---- 2. Roster, one process, the real CLI --------------------------------------------------------
  const env = { ...process.env };
  for (const key of Object.keys(env)) if (key.startsWith('ROSTER_') || key === 'DATABASE_URL') delete env[key];
  const nodeArgs = settings.cpuProf ? ['--cpu-prof', `--cpu-prof-dir=${join(RESULTS, 'profiles')}`] : [];
  const roster = await startNode('roster', [...nodeArgs, join(ROOT, 'bin', 'roster.js'), 'serve'], {
    cwd: ROOT,
    env: { ...env, PORT: '0', HOST: '127.0.0.1', ROSTER_DATA_DIR: dataDir, ROSTER_LOG_LEVEL: process.env.BENCH_ROSTER_LOG_LEVEL ?? 'info', ROSTER_NONCE_STORE: process.env.BENCH_NONCE_STORE ?? 'memory' },
  });
  log(`Roster serving on ${roster.baseUrl} (pid ${roster.pid}, ${memoryMb(roster.pid).current.toFixed(1)} MB RSS at start)`);

  // Request builders. Each call builds and signs a fresh request (new id, nonce, timestamp).
  const lastPage = Math.ceil(settings.employees / settings.pageSize);
  const A = tenants.appA;
  const B = tenants.appB;
  const getRequest = () =>
    signedIotRequest({ ...B, path: IOT.get, body: iotBody('1.0.4', { employeeId: seeded.middleEmployeeId }) });
  const queryRequest = (pageNo) => () =>
    signedIotRequest({
      ...B,
      path: IOT.query,
      body: iotBody('1.0.0', { companyId: tenants.big.companyId, pageNo, pageSize: settings.pageSize }),
    });
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
  for (const [id, build] of [['get', getRequest], ['query-p1', queryRequest(1)]]) {
    const res = await sendOnce(roster.baseUrl, build());
    const problem = iotCheck(res.status, res.body);
    if (problem) throw new Error(`Roster's ${id} does not answer code 200 (${problem}): HTTP ${res.status} ${res.headers['x-ca-error-message'] ?? ''} ${res.body.slice(0, 300)}`);
    samples[id] = res.body;
  }
  log(`Sample get response (${Buffer.byteLength(samples.get)} bytes): ${samples.get.slice(0, 240)}…`);
  log(`Sample query page 1 response: ${Buffer.byteLength(samples['query-p1'])} bytes`);

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
    record({ id, label, server: server.name, ...result, cpu, peakRssMb: mem.peak, rssAfterMb: mem.current, sampleBody: probe.body.slice(0, 400) });
  }

  // ---- 3. Baselines, each in its own process, Roster idle meanwhile --------------------------------
  log('Baselines:');
  const payloadDir = makeTempDir('roster-bench-bare-');
  const payloadFile = join(payloadDir, 'payloads.json');
  writeFileSync(payloadFile, JSON.stringify({ [IOT.get]: samples.get, [IOT.query]: samples['query-p1'] }));
  if (wanted('bare-route') || wanted('bare-route-page')) {
    const bareRoute = await startNode('bare-route', [join(ROOT, 'bench', 'baseline-server.js'), 'route', payloadFile]);
    if (wanted('bare-route')) await scenario('bare-route', 'bare route (get bytes)', bareRoute, getRequest, httpCheck);
    if (wanted('bare-route-page')) await scenario('bare-route-page', 'bare route (query page bytes) [info]', bareRoute, queryRequest(1), httpCheck);
    await bareRoute.stop();
  }
  if (wanted('bare-insert')) {
    const bareInsert = await startNode('bare-insert', [join(ROOT, 'bench', 'baseline-server.js'), 'insert', payloadDir]);
    await scenario('bare-insert', 'bare insert (1 row, WAL, NORMAL)', bareInsert, bareCreateRequest, httpCheck);
    await bareInsert.stop();
  }

  // ---- 4. Roster, IoT account dialect ----------------------------------------------------------
  log('Roster, IoT account dialect:');
  if (wanted('get')) await scenario('get', 'get (signed)', roster, getRequest, iotCheck);
  if (wanted('query-p1')) await scenario('query-p1', 'querybycompanyid page 1', roster, queryRequest(1), iotCheck);
  if (wanted('query-last')) await scenario('query-last', `querybycompanyid page ${lastPage} (last)`, roster, queryRequest(lastPage), iotCheck);
  // The same two pages one request at a time: service time without queueing behind other connections.
  if (settings.latency) {
    const one = { connections: 1, duration: settings.latency, warmup: 1 };
    if (wanted('query-p1')) await scenario('query-p1-1c', 'querybycompanyid page 1, 1 connection [info]', roster, queryRequest(1), iotCheck, one);
    if (wanted('query-last')) await scenario('query-last-1c', `querybycompanyid page ${lastPage}, 1 connection [info]`, roster, queryRequest(lastPage), iotCheck, one);
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
    await scenario('create', 'createbyauthcode', roster, createRequest, countingCheck);
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

  // ---- 5. Roster, benefits dialect (skipped with a message while /token/create is not there) -------
  log('Roster, benefits dialect:');
  const benefitsIds = ['bf-add-2', 'bf-add-1', 'bf-get'].filter(wanted);
  const skipBenefits = (reason) => {
    const labels = { 'bf-add-2': 'benefits add (allow_simple_pwd=2)', 'bf-add-1': 'benefits add (allow_simple_pwd=1, scrypt)', 'bf-get': 'benefits get by userid' };
    for (const id of benefitsIds) record({ id, label: labels[id], skipped: true, reason });
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
      if (wanted('bf-add-2')) await scenario('bf-add-2', 'benefits add (allow_simple_pwd=2)', roster, addRequest('2'), benefitsCheck);
      if (wanted('bf-add-1')) await scenario('bf-add-1', 'benefits add (allow_simple_pwd=1, scrypt)', roster, addRequest('1'), benefitsCheck);
      const getUserid = tenants.benefitsGetUserid ?? firstUserid;
      if (wanted('bf-get')) {
        if (!getUserid) record({ id: 'bf-get', label: 'benefits get by userid', skipped: true, reason: 'no employee to get' });
        else {
          const getRequestBf = () =>
            signedBenefitsRequest({ appSecret: A.appSecret, path: '/employee/get', common: { access_token: token }, business: { userid: getUserid } });
          await scenario('bf-get', 'benefits get by userid', roster, getRequestBf, benefitsCheck);
        }
      }
      // The add runs' employees must be visible through the other dialect too (one directory).
      if (firstUserid && byId['bf-add-2'] && !byId['bf-add-2'].skipped) {
        const res = await sendOnce(roster.baseUrl, signedBenefitsRequest({ appSecret: A.appSecret, path: '/employee/get', common: { access_token: token }, business: { userid: firstUserid } }));
        log(`  sample /employee/get of ${firstUserid}: ${res.body.slice(0, 300)}`);
      }
    }
  }

  // ---- 5b. Roster, admin API (/admin/v1, operator token) -----------------------------------------
  log('Roster, admin API:');
  const adminIds = ['admin-list-p1', 'admin-list-deep', 'admin-list-p1-total', 'admin-list-deep-total', 'admin-create'].filter(wanted);
  if (adminIds.length && !tenants.adminToken) {
    for (const id of adminIds) record({ id, label: id, skipped: true, reason: 'this build has no admin API' });
  } else if (adminIds.length) {
    const auth = { authorization: `Bearer ${tenants.adminToken}` };
    const listPath = `/admin/v1/companies/${tenants.big.companyId}/employees?limit=${settings.pageSize}`;
    // The cursor is opaque to clients; the bench builds the one the list gives for the last page
    // (base64url of [seq of the row before it]) to land there without walking a million rows.
    const deepCursor = Buffer.from(JSON.stringify([settings.employees - settings.pageSize])).toString('base64url');
    const adminGet = (path) => () => ({ method: 'GET', path, headers: auth });
    const deepPath = `${listPath}&cursor=${deepCursor}`;
    if (wanted('admin-list-p1')) await scenario('admin-list-p1', 'admin employee list page 1', roster, adminGet(listPath), httpCheck);
    if (wanted('admin-list-deep')) await scenario('admin-list-deep', 'admin employee list, last cursor', roster, adminGet(deepPath), httpCheck);
    if (wanted('admin-list-p1-total')) await scenario('admin-list-p1-total', 'admin employee list page 1 + total [info]', roster, adminGet(`${listPath}&total=true`), httpCheck);
    if (wanted('admin-list-deep-total')) await scenario('admin-list-deep-total', 'admin employee list, last cursor + total [info]', roster, adminGet(`${deepPath}&total=true`), httpCheck);
    if (settings.latency) {
      const one = { connections: 1, duration: settings.latency, warmup: 1 };
      if (wanted('admin-list-p1')) await scenario('admin-list-p1-1c', 'admin employee list page 1, 1 connection [info]', roster, adminGet(listPath), httpCheck, one);
      if (wanted('admin-list-deep')) await scenario('admin-list-deep-1c', 'admin employee list, last cursor, 1 connection [info]', roster, adminGet(deepPath), httpCheck, one);
    }
    if (wanted('admin-create')) {
      let n = 0;
      const adminCreate = () => {
        const i = n++;
        return {
          method: 'POST',
          path: `/admin/v1/companies/${tenants.small.companyId}/employees`,
          headers: { ...auth, 'content-type': 'application/json' },
          body: JSON.stringify({ name: `管理员工${i}`, userid: `adm-${i}`, mobile: cnMobile('135', i), email: `adm${i}@small.bench.example` }),
        };
      };
      await scenario('admin-create', 'admin employee create', roster, adminCreate, httpCheck);
    }
  }

  const rosterMem = memoryMb(roster.pid);
  await roster.stop();
  if (settings.cpuProf) log(`CPU profile written under ${join(RESULTS, 'profiles')}`);

  // ---- 6. Report ----------------------------------------------------------------------------------
  const base = byId['bare-route'];
  const baseInsert = byId['bare-insert'];
  const targets = [
    ratioTarget('get req/s vs bare route', byId.get, base, 0.5),
    ratioTarget('querybycompanyid p1 req/s vs bare route', byId['query-p1'], base, 0.5),
    ratioTarget('querybycompanyid last req/s vs bare route', byId['query-last'], base, 0.5),
    ratioTarget('createbyauthcode req/s vs bare insert', byId.create, baseInsert, 0.5),
    maxTarget('querybycompanyid p99, page 1', byId['query-p1']?.skipped ? null : byId['query-p1']?.p99, 5, 'ms', byId['query-p1']),
    maxTarget(`querybycompanyid p99, page ${lastPage} of ${settings.employees.toLocaleString('en')}`, byId['query-last']?.skipped ? null : byId['query-last']?.p99, 5, 'ms', byId['query-last']),
    maxTarget('Roster server peak RSS (VmHWM)', rosterMem.peak, 300, 'MB'),
    ratioTarget('benefits add (pwd=2) req/s vs bare insert', byId['bf-add-2'], baseInsert, 0.5),
    ratioTarget('benefits add (pwd=1, scrypt) req/s vs bare insert', byId['bf-add-1'], baseInsert, 0.5),
    ratioTarget('benefits get req/s vs bare route', byId['bf-get'], base, 0.5),
    ratioTarget('admin list page 1 req/s vs bare route', byId['admin-list-p1'], base, 0.5),
    ratioTarget('admin list last cursor req/s vs bare route', byId['admin-list-deep'], base, 0.5),
    ratioTarget('admin create req/s vs bare insert', byId['admin-create'], baseInsert, 0.5),
  ];
  const info = [];
  if (byId['bare-route-page'] && !byId['bare-route-page'].skipped) {
    info.push(
      ratioTarget('[info] querybycompanyid p1 vs bare route serving page bytes', byId['query-p1'], byId['bare-route-page'], 0.5),
      ratioTarget('[info] querybycompanyid last vs bare route serving page bytes', byId['query-last'], byId['bare-route-page'], 0.5),
    );
  }
  for (const id of ['query-p1-1c', 'query-last-1c']) {
    if (byId[id] && !byId[id].skipped) info.push(maxTarget(`[info] ${byId[id].label.replace(' [info]', '')}, p99`, byId[id].p99, 5, 'ms', byId[id]));
  }
  // The admin issue's bound: any page of a 1,000,000-employee company in < 10 ms p99.
  for (const id of ['admin-list-p1-1c', 'admin-list-deep-1c']) {
    if (byId[id] && !byId[id].skipped) info.push(maxTarget(`[info] ${byId[id].label.replace(' [info]', '')}, p99`, byId[id].p99, 10, 'ms', byId[id]));
  }
  for (const id of ['admin-list-p1-total', 'admin-list-deep-total']) {
    if (byId[id] && !byId[id].skipped) info.push(ratioTarget(`[info] ${byId[id].label.replace(' [info]', '')} vs bare route`, byId[id], base, 0.5));
  }

  log('');
  log(table(rows));
  log(`(peak RSS is the serving process's VmHWM after that scenario; Roster's rows share one process, so theirs is cumulative.`);
  log(` CPU columns: % of one core used by the server, by this bench's client, and by every other process during the run.)`);
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
    seeding: { employees: settings.employees, seconds: seeded.seconds, oaCodes: codes.length },
    scenarios: rows,
    rosterMemoryMb: rosterMem,
    targets: [...targets, ...info],
  };
  writeFileSync(join(RESULTS, 'latest.json'), JSON.stringify(out, null, 2) + '\n');
  log(`Results written to bench/results/latest.json`);
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
