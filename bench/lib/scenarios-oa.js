// The OA and session scenarios (from the connectors and sessions work), per engine:
//  - create-oa: createbyauthcode through a WeCom connector whose loopback fake (bench/oa-fake.js, its own
//    process) answers at once, compared with the dev-OA `create` figure;
//  - authidentity: one session's iotToken looked up over and over, compared with the bare route.
import { randomUUID } from 'node:crypto';
import { fileURLToPath } from 'node:url';
import { iotCheck, sendOnce } from './load.js';
import { startNode } from './procs.js';
import { ratioTarget } from './report.js';
import { signedIotRequest } from './sign.js';

const DIST = new URL('../../dist/', import.meta.url);
const OA_FAKE = fileURLToPath(new URL('../oa-fake.js', import.meta.url));

const iotBody = (apiVer, params) => JSON.stringify({ id: randomUUID(), version: '1.0', request: { apiVer }, params });

/**
 * Before Roster starts: the WeCom fake and, for the small company, a connector pointing at it plus a
 * hosted app (rate limit 0) using it. Returns null when create-oa is not wanted.
 */
export async function prepareOa({ wanted, dataDir, databaseUrl, companyId }) {
  if (!wanted('create-oa')) return null;
  const fake = await startNode('oa-fake', [OA_FAKE]);
  const { buildContainer } = await import(new URL('container.js', DIST).href);
  const { loadConfig } = await import(new URL('config/load.js', DIST).href);
  const c = await buildContainer(loadConfig({}, { dataDir, databaseUrl, logLevel: 'silent', defaultRateLimit: 0 }));
  try {
    const connectorId = await c.oaConnectors.add(companyId, 'wecom', { corpId: 'wwbench', agentId: 1, secret: 'bench', apiBaseUrl: fake.baseUrl });
    const app = await c.directory.createApp({ companyId, name: 'bench-oa', rateLimit: 0, oaConnectorId: connectorId });
    return { fake, app: { appKey: app.appKey, appSecret: app.appSecret } };
  } finally {
    await c.close();
  }
}

/** Runs create-oa (then stops the fake) and authidentity; `takeCode` hands out a pre-issued dev-OA code. */
export async function runOaScenarios({ wanted, scenario, record, roster, oa, appA, takeCode, id, tag }) {
  if (wanted('create-oa') && oa) {
    let n = 0;
    // Every code is a fresh WeCom userid, so every request makes a new employee.
    const oaRequest = () =>
      signedIotRequest({ ...oa.app, path: '/user/account/employee/createbyauthcode', body: iotBody('1.0.0', { authCode: `bench-${process.pid}-${n++}`, codeType: 'AUTH_CODE' }) });
    await scenario(id('create-oa'), `${tag}createbyauthcode through a WeCom connector (fake answers at once)`, roster, oaRequest, iotCheck);
    await oa.fake.stop();
  }
  if (wanted('authidentity')) {
    // One session from a development-OA code, then its iotToken looked up over and over: a session read.
    const opened = await sendOnce(roster.baseUrl, signedIotRequest({ ...appA, path: '/user/account/session/createbyauthcode', body: iotBody('1.0.0', { authCode: takeCode(), codeType: 'AUTH_CODE' }) }));
    let iotToken;
    try {
      iotToken = opened.status === 200 ? JSON.parse(opened.body).data?.iotToken : undefined;
    } catch {
      // reported below
    }
    const label = `${tag}session/authidentity`;
    if (!iotToken) {
      record({ id: id('authidentity'), label, skipped: true, reason: `session/createbyauthcode failed: HTTP ${opened.status} ${opened.body.slice(0, 200)}` });
      return;
    }
    const authRequest = () =>
      signedIotRequest({ ...appA, path: '/user/account/session/authidentity', body: JSON.stringify({ id: randomUUID(), version: '1.0', request: { apiVer: '1.0.3', iotToken }, params: {} }) });
    await scenario(id('authidentity'), label, roster, authRequest, iotCheck);
  }
}

/** Targets: authidentity ≥ 0.5× the bare route; create through a connector ≥ 0.5× create through the dev OA. */
export function oaTargets({ byId, engines }) {
  const targets = [];
  for (const engine of engines) {
    const tag = engines.length > 1 || engine !== 'sqlite' ? `[${engine}] ` : '';
    targets.push(
      ratioTarget(`${tag}session/authidentity req/s vs bare route`, byId[`${engine}:authidentity`], byId['bare-route'], 0.5),
      ratioTarget(`${tag}createbyauthcode through a connector vs through the dev OA`, byId[`${engine}:create-oa`], byId[`${engine}:create`], 0.5),
    );
  }
  return { targets, info: [] };
}
