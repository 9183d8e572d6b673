// Drives one dialect against a running server: `connections` workers take case indexes in turn,
// build each case from (seed, dialect, index), send its steps, judge every reply and tally it.
import { benefitsCase } from './benefits-cases.js';
import { iotCase } from './iot-cases.js';
import { judge } from './judge.js';
import { rngFor } from './rng.js';
import { createAgent, send } from './transport.js';

const GENERATORS = {
  iot: (world, rng, index) => iotCase(world, rng, index, Date.now),
  benefits: (world, rng, index) => benefitsCase(world, rng, index, Date.now),
};

/** A request as a repro shows it: method, path, headers and body, long values cut. */
export function showRequest(req) {
  const cut = (s, n = 240) => (s.length > n ? `${s.slice(0, n)}…(${s.length} chars)` : s);
  if (req.raw) return { raw: cut(JSON.stringify(req.raw)) };
  const body = req.body === undefined ? '' : Buffer.isBuffer(req.body) ? req.body.toString('utf8') : req.body;
  return {
    method: req.method,
    path: cut(req.path),
    headers: Object.fromEntries(Object.entries(req.headers).map(([k, v]) => [k, cut(String(v), 120)])),
    body: cut(JSON.stringify(body)),
  };
}

/**
 * Adds a successful creation to `created` (companyId → Set). An IoT create answers the employee the
 * OA user already has on a second sign-in, so creations count by employeeId; a benefits add always
 * makes a new one.
 */
function noteCreation(created, companyId, data, uniqueKey) {
  if (!created.has(companyId)) created.set(companyId, new Set());
  created.get(companyId).add(typeof data?.employeeId === 'string' ? data.employeeId : uniqueKey);
}

/**
 * Sends cases until `requests` requests went out or `deadline` (ms epoch) passed, or the server died.
 * `only` (index list) replays just those cases. Returns `{ requests, cases, successes, codes, failures,
 * created: Map(companyId → Set of created employees), ms, stoppedBy }`.
 */
export async function driveDialect({ dialect, world, server, seed, requests, connections, deadline, only }) {
  const agent = createAgent(connections);
  const result = { dialect, requests: 0, cases: 0, successes: 0, codes: new Map(), failures: [], created: new Map(), stoppedBy: 'count' };
  const started = Date.now();
  let next = 0;
  const nextIndex = () => (only ? (next < only.length ? only[next++] : undefined) : result.requests < requests ? next++ : undefined);

  async function worker() {
    for (;;) {
      if (server.exited()) return void (result.stoppedBy = 'server exited');
      if (Date.now() > deadline) return void (result.stoppedBy = 'time limit');
      const index = nextIndex();
      if (index === undefined) return;
      const rng = rngFor(seed, dialect, index);
      const testCase = GENERATORS[dialect](world, rng, index);
      result.cases++;
      for (const [stepNo, step] of testCase.steps.entries()) {
        const res = await send(server.baseUrl, agent, step.req);
        result.requests++;
        const verdict = judge(dialect, step, res);
        result.codes.set(verdict.key, (result.codes.get(verdict.key) ?? 0) + 1);
        if (verdict.success) {
          result.successes++;
          if (step.creates) noteCreation(result.created, step.creates, verdict.body?.data, `${dialect}:${index}:${stepNo}`);
        }
        if (verdict.failure) {
          result.failures.push({ dialect, index, step: stepNo, kind: testCase.kind, reason: verdict.failure, said: verdict.key, request: showRequest(step.req) });
        }
      }
    }
  }

  await Promise.all(Array.from({ length: connections }, worker));
  agent.destroy();
  result.ms = Date.now() - started;
  return result;
}
