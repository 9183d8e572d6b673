// `node bench/cpu-per-request.js` (after `npm run build`): the CPU time one signed request costs Roster
// on SQLite, through its whole Fastify stack in-process (inject: everything but the socket and the
// HTTP parser, which the bare baseline pays too), with the access log on (info, to a file) and the
// default database nonce store. Requests are built and signed BEFORE the clock starts, so only
// Roster's work is counted; RT_CONCURRENCY (default 10) requests are in flight, as in the bench, so
// SQLite's group commit groups them. CPU time, unlike req/s, stays comparable on a shared machine.
//   BENCH_EMPLOYEES (default 100000) employees in the paged company; MICRO_CALLS (default 3000) per
//   case; ROSTER_DIST (default ../dist) the build to measure — point it at another checkout's dist/ to
//   compare two builds on the same data, alternating runs.
import { randomUUID } from 'node:crypto';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { cleanupSync, installCleanup, makeTempDir } from './lib/procs.js';
import { prepareTenants, seedEmployees, seedOaCodes } from './lib/seed.js';
import { signedBenefitsRequest, signedIotRequest } from './lib/sign.js';

const EMPLOYEES = Number(process.env.BENCH_EMPLOYEES || 100_000);
const CALLS = Number(process.env.MICRO_CALLS || 3000);
const CONCURRENCY = Number(process.env.RT_CONCURRENCY || 10);
const DIST = process.env.ROSTER_DIST || new URL('../dist', import.meta.url).pathname;
const SUCCESS = /^\{(?:"id":(?:null|"[^"]*"),"code":200,|"code":0,)/;
const ONLY = process.env.BENCH_ONLY ? new Set(process.env.BENCH_ONLY.split(',')) : null;

installCleanup();
try {
  const dataDir = makeTempDir('roster-cpu-');
  const t = await prepareTenants({ dataDir, log: () => {} });
  const seeded = await seedEmployees({ file: t.file, companyId: t.big.companyId, creator: t.appB.appKey, total: EMPLOYEES, log: () => {} });
  const codes = await seedOaCodes({ file: t.file, companyId: t.small.companyId, count: CALLS + 400 });
  const load = (path) => import(pathToFileURL(join(DIST, path)).href);
  const { buildContainer } = await load('container.js');
  const { loadConfig } = await load('config/load.js');
  const { buildServer } = await load('edge/http/server.js');
  const c = await buildContainer(loadConfig({}, { dataDir, logLevel: 'info', logFile: join(dataDir, 'access.log'), defaultRateLimit: 0 }));
  const server = await buildServer(c);
  await server.ready();

  const iot = (app, path, apiVer, params) => () => {
    const body = JSON.stringify({ id: randomUUID(), version: '1.0', request: { apiVer }, params });
    return signedIotRequest({ ...app, path, body });
  };
  const inject = ({ method, path, headers, body }) => ({ method, url: path, headers, payload: body });
  const token = JSON.parse((await server.inject(inject(signedBenefitsRequest({ appSecret: t.appA.appSecret, path: '/token/create', common: { appid: t.appA.appKey } })))).body).data.access_token;
  const session = await server.inject(inject(iot(t.appA, '/user/account/session/createbyauthcode', '1.0.0', { authCode: codes.pop(), codeType: 'AUTH_CODE' })()));
  const iotToken = JSON.parse(session.body).data.iotToken;
  let code = 0;
  let add = 0;
  const query = (pageNo, pageSize) => iot(t.appB, '/user/account/employee/querybycompanyid', '1.0.0', { companyId: t.big.companyId, pageNo, pageSize });
  const cases = {
    get: iot(t.appB, '/industry/user/account/get', '1.0.4', { employeeId: seeded.middleEmployeeId }),
    'query-p1@10': query(1, 10),
    'query-last@10': query(Math.ceil(EMPLOYEES / 10), 10),
    'query-p1@100': query(1, 100),
    'query-last@100': query(Math.ceil(EMPLOYEES / 100), 100),
    authidentity: () => {
      const body = JSON.stringify({ id: randomUUID(), version: '1.0', request: { apiVer: '1.0.3', iotToken }, params: {} });
      return signedIotRequest({ ...t.appA, path: '/user/account/session/authidentity', body });
    },
    create: () => iot(t.appA, '/user/account/employee/createbyauthcode', '1.0.0', { authCode: codes[code++], codeType: 'AUTH_CODE' })(),
    'bf-get': () => signedBenefitsRequest({ appSecret: t.appA.appSecret, path: '/employee/get', common: { access_token: token }, business: { userid: t.benefitsGetUserid } }),
    'bf-add-2': () => {
      const i = add++;
      return signedBenefitsRequest({ appSecret: t.appA.appSecret, path: '/employee/add', common: { access_token: token }, business: { userid: `cpu-${i}`, name: `员工${i}`, mobile_area: '86', mobile: `135${String(i).padStart(8, '0')}`, allow_simple_pwd: '2' } });
    },
  };
  const results = {};
  for (const [name, build] of Object.entries(cases)) {
    if (ONLY && !ONLY.has(name)) continue;
    const send = async (request) => {
      const res = await server.inject(inject(request));
      // Read the code from the first bytes: parsing a 100-row page would count the client's work.
      if (res.statusCode !== 200 || !SUCCESS.test(res.body)) throw new Error(`${name}: HTTP ${res.statusCode} ${res.body.slice(0, 300)}`);
    };
    const run = async (count) => {
      const requests = Array.from({ length: count }, build);
      const cpu0 = process.cpuUsage();
      let next = 0;
      await Promise.all(Array.from({ length: CONCURRENCY }, async () => {
        while (next < requests.length) await send(requests[next++]);
      }));
      const cpu = process.cpuUsage(cpu0);
      return (cpu.user + cpu.system) / count;
    };
    await run(Math.min(300, CALLS)); // warm-up
    results[name] = await run(CALLS);
    console.log(`${name.padEnd(16)} ${results[name].toFixed(0).padStart(6)} µs CPU per request`);
  }
  console.log(`RESULT ${JSON.stringify(results)}`);
  await server.close();
  await c.close();
} finally {
  cleanupSync();
}
