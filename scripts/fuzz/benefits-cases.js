// Benefits dialect cases: a valid, signed call of one endpoint (token + sign computed correctly), then
// left valid or broken in its params, form or auth by the case's seeded random source.
import { mobileOf, SETUP } from '../lib/world.js';
import { BENEFITS_AUTH_MUTATIONS } from './benefits-auth.js';
import { buildBenefitsRequest, epochSeconds } from './benefits-request.js';
import { hasNul, NASTY_TEXT } from './values.js';

/** Every 10th case is a valid /employee/add of a new userid, so creations are many. */
export const ADD_EVERY = 10;
const useridOf = (n) => `fz${n}`;
/** Departments come from a small pool, so that update, get and delete mostly find one. */
const DEPT_POOL = 50;
/** The company of the add at `index`: they alternate, so an earlier userid's company is known. */
const companyOfAdd = (world, index) => world.companies[Math.floor(index / ADD_EVERY) % world.companies.length];

/** The employee fields of add/update, with values the setup makes valid. */
function employeeFields(rng, index) {
  const fields = { name: `员工${index}`, mobile: mobileOf('38', index), email: `fz${index}@fuzz.example` };
  if (rng.chance(0.5)) Object.assign(fields, { gender: rng.int(1, 3), dept_code: SETUP.deptCode, level: SETUP.level, category: SETUP.categories.join(',') });
  if (rng.chance(0.4)) Object.assign(fields, { birth_day: '1990-07-05', entry_day: '2022-06-29', remark: `备注${index}`, code: `W${index}` });
  if (rng.chance(0.1)) fields.employee_attribute = '[{"attributeCode":"politicalVisage","attributeValue":"群众"}]';
  return fields;
}

/** A valid call: `{ op, company, path, business, creates?, mutating }`. */
function validCall(world, rng, index) {
  const op = index % ADD_EVERY === 0
    ? 'add'
    : rng.weighted([[12, 'add'], [16, 'update'], [14, 'get'], [10, 'batchGet'], [6, 'resign'], [5, 'restore'], [6, 'deptAdd'], [4, 'deptUpdate'], [4, 'deptGet'], [3, 'deptDelete'], [3, 'token']]);
  // An earlier scheduled add (it may not have succeeded) and the company it went to.
  const earlier = ADD_EVERY * rng.int(0, Math.max(0, Math.floor(index / ADD_EVERY) - 1));
  const userid = useridOf(earlier);
  const company = op === 'add' ? companyOfAdd(world, index) : companyOfAdd(world, earlier);
  const dept = `D${rng.int(0, DEPT_POOL - 1)}`;
  return { company, ...callOf(op, company, rng, index, userid, dept) };
}

function callOf(op, company, rng, index, userid, dept) {
  switch (op) {
    case 'add':
      return { op, path: '/employee/add', business: { userid: useridOf(index), ...employeeFields(rng, index) }, creates: company.companyId, mutating: true };
    case 'update': {
      const business = { userid, name: `改名${index}` };
      if (rng.chance(0.5)) Object.assign(business, { remark: `更新${index}`, gender: rng.int(1, 3), level: rng.pick([SETUP.level, '#default#']) });
      return { op, path: '/employee/update', business, mutating: true };
    }
    case 'get':
      return { op, path: '/employee/get', business: rng.pick([{ userid }, { userid: company.seeded.userid }, { mobile: company.seeded.mobile }, { email: company.seeded.email }]) };
    case 'batchGet':
      return { op, path: '/employee/batchGet', business: { page_index: rng.int(1, 3), page_size: rng.pick([1, 10, 50, 100]) } };
    case 'resign':
      return { op, path: '/employee/resign', business: { userid }, mutating: true };
    case 'restore':
      return { op, path: '/employee/restore', business: { userid }, mutating: true };
    case 'deptAdd':
      return { op, path: '/department/add', business: { dept_code: dept, name: `部门${index}`, parent_code: SETUP.deptCode }, mutating: true };
    case 'deptUpdate':
      return { op, path: '/department/update', business: { dept_code: dept, name: `部门改${index}` }, mutating: true };
    case 'deptGet':
      return { op, path: '/department/get', business: { dept_code: rng.pick([dept, SETUP.deptCode]) } };
    case 'deptDelete':
      return { op, path: '/department/delete', business: { dept_code: dept }, mutating: true };
    default:
      return { op: 'token', path: '/token/create', business: {} };
  }
}

