// Concurrent writers against a live server: each loops, alternating a benefits /employee/add (with
// every field it checks later) and an IoT createbyauthcode (a pre-issued code), and records a write
// only once its success reply arrived: those are the acknowledged writes nothing may lose.
import { randomUUID } from 'node:crypto';
import { buildBenefitsRequest, epochSeconds } from '../fuzz/benefits-request.js';
import { buildIotRequest, envelopeText } from '../fuzz/iot-request.js';
import { IOT } from '../fuzz/iot-cases.js';
import { createAgent, send } from '../fuzz/transport.js';
import { mobileOf, SETUP } from '../lib/world.js';

/** The fields a chaos add sends, and must read back exactly, for write number `n`. */
export function addFields(n) {
  return {
    userid: `ch${n}`,
    name: `混沌${n}`,
    mobile: mobileOf('39', n),
    email: `ch${n}@chaos.example`,
    gender: String(1 + (n % 3)),
    remark: `备注-${n}-${'x'.repeat(n % 40)}`,
    dept_code: SETUP.deptCode,
    birth_day: '1990-07-05',
    entry_day: '2022-06-29',
  };
}

const parse = (res) => {
  try {
    return res.status === 200 ? JSON.parse(res.text) : undefined;
  } catch {
    return undefined;
  }
};

/**
 * Starts `count` writers on `server`. `state` is shared across cycles: `{ next (write counter),
 * codeIndex, acked: [] }`. Returns `{ stop() }`, which resolves once every writer has returned.
 */
export function startWriters({ server, world, state, count }) {
  const agent = createAgent(count);
  let running = true;
  async function writeOnce(company, iot) {
    if (iot) {
      const code = company.codes[state.codeIndex[company.tag]++];
      if (!code) return;
      const body = envelopeText(randomUUID(), IOT.create.apiVer, { authCode: code.code, codeType: code.type });
      const req = buildIotRequest({ path: IOT.create.path, body, appKey: company.app.appKey, secret: company.app.appSecret, nonce: randomUUID(), timestamp: Date.now() });
      const reply = parse(await send(server.baseUrl, agent, req, 10_000));
      if (reply?.code === 200) state.acked.push({ kind: 'iot', company: company.tag, employeeId: reply.data.employeeId, profile: code.profile });
      return;
    }
    const n = state.next++;
    const fields = addFields(n);
    const req = buildBenefitsRequest({ path: '/employee/add', app: company.app, token: company.token, business: fields, timestamp: epochSeconds(), style: 'java' });
    const reply = parse(await send(server.baseUrl, agent, req, 10_000));
    if (reply?.code === 0) state.acked.push({ kind: 'benefits', company: company.tag, fields });
  }
  async function writer(w) {
    for (let i = 0; running; i++) {
      const company = world.companies[(w + i) % world.companies.length];
      const before = state.acked.length;
      await writeOnce(company, (w + i) % 2 === 0);
      // A refused write (server going down, database away): do not spin.
      if (state.acked.length === before) await new Promise((r) => setTimeout(r, 20));
    }
  }
  const done = Promise.all(Array.from({ length: count }, (_, w) => writer(w)));
  return {
    async stop() {
      running = false;
      await done;
      agent.destroy();
    },
  };
}
