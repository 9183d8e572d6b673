// IoT dialect cases: a valid, signed request for one of the three endpoints, then (by the case's
// own seeded random source) left valid or broken in its params, envelope or auth. Each step says
// what must hold: `any` (no 5xx, nothing more), `reject` (any success is a finding), or `{ code }`.
import { buildIotRequest, envelopeText } from './iot-request.js';
import { IOT_AUTH_MUTATIONS } from './iot-auth.js';
import { NASTY_JSON, NASTY_TEXT } from './values.js';

export const IOT = {
  create: { path: '/user/account/employee/createbyauthcode', apiVer: '1.0.0', params: ['authCode', 'codeType'] },
  get: { path: '/industry/user/account/get', apiVer: '1.0.4', params: ['appId', 'employeeId'] },
  query: { path: '/user/account/employee/querybycompanyid', apiVer: '1.0.0', params: ['companyId', 'pageNo', 'pageSize'] },
};

/** Every 12th case is a valid create with a code of its own, so creations are many and never collide. */
export const CREATE_EVERY = 12;
/** OA codes a run of `cases` IoT cases needs per company. */
export const codesNeeded = (cases) => Math.ceil(cases / CREATE_EVERY / 2) + 2;

/**
 * Every 7th OA code carries a hostile value in one profile field (the OA's data is not checked by
 * anyone before Roster): creating from it may fail, but never with a 5xx.
 */
export function oaProfileFor(profile, i) {
  if (i % 7 !== 3) return undefined;
  const field = ['name', 'email', 'phone', 'avatarUrl', 'oaUserId'][Math.floor(i / 7) % 5];
  const [tag, value] = NASTY_TEXT[(i * 13) % NASTY_TEXT.length];
  return { profile: { ...profile, [field]: value }, tag: `oa-${field}:${tag}` };
}

/** A valid call: endpoint, app (key + secret), params, and for a create the company it adds to. */
function validCall(world, rng, index) {
  if (index % CREATE_EVERY === 0) {
    const n = index / CREATE_EVERY;
    const company = world.companies[n % 2];
    const code = company.codes[Math.floor(n / 2)];
    const viaShared = rng.chance(0.2);
    return {
      op: 'create',
      app: viaShared ? world.shared : company.app,
      params: { authCode: code.code, codeType: code.type },
      creates: company.companyId,
      tag: code.tag,
    };
  }
  const company = rng.pick(world.companies);
  const op = rng.pick(['get', 'get', 'query', 'query', 'create']);
  if (op === 'get') {
    if (rng.chance(0.3)) return { op, app: world.shared, params: { appId: company.sharedAppId, employeeId: rng.pick([company.mainEmployeeId, company.seeded.employeeId]) } };
    const params = rng.chance(0.2) ? {} : { employeeId: rng.pick([company.mainEmployeeId, company.seeded.employeeId]) };
    return { op, app: company.app, params };
  }
  if (op === 'query') {
    const app = rng.chance(0.3) ? world.shared : company.app;
    return { op, app, params: { companyId: company.companyId, pageNo: rng.int(1, 4), pageSize: rng.pick([1, 10, 50, 100]) } };
  }
  // A create with a code that an earlier case may have used (single-use: 2459 then), or the conflict
  // profile of item 21 (phone and email both taken → the phone's 2441).
  if (rng.chance(0.25)) {
    const code = rng.pick(company.conflictCodes);
    return { op, app: company.app, params: { authCode: code.code, codeType: code.type }, expectCode: 2441 };
  }
  const code = rng.pick(company.codes);
  return { op, app: company.app, params: { authCode: code.code, codeType: code.type }, creates: company.companyId, tag: code.tag };
}

/** Param mutations: the request stays correctly signed; only what the endpoint reads is wrong. */
const PARAM_MUTATIONS = {
  'param-text': (call, rng) => {
    const [tag, value] = rng.pick(NASTY_TEXT);
    const name = rng.pick(IOT[call.op].params);
    call.params[name] = value;
    return `:${tag}:${name}`;
  },
  'param-type': (call, rng) => {
    const name = rng.pick(IOT[call.op].params);
    call.params[name] = rng.pick(NASTY_JSON)[1];
    return `:${name}`;
  },
  'param-missing': (call, rng) => {
    delete call.params[rng.pick(Object.keys(call.params)) ?? 'x'];
  },
  'param-unknown': (call, rng) => {
    call.params[rng.pick(['foo', 'companyid', 'constructor', 'pageno'])] = rng.pick(NASTY_TEXT)[1];
  },
  'param-wrong-code-type': (call) => {
    if (call.op === 'create') call.params.codeType = call.params.codeType === 'AUTH_CODE' ? 'SESSION_ID' : 'AUTH_CODE';
  },
};

