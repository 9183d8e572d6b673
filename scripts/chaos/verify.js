// Reads back acknowledged writes after a restart: each employee must be there with every field it was
// written with (a half-written record is as lost as a missing one), and each company's listing must be
// dense: querybycompanyid's total equals the distinct employees over all its pages, and is at least
// the number of creations acknowledged in it.
import { randomUUID } from 'node:crypto';
import { buildBenefitsRequest, epochSeconds } from '../fuzz/benefits-request.js';
import { buildIotRequest, envelopeText } from '../fuzz/iot-request.js';
import { IOT } from '../fuzz/iot-cases.js';
import { send } from '../fuzz/transport.js';

async function iotCall(server, agent, company, op, params) {
  const body = envelopeText(randomUUID(), IOT[op].apiVer, params);
  const req = buildIotRequest({ path: IOT[op].path, body, appKey: company.app.appKey, secret: company.app.appSecret, nonce: randomUUID(), timestamp: Date.now() });
  const res = await send(server.baseUrl, agent, req, 15_000);
  return res.status === 200 ? JSON.parse(res.text) : { code: `HTTP ${res.status ?? res.error}` };
}

/** What differs between what was written and what is read; empty when they agree. */
function differences(expected, actual) {
  return Object.entries(expected)
    .filter(([k, v]) => String(actual?.[k] ?? '') !== String(v ?? ''))
    .map(([k, v]) => `${k}: wrote ${JSON.stringify(v)}, read ${JSON.stringify(actual?.[k])}`);
}

async function checkOne(server, agent, world, write) {
  const company = world.companies.find((c) => c.tag === write.company);
  if (write.kind === 'benefits') {
    const { userid, name, mobile, email, gender, remark, dept_code, birth_day, entry_day } = write.fields;
    const req = buildBenefitsRequest({ path: '/employee/get', app: company.app, token: company.token, business: { userid }, timestamp: epochSeconds(), style: 'java' });
    const res = await send(server.baseUrl, agent, req, 15_000);
    const reply = res.status === 200 ? JSON.parse(res.text) : { code: `HTTP ${res.status ?? res.error}` };
    if (reply.code !== 0) return `benefits ${userid}: /employee/get answered ${reply.code} ${reply.msg ?? ''}`;
    const diff = differences({ userid, name, mobile, email, gender, remark, dept_code, birth_day, entry_day }, reply.data);
    return diff.length ? `benefits ${userid}: ${diff.join('; ')}` : undefined;
  }
  const reply = await iotCall(server, agent, company, 'get', { employeeId: write.employeeId });
  if (reply.code !== 200) return `iot ${write.employeeId}: account/get answered ${reply.code} ${reply.message ?? ''}`;
  const { phone, email, name } = write.profile;
  const diff = differences({ phone, email, nickName: name }, reply.data);
  return diff.length ? `iot ${write.employeeId}: ${diff.join('; ')}` : undefined;
}

/** Checks `writes` and the listings; resolves the list of problems found. */
export async function verifyWrites(server, agent, world, writes, allAcked) {
  const problems = [];
  for (const write of writes) {
    const problem = await checkOne(server, agent, world, write);
    if (problem) problems.push(`acknowledged write lost or changed: ${problem}`);
  }
  for (const company of world.companies) {
    const first = await iotCall(server, agent, company, 'query', { companyId: company.companyId, pageNo: 1, pageSize: 100 });
    if (first.code !== 200) {
      problems.push(`company ${company.tag}: querybycompanyid answered ${first.code}`);
      continue;
    }
    const ids = new Set(first.data.employeeList.map((e) => e.identityId));
    for (let p = 2; p <= first.data.pageCount; p++) {
      const page = await iotCall(server, agent, company, 'query', { companyId: company.companyId, pageNo: p, pageSize: 100 });
      for (const e of page.data?.employeeList ?? []) ids.add(e.identityId);
    }
    const acked = 2 + allAcked.filter((w) => w.company === company.tag).length;
    if (ids.size !== first.data.total) problems.push(`company ${company.tag}: total ${first.data.total} but ${ids.size} distinct employees over all pages`);
    if (first.data.total < acked) problems.push(`company ${company.tag}: total ${first.data.total} < ${acked} acknowledged employees`);
  }
  return problems;
}
