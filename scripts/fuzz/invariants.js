// After a run: every company holds exactly the employees whose creation was acknowledged (its main
// account, the seeded one, and every IoT create / benefits add that answered success), and both
// dialects' paging agrees with that: querybycompanyid's and batchGet's totals, and walking all pages.
import { randomUUID } from 'node:crypto';
import { buildBenefitsRequest, epochSeconds } from './benefits-request.js';
import { buildIotRequest, envelopeText } from './iot-request.js';
import { IOT } from './iot-cases.js';
import { createAgent, send } from './transport.js';

const PAGE = 100;

async function iotPage(server, agent, company, pageNo) {
  const body = envelopeText(randomUUID(), IOT.query.apiVer, { companyId: company.companyId, pageNo, pageSize: PAGE });
  const req = buildIotRequest({ path: IOT.query.path, body, appKey: company.app.appKey, secret: company.app.appSecret, nonce: randomUUID(), timestamp: Date.now() });
  const res = await send(server.baseUrl, agent, req);
  const parsed = res.status === 200 ? JSON.parse(res.text) : undefined;
  if (parsed?.code !== 200) throw new Error(`querybycompanyid page ${pageNo}: ${res.error ?? res.status} ${res.text?.slice(0, 200)}`);
  return { total: parsed.data.total, ids: parsed.data.employeeList.map((e) => e.identityId) };
}

async function benefitsPage(server, agent, company, pageIndex) {
  const req = buildBenefitsRequest({
    path: '/employee/batchGet',
    app: company.app,
    token: company.token,
    business: { page_index: pageIndex, page_size: PAGE },
    timestamp: epochSeconds(),
    style: 'java',
  });
  const res = await send(server.baseUrl, agent, req);
  const parsed = res.status === 200 ? JSON.parse(res.text) : undefined;
  if (parsed?.code !== 0) throw new Error(`batchGet page ${pageIndex}: ${res.error ?? res.status} ${res.text?.slice(0, 200)}`);
  return { total: parsed.data.totalCount, count: parsed.data.dataList.length };
}

/**
 * Checks every company against `created` (companyId → Set of employees created over both dialects).
 * Returns `[{ company, check, expected, actual }]` for each check, failed ones with `failed: true`.
 */
export async function checkInvariants(server, world, created) {
  const agent = createAgent(2);
  const checks = [];
  try {
    for (const company of world.companies) {
      // The main account and the seeded employee exist before the run (a sign-in may answer them too).
      const made = new Set(created.get(company.companyId) ?? []);
      made.delete(company.mainEmployeeId);
      made.delete(company.seeded.employeeId);
      const expected = 2 + made.size;
      const first = await iotPage(server, agent, company, 1);
      const ids = new Set(first.ids);
      for (let p = 2; p <= Math.ceil(first.total / PAGE); p++) for (const id of (await iotPage(server, agent, company, p)).ids) ids.add(id);
      const bfFirst = await benefitsPage(server, agent, company, 1);
      let listed = bfFirst.count;
      for (let p = 2; p <= Math.ceil(bfFirst.total / PAGE); p++) listed += (await benefitsPage(server, agent, company, p)).count;
      const add = (check, actual) => checks.push({ company: company.tag, check, expected, actual, failed: actual !== expected });
      add('querybycompanyid total', first.total);
      add('querybycompanyid distinct employees over all pages', ids.size);
      add('batchGet totalCount', bfFirst.total);
      add('batchGet employees over all pages', listed);
    }
  } catch (error) {
    checks.push({ company: '-', check: 'reading the totals', expected: 'an answer', actual: error.message, failed: true });
  } finally {
    agent.destroy();
  }
  return checks;
}