/** NUL in a parameter the endpoint reads, or `&`/`=` in an email, must be refused (items 17, 10). */
const mustRefuse = (names, name, value) =>
  names.includes(name) && (hasNul(value, name === 'employee_attribute') || (name === 'email' && /[&=]/.test(value)));

/** Param mutations: correctly signed, wrong content. */
function mutateParams(call, rng) {
  const names = Object.keys(call.business);
  const kind = rng.weighted([[50, 'text'], [12, 'missing'], [10, 'duplicate'], [10, 'unknown'], [8, 'empty'], [10, 'item18-email']]);
  const name = rng.pick(names.length ? names : ['userid']);
  let tag = kind;
  let expect = 'any';
  let before;
  if (kind === 'text') {
    const [valueTag, value] = rng.pick(NASTY_TEXT);
    call.business[name] = value;
    tag = `text:${valueTag}:${name}`;
    if (mustRefuse(names, name, value)) expect = 'reject';
  } else if (kind === 'missing') delete call.business[name];
  else if (kind === 'unknown') call.business[rng.pick(['foo', 'Userid', 'user id', 'constructor', ''])] = rng.pick(NASTY_TEXT)[1];
  else if (kind === 'empty') call.business[name] = '';
  else if (kind === 'item18-email') call.business.email = `${'İ'.repeat(90)}@x.example`;
  else {
    // A repeated name: the server keeps the first it reads, which is the one signed
    // (query before body), so a duplicate in the query is the value that counts.
    const [valueTag, value] = rng.pick(NASTY_TEXT);
    const where = rng.chance(0.5) ? 'body' : 'query';
    tag = `duplicate:${valueTag}:${name}`;
    if (where === 'query' && mustRefuse(names, name, value)) expect = 'reject';
    before = (entries) => entries.push({ name, value, where });
  }
  return { tag: `param-${tag}`, expect, before };
}

/** The case for `index`: `{ kind, steps }`. Each company carries the access token the run created (`token`). */
export function benefitsCase(world, rng, index, now) {
  const call = validCall(world, rng, index);
  const { company } = call;
  const family = index % ADD_EVERY === 0 ? 'valid' : rng.weighted([[35, 'valid'], [35, 'param'], [5, 'form'], [25, 'auth']]);
  const spec = {
    path: call.path,
    app: company.app,
    token: call.op === 'token' ? undefined : company.token,
    business: call.business,
    timestamp: epochSeconds(now()),
    style: rng.chance(0.5) ? 'java' : 'docs',
  };
  let kind = `${call.op}-valid`;
  let expect = 'any';
  if (family === 'param') {
    const m = mutateParams(call, rng);
    kind = `${call.op}-${m.tag}`;
    expect = m.expect;
    spec.before = m.before;
  } else if (family === 'form') {
    kind = `${call.op}-form`;
    spec.contentType = rng.pick(['application/json', 'text/plain', '', 'application/x-www-form-urlencoded; charset=GBK', 'multipart/form-data']);
  } else if (family === 'auth') {
    kind = rng.pick(Object.keys(BENEFITS_AUTH_MUTATIONS));
    // Whatever the step expects, a success on the add's own path did create an employee.
    const steps = BENEFITS_AUTH_MUTATIONS[kind](spec, call, rng, world);
    return { kind: `${call.op}-${kind}`, steps: steps.map((s) => ({ ...s, creates: s.req.path.startsWith(call.path) ? call.creates : undefined })) };
  }
  return { kind, steps: [{ req: buildBenefitsRequest(spec), expect, creates: call.creates }] };
}
