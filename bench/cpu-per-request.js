// `node bench/cpu-per-request.js` (after `npm run build`): the CPU time one signed request costs Roster
// on SQLite, through its whole Fastify stack in-process (inject: everything but the socket and the
// HTTP parser, which the bare baseline pays too), with the access log on (info, to a file) and the
// default database nonce store. Requests are built and signed BEFORE the clock starts, so only
// Roster's work is counted; RT_CONCURRENCY (default 10) requests are in flight, as in the bench, so
// SQLite's group commit groups them. CPU time, unlike req/s, stays comparable on a shared machine.
//   BENCH_EMPLOYEES (default 100000) employees in the paged company; MICRO_CALLS (default 3000) per
//   case; ROSTER_DIST (default ../dist) the build to measure, or a comma list of builds to compare:
//   each serves its own copy of the same data in this process, and the builds take turns in batches
//   of MICRO_BATCH (default 250) requests, so a shared machine's changing load falls on all of them
//   alike. Only the ./dist build is whole: a build elsewhere loads its `#src/…` imports from ./dist
//   (package.json "imports"), so two builds of different code are compared by copying each into
//   dist/ in turn. What the list is for is MICRO_CONFIGS: config overrides per build, `|`-separated
//   JSON objects (ROSTER_DIST=dist,dist MICRO_CONFIGS='{"logLevel":"silent"}|{}' prices a setting).
import { randomUUID } from 'node:crypto';
import { cpSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { cleanupSync, installCleanup, makeTempDir } from './lib/procs.js';
import { prepareTenants, seedEmployees, seedOaCodes } from './lib/seed.js';
import { signedBenefitsRequest, signedIotRequest } from './lib/sign.js';

const EMPLOYEES = Number(process.env.BENCH_EMPLOYEES || 100_000);
const CALLS = Number(process.env.MICRO_CALLS || 3000);
const CONCURRENCY = Number(process.env.RT_CONCURRENCY || 10);
const DISTS = (process.env.ROSTER_DIST || new URL('../dist', import.meta.url).pathname).split(',');
const BATCH = Number(process.env.MICRO_BATCH || 250);
// Config overrides per build, `|`-separated JSON objects in ROSTER_DIST's order (e.g. `{"logLevel":"silent"}|{}`).
const CONFIGS = (process.env.MICRO_CONFIGS || '').split('|');
const SUCCESS = /^\{(?:"id":(?:null|"[^"]*"),"code":200,|"code":0,)/;
const ONLY = process.env.BENCH_ONLY ? new Set(process.env.BENCH_ONLY.split(',')) : null;

installCleanup();
try {
  const dataDir = makeTempDir('roster-cpu-');
  const t = await prepareTenants({ dataDir, log: () => {} });
  const seeded = await seedEmployees({ file: t.file, companyId: t.big.companyId, creator: t.appB.appKey, total: EMPLOYEES, log: () => {} });
  const codes = await seedOaCodes({ file: t.file, companyId: t.small.companyId, count: (CALLS + 400) * DISTS.length });
  const builds = [];
  for (const [index, dist] of DISTS.entries()) {
    const dir = index === 0 ? dataDir : makeTempDir('roster-cpu-');
    if (index > 0) cpSync(dataDir, dir, { recursive: true });
    const load = (path) => import(pathToFileURL(join(dist, path)).href);
    const { buildContainer } = await load('container.js');
    const { loadConfig } = await load('config/load.js');
    const { buildServer } = await load('edge/http/server.js');
    const overrides = CONFIGS[index] ? JSON.parse(CONFIGS[index]) : {};
    const c = await buildContainer(loadConfig({}, { dataDir: dir, logLevel: 'info', logFile: join(dir, 'access.log'), defaultRateLimit: 0, ...overrides }));
    const server = await buildServer(c);
    await server.ready();
    builds.push({ dist, c, server });
  }

  const iot = (app, path, apiVer, params) => () => {
    const body = JSON.stringify({ id: randomUUID(), version: '1.0', request: { apiVer }, params });
    return signedIotRequest({ ...app, path, body });
  };
  const inject = ({ method, path, headers, body }) => ({ method, url: path, headers, payload: body });
  // Each build issues its own token and session (their stores are copies); `current` picks the build's.
  for (const b of builds) {
    b.token = JSON.parse((await b.server.inject(inject(signedBenefitsRequest({ appSecret: t.appA.appSecret, path: '/token/create', common: { appid: t.appA.appKey } })))).body).data.access_token;
    const session = await b.server.inject(inject(iot(t.appA, '/user/account/session/createbyauthcode', '1.0.0', { authCode: codes.pop(), codeType: 'AUTH_CODE' })()));
    b.iotToken = JSON.parse(session.body).data.iotToken;
    b.code = 0;
    b.add = 0;
  }
  let current = builds[0];
  const query = (pageNo, pageSize) => iot(t.appB, '/user/account/employee/querybycompanyid', '1.0.0', { companyId: t.big.companyId, pageNo, pageSize });
  const cases = {
    get: iot(t.appB, '/industry/user/account/get', '1.0.4', { employeeId: seeded.middleEmployeeId }),
    'query-p1@10': query(1, 10),
    'query-last@10': query(Math.ceil(EMPLOYEES / 10), 10),
    'query-p1@100': query(1, 100),
    'query-last@100': query(Math.ceil(EMPLOYEES / 100), 100),
    authidentity: () => {
      const body = JSON.stringify({ id: randomUUID(), version: '1.0', request: { apiVer: '1.0.3', iotToken: current.iotToken }, params: {} });
      return signedIotRequest({ ...t.appA, path: '/user/account/session/authidentity', body });
    },
    create: () => iot(t.appA, '/user/account/employee/createbyauthcode', '1.0.0', { authCode: codes[current.code++], codeType: 'AUTH_CODE' })(),
    'bf-get': () => signedBenefitsRequest({ appSecret: t.appA.appSecret, path: '/employee/get', common: { access_token: current.token }, business: { userid: t.benefitsGetUserid } }),
    'bf-add-2': () => {
      const i = current.add++;
      return signedBenefitsRequest({ appSecret: t.appA.appSecret, path: '/employee/add', common: { access_token: current.token }, business: { userid: `cpu-${i}`, name: `员工${i}`, mobile_area: '86', mobile: `135${String(i).padStart(8, '0')}`, allow_simple_pwd: '2' } });
    },
  };
  const results = builds.map(() => ({}));
  for (const [name, build] of Object.entries(cases)) {
    if (ONLY && !ONLY.has(name)) continue;
    /** `count` requests through build `b`, CONCURRENCY at a time; resolves the CPU µs they took. */
    const run = async (b, count) => {
      current = b;
      const requests = Array.from({ length: count }, build);
      const cpu0 = process.cpuUsage();
      let next = 0;
      await Promise.all(Array.from({ length: CONCURRENCY }, async () => {
        while (next < requests.length) {
          const res = await b.server.inject(inject(requests[next++]));
          // The code from the first bytes: parsing a 100-row page would count the client's work.
          if (res.statusCode !== 200 || !SUCCESS.test(res.body)) throw new Error(`${name}: HTTP ${res.statusCode} ${res.body.slice(0, 300)}`);
        }
      }));
      const cpu = process.cpuUsage(cpu0);
      return cpu.user + cpu.system;
    };
    for (const b of builds) await run(b, Math.min(300, CALLS)); // warm-up
    const spent = builds.map(() => 0);
    for (let done = 0; done < CALLS; done += BATCH) {
      for (const [i, b] of builds.entries()) spent[i] += await run(b, Math.min(BATCH, CALLS - done));
    }
    builds.forEach((_, i) => (results[i][name] = spent[i] / CALLS));
    console.log(`${name.padEnd(16)} ${spent.map((us) => `${(us / CALLS).toFixed(0).padStart(6)} µs`).join('  ')} CPU per request`);
  }
  for (const [i, b] of builds.entries()) {
    console.log(`RESULT ${b.dist} ${JSON.stringify(results[i])}`);
    await b.server.close();
    await b.c.close();
  }
} finally {
  cleanupSync();
}
