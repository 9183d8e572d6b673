// `node bench/pg-roundtrips.js` (after `npm run build`): what a request costs Roster on PostgreSQL below
// HTTP. Starts a throwaway PostgreSQL 15 cluster, prepares the bench's tenants, and sends each signed
// request through Roster's whole stack in-process (Fastify inject, no sockets), counting the round trips
// to the server (every pg query, BEGIN and COMMIT included), how many of them were named (prepared)
// statements, the time per request one at a time, and the CPU time it cost Roster (this process,
// including building and signing the request) and the PostgreSQL server: CPU time, unlike wall time,
// stays meaningful on a machine shared with other work.
//   BENCH_EMPLOYEES (default 20000) employees in the paged company; MICRO_CALLS (default 500) per case;
//   RT_SHOW=1 also prints the statements of one request of each case; RT_CONCURRENCY (default 1) requests
//   in flight at a time (wall time per request is then the inverse of the throughput); RT_CASES=get,add
//   runs only the cases whose names contain one of those words.
import { randomUUID } from 'node:crypto';
import pg from 'pg';
import { cleanupSync, installCleanup, makeTempDir } from './lib/procs.js';
import { startPostgres } from './lib/postgres.js';
import { prepareTenants } from './lib/seed.js';
import { seedEmployeesPostgres, seedOaCodesPostgres } from './lib/seed-postgres.js';
import { signedBenefitsRequest, signedIotRequest } from './lib/sign.js';

const EMPLOYEES = Number(process.env.BENCH_EMPLOYEES || 20_000);
const CALLS = Number(process.env.MICRO_CALLS || 500);
const CONCURRENCY = Number(process.env.RT_CONCURRENCY || 1);

installCleanup();
try {
  const cluster = await startPostgres();
  const { url } = cluster;
  const dataDir = makeTempDir('roster-rt-');
  const t = await prepareTenants({ dataDir, databaseUrl: url, log: console.log });
  const seeded = await seedEmployeesPostgres({ url, companyId: t.big.companyId, creator: t.appB.appKey, total: EMPLOYEES, log: () => {} });
  const codes = await seedOaCodesPostgres({ url, companyId: t.small.companyId, count: CALLS + 200 });

  // Every round trip goes through Client.prototype.query (the pool's clients included).
  let trips = 0;
  let named = 0;
  let lastSql = [];
  const original = pg.Client.prototype.query;
  pg.Client.prototype.query = function query(config, ...rest) {
    trips++;
    if (config && typeof config === 'object' && config.name) named++;
    lastSql.push(String(typeof config === 'string' ? config : config?.text).slice(0, 110));
    return original.call(this, config, ...rest);
  };

  const { buildContainer } = await import('../dist/container.js');
  const { loadConfig } = await import('../dist/config/load.js');
  const { buildServer } = await import('../dist/edge/http/server.js');
  const c = await buildContainer(loadConfig({}, { dataDir, databaseUrl: url, logLevel: 'silent', defaultRateLimit: 0 }));
  const server = await buildServer(c);
  await server.ready();

  const iot = (app, path, apiVer, params) => () => {
    const body = JSON.stringify({ id: randomUUID(), version: '1.0', request: { apiVer }, params });
    return signedIotRequest({ ...app, path, body });
  };
  const token = JSON.parse((await server.inject(toInject(signedBenefitsRequest({ appSecret: t.appA.appSecret, path: '/token/create', common: { appid: t.appA.appKey } })))).body).data.access_token;
  let code = 0;
  let add = 0;
  const lastPage = Math.ceil(EMPLOYEES / 100);
  const cases = {
    'IoT get': iot(t.appB, '/industry/user/account/get', '1.0.4', { employeeId: seeded.middleEmployeeId }),
    'IoT querybycompanyid page 1 (10)': iot(t.appB, '/user/account/employee/querybycompanyid', '1.0.0', { companyId: t.big.companyId, pageNo: 1, pageSize: 10 }),
    'IoT querybycompanyid page 1 (100)': iot(t.appB, '/user/account/employee/querybycompanyid', '1.0.0', { companyId: t.big.companyId, pageNo: 1, pageSize: 100 }),
    [`IoT querybycompanyid page ${lastPage} (100)`]: iot(t.appB, '/user/account/employee/querybycompanyid', '1.0.0', { companyId: t.big.companyId, pageNo: lastPage, pageSize: 100 }),
    'IoT createbyauthcode': () => iot(t.appA, '/user/account/employee/createbyauthcode', '1.0.0', { authCode: codes[code++], codeType: 'AUTH_CODE' })(),
    'benefits get': () => signedBenefitsRequest({ appSecret: t.appA.appSecret, path: '/employee/get', common: { access_token: token }, business: { userid: t.benefitsGetUserid } }),
    'benefits add (no password)': () => {
      const i = add++;
      return signedBenefitsRequest({ appSecret: t.appA.appSecret, path: '/employee/add', common: { access_token: token }, business: { userid: `rt-${i}`, name: `员工${i}`, mobile_area: '86', mobile: `135${String(i).padStart(8, '0')}` } });
    },
  };
  console.log(`PostgreSQL, ${EMPLOYEES.toLocaleString('en')} employees, ${CALLS} requests per case, ${CONCURRENCY} at a time (after 50 warm-up)\n`);
  const only = (process.env.RT_CASES || '').split(',').filter(Boolean);
  for (const [name, build] of Object.entries(cases)) {
    if (only.length > 0 && !only.some((word) => name.includes(word))) continue;
    const send = async () => {
      const res = await server.inject(toInject(build()));
      const parsed = JSON.parse(res.body);
      if (res.statusCode !== 200 || (parsed.code !== 200 && parsed.code !== 0)) throw new Error(`${name}: HTTP ${res.statusCode} ${res.body.slice(0, 300)}`);
    };
    for (let i = 0; i < 50; i++) await send();
    lastSql = [];
    await send();
    const oneRequest = [...lastSql];
    trips = 0;
    named = 0;
    const t0 = process.hrtime.bigint();
    const cpu0 = process.cpuUsage();
    const server0 = cluster.cpuSeconds();
    // RT_CONCURRENCY requests in flight at a time (default 1): throughput with the pool busy.
    let left = CALLS;
    const worker = async () => {
      while (left-- > 0) await send();
    };
    await Promise.all(Array.from({ length: CONCURRENCY }, worker));
    const us = Number(process.hrtime.bigint() - t0) / 1000 / CALLS;
    const cpu = process.cpuUsage(cpu0);
    const rosterUs = (cpu.user + cpu.system) / CALLS;
    const serverUs = ((cluster.cpuSeconds() - server0) * 1e6) / CALLS;
    console.log(`${name.padEnd(36)} ${(trips / CALLS).toFixed(1)} round trips (${(named / CALLS).toFixed(1)} named); ` +
      `${us.toFixed(0)} µs/request wall, CPU ${rosterUs.toFixed(0)} µs in Roster (and this client) + ${serverUs.toFixed(0)} µs in PostgreSQL`);
    if (process.env.RT_SHOW === '1') for (const sql of oneRequest) console.log(`    ${sql}`);
  }
  pg.Client.prototype.query = original;
  await server.close();
  await c.close();
} finally {
  cleanupSync();
}

function toInject({ method, path, headers, body }) {
  return { method, url: path, headers, payload: body };
}
