// Issue #6 item 8: a request captured before a kill -9 must not be accepted again by the restarted
// process (the default nonce store used to forget everything on restart).
import { randomUUID } from 'node:crypto';
import { buildIotRequest, envelopeText } from '../fuzz/iot-request.js';
import { IOT } from '../fuzz/iot-cases.js';
import { createAgent, send } from '../fuzz/transport.js';

const succeeded = (res) => res.status === 200 && JSON.parse(res.text).code === 200;

/** Sends one signed querybycompanyid; resolves the request if it was accepted (a captured request). */
export async function captureAccepted(server, company) {
  const body = envelopeText(randomUUID(), IOT.query.apiVer, { companyId: company.companyId, pageNo: 1, pageSize: 1 });
  const req = buildIotRequest({ path: IOT.query.path, body, appKey: company.app.appKey, secret: company.app.appSecret, nonce: randomUUID(), timestamp: Date.now() });
  const agent = createAgent(1);
  try {
    return succeeded(await send(server.baseUrl, agent, req, 10_000)) ? req : undefined;
  } finally {
    agent.destroy();
  }
}

/** Replays `req` byte for byte; a problem when the server accepts it again. */
export async function replayProblem(server, req) {
  const agent = createAgent(1);
  try {
    const res = await send(server.baseUrl, agent, req, 10_000);
    return succeeded(res) ? 'a signed request accepted before the kill was accepted again after the restart (replay, issue #6 item 8)' : undefined;
  } finally {
    agent.destroy();
  }
}
