// Benefits auth mutations: a request the open API must refuse. A success on a `reject` step means a
// forged, tampered, stale or replayed request got through.
import { buildBenefitsRequest, epochSeconds } from './benefits-request.js';

const reject = (spec) => [{ req: buildBenefitsRequest(spec), expect: 'reject' }];
const editSign = (edit) => (entries) => {
  const sign = entries.find((e) => e.name === 'sign');
  sign.value = edit(sign.value);
};
const otherCompany = (world, spec) => world.companies.find((c) => c.app.appKey !== spec.app.appKey);

export const BENEFITS_AUTH_MUTATIONS = {
  'auth-bad-sign': (spec) => reject({ ...spec, after: editSign((s) => (s[0] === 'a' ? 'b' : 'a') + s.slice(1)) }),
  'auth-wrong-secret': (spec) => reject({ ...spec, secret: `${spec.app.appSecret}x` }),
  'auth-unsigned': (spec, call) => [{ req: { method: 'POST', path: spec.path, headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: new URLSearchParams(call.business).toString() }, expect: 'reject' }],
  'auth-no-sign': (spec) => reject({ ...spec, after: (entries) => entries.splice(entries.findIndex((e) => e.name === 'sign'), 1) }),
  'auth-value-after-sign': (spec, _call, rng) =>
    reject({
      ...spec,
      after: (entries) => {
        const target = rng.pick(entries.filter((e) => e.name !== 'sign'));
        target.value = `${target.value}1`;
      },
    }),
  // A name the request does not carry yet (a repeated one would be ignored: the first counts).
  'auth-param-added-after-sign': (spec, _call, rng) =>
    reject({
      ...spec,
      after: (entries) => {
        const name = rng.pick(['remark', 'name', 'mobile', 'dept_code', 'zz', 'page_size']);
        entries.push({ name: entries.some((e) => e.name === name) ? `${name}2` : name, value: 'x', where: 'body' });
      },
    }),
  'auth-param-removed-after-sign': (spec, call) => {
    const names = Object.keys(call.business);
    if (names.length === 0) return reject({ ...spec, after: editSign((s) => s.toUpperCase().replace(/[0-9]/, 'g')) });
    return reject({ ...spec, after: (entries) => entries.splice(entries.findIndex((e) => e.name === names[0]), 1) });
  },
  'auth-stale-timestamp': (spec) => reject({ ...spec, timestamp: spec.timestamp - 400 }),
  'auth-future-timestamp': (spec) => reject({ ...spec, timestamp: spec.timestamp + 400 }),
  'auth-bad-timestamp': (spec, _call, rng) => reject({ ...spec, timestamp: rng.pick(['abc', '-1', `${spec.timestamp}000`, '', ' 1', '1.5e9']) }),
  'auth-random-token': (spec, _call, rng) => (spec.token === undefined ? reject({ ...spec, secret: 'x' }) : reject({ ...spec, token: rng.pick([rng.string(32, '0123456789abcdef'), '', rng.string(5_000)]) })),
  'auth-other-token': (spec, _call, _rng, world) => {
    const other = otherCompany(world, spec);
    return spec.token === undefined ? reject({ ...spec, app: { ...spec.app, appKey: other.app.appKey } }) : reject({ ...spec, token: other.token });
  },
  'auth-appid-mismatch': (spec, _call, _rng, world) =>
    reject({ ...spec, style: 'java', before: (entries) => (entries.find((e) => e.name === 'appid').value = otherCompany(world, spec).app.appKey) }),
  'auth-appsecret-in-params': (spec) => reject({ ...spec, before: (entries) => entries.push({ name: 'appsecret', value: spec.app.appSecret, where: 'body' }) }),
  // Item 1: an appid that is no AppKey shape, large; refused before any lookup. In the body: a
  // request line over 16 KiB is the HTTP parser's to refuse (raw cases cover that).
  'auth-huge-appid': (spec, _call, rng) =>
    reject({ ...spec, style: 'docs', token: undefined, path: '/token/create', business: {}, app: { ...spec.app, appKey: rng.string(rng.pick([200, 8_000, 60_000])) } }),
  // Item 10: a mutating request replayed within the window is refused the second time.
  'auth-replay': (spec, call) => {
    const req = buildBenefitsRequest(spec);
    return [
      { req, expect: 'any', creates: call.creates },
      { req, expect: call.mutating ? 'reject' : 'any' },
    ];
  },
  // Item 10: `&`/`=` inside an email would re-split into other parameters under the same sign.
  'auth-email-resplit': (spec, call) =>
    reject({ ...spec, path: '/employee/update', business: { userid: call.business.userid ?? 'fz0', email: `x${spec.timestamp}@y.example&mobile=13900000000` } }),
  'auth-upper-case-sign': (spec, call) => [{ req: buildBenefitsRequest({ ...spec, after: editSign((s) => s.toUpperCase()) }), expect: 'any', creates: call.creates }],
  'auth-now-again': (spec, call) => [{ req: buildBenefitsRequest({ ...spec, timestamp: epochSeconds() }), expect: 'any', creates: call.creates }],
};