/** Envelope mutations: the body text itself, still signed (Content-MD5 of the sent bytes). */
const ENVELOPE_MUTATIONS = {
  'env-no-id': (e) => delete e.id,
  'env-number-id': (e) => (e.id = 12345),
  'env-object-id': (e) => (e.id = { a: 1 }),
  'env-huge-id': (e) => (e.id = 'i'.repeat(60_000)),
  'env-no-version': (e) => delete e.version,
  'env-no-request': (e) => delete e.request,
  'env-request-array': (e) => (e.request = [e.request]),
  'env-api-ver': (e, rng) => (e.request.apiVer = rng.pick(['1.0.1', '', 1, null, '1.0.0 ', '１.0.0'])),
  'env-params-shape': (e, rng) => (e.params = rng.pick([[], 'x', null, 1, [e.params]])),
  'env-language': (e, rng) => (e.request.language = rng.pick(['en', 'en-US', 'zh', 'EN', '\u0000', 'x'.repeat(5_000)])),
  'env-iot-token': (e, rng) => (e.request.iotToken = rng.pick(NASTY_TEXT)[1]),
};

const RAW_BODIES = [
  '',
  'not json',
  '{"id":"1","version":"1.0","request":{"apiVer":"1.0.0"},"params":{',
  `${'['.repeat(5_000)}${']'.repeat(5_000)}`,
  '\ufeff{"id":"1","version":"1.0","request":{"apiVer":"1.0.0"},"params":{}}',
  '{"id":"1","id":"2","version":"1.0","request":{"apiVer":"1.0.0"},"request":{"apiVer":"9"},"params":{}}',
  'null',
  '[]',
  '"string"',
  `{"id":"${'x'.repeat(70_000)}"}`,
];

/** The case for `index`: `{ kind, steps }`. `now()` gives the timestamp at build time. */
export function iotCase(world, rng, index, now) {
  const call = validCall(world, rng, index);
  const id = `fz-${index}`;
  const envelope = { id, version: '1.0', request: { apiVer: IOT[call.op].apiVer }, params: call.params };
  const family = index % CREATE_EVERY === 0 ? 'valid' : rng.weighted([[30, 'valid'], [25, 'param'], [15, 'envelope'], [5, 'raw-body'], [25, 'auth']]);
  let kind = call.expectCode ? `${call.op}-conflict` : `${call.op}-valid`;
  let expect = call.expectCode ? { code: call.expectCode } : 'any';
  let creates = call.creates;
  let body;
  if (family === 'param') {
    const mutation = rng.pick(Object.keys(PARAM_MUTATIONS));
    kind = `${call.op}-${mutation}${PARAM_MUTATIONS[mutation](call, rng) ?? ''}`;
    expect = 'any';
  } else if (family === 'envelope') {
    const mutation = rng.pick(Object.keys(ENVELOPE_MUTATIONS));
    ENVELOPE_MUTATIONS[mutation](envelope, rng);
    kind = `${call.op}-${mutation}`;
    expect = 'any';
  } else if (family === 'raw-body') {
    kind = `${call.op}-env-raw-body`;
    body = rng.pick(RAW_BODIES);
    expect = 'any';
    creates = undefined;
  }
  if (body === undefined) body = family === 'envelope' ? JSON.stringify(envelope) : envelopeText(id, envelope.request.apiVer, call.params);
  const spec = {
    path: IOT[call.op].path,
    body,
    appKey: call.app.appKey,
    secret: call.app.appSecret,
    nonce: `${id}-${rng.string(12)}`,
    timestamp: now(),
    flavour: rng.chance(0.2) ? 'java' : 'node',
    algorithm: rng.chance(0.1) ? 'sha1' : 'sha256',
  };
  // A code whose OA profile holds a hostile value says so in the kind.
  if (call.tag) kind = `${kind}+${call.tag}`;
  if (family === 'auth') {
    const mutation = rng.pick(Object.keys(IOT_AUTH_MUTATIONS));
    // Whatever the step expects, a success of a create did create an employee.
    const steps = IOT_AUTH_MUTATIONS[mutation](spec, rng, world, creates);
    return { kind: `${call.op}-${mutation}${call.tag ? `+${call.tag}` : ''}`, steps: steps.map((s) => ({ ...s, creates: s.req.raw ? undefined : creates })) };
  }
  return { kind, steps: [{ req: buildIotRequest(spec), expect, creates }] };
}
