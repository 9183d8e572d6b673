// IoT auth mutations: a request the gateway must refuse. Each returns the steps to send; a success on
// a `reject` step means a forged, replayed or unsigned request got through. The ones issue #6 lists
// are marked with their item.
import { buildIotRequest } from './iot-request.js';

const flip = (s) => (s[0] === 'A' ? 'B' : 'A') + s.slice(1);
const reject = (spec, extra = {}) => [{ req: buildIotRequest(spec), expect: 'reject', ...extra }];
const otherApp = (world, spec) => world.companies.find((c) => c.app.appKey !== spec.appKey)?.app ?? world.companies[0].app;

export const IOT_AUTH_MUTATIONS = {
  'auth-bad-signature': (spec) => reject({ ...spec, after: (h) => (h['x-ca-signature'] = flip(h['x-ca-signature'])) }),
  'auth-wrong-secret': (spec) => reject({ ...spec, secret: `${spec.secret}x` }),
  'auth-other-key': (spec, _rng, world) => reject({ ...spec, appKey: otherApp(world, spec).appKey }),
  'auth-stale-timestamp': (spec) => reject({ ...spec, timestamp: spec.timestamp - 16 * 60_000 }),
  'auth-future-timestamp': (spec) => reject({ ...spec, timestamp: spec.timestamp + 24 * 3600_000 }),
  'auth-bad-timestamp': (spec, rng) => reject({ ...spec, before: (h) => (h['x-ca-timestamp'] = rng.pick(['abc', '-1', '1e12', '', '9'.repeat(40), ' 1'])) }),
  'auth-body-after-sign': (spec) => reject(spec).map((s) => ({ ...s, req: { ...s.req, body: Buffer.concat([s.req.body, Buffer.from(' ')]) } })),
  // Item 6: signed without Content-MD5, so nothing ties the signature to the body; the body is swapped.
  'auth-no-md5-body-swap': (spec) =>
    reject({ ...spec, noMd5: true }).map((s) => ({ ...s, req: { ...s.req, body: Buffer.from(String(s.req.body).replace('"id":"fz-', '"id":"swapped-')) } })),
  // Item 6: timestamp and nonce unsigned (only the key), so the signature can be replayed with fresh ones.
  'auth-unsigned-timestamp-nonce': (spec) => reject({ ...spec, signed: ['x-ca-key'] }),
  // Item 6: no X-Ca-Signature-Headers at all: the signature is a constant per path.
  'auth-no-signature-headers': (spec) => reject({ ...spec, signed: [], listSigned: false }),
  'auth-replay': (spec, _rng, _world, creates) => {
    const req = buildIotRequest(spec);
    return [
      { req, expect: 'any', creates },
      { req, expect: 'reject' },
    ];
  },
  'auth-no-nonce': (spec) => reject({ ...spec, before: (h) => delete h['x-ca-nonce'] }),
  'auth-header-after-sign': (spec) => reject({ ...spec, after: (h) => (h['x-ca-nonce'] = `${h['x-ca-nonce']}x`) }),
  'auth-query-after-sign': (spec) => reject(spec).map((s) => ({ ...s, req: { ...s.req, path: `${s.req.path}?pageSize=1` } })),
  'auth-no-signature': (spec) => reject({ ...spec, after: (h) => delete h['x-ca-signature'] }),
  'auth-unsigned': (spec) =>
    reject({ ...spec, after: (h) => Object.keys(h).filter((n) => n.startsWith('x-ca-')).forEach((n) => delete h[n]) }),
  'auth-no-key': (spec) => reject({ ...spec, before: (h) => delete h['x-ca-key'] }),
  'auth-unknown-method': (spec) => reject({ ...spec, before: (h) => (h['x-ca-signature-method'] = 'HmacMD5') }),
  // Item 1: a key that is no AppKey shape, large; refused (and never cached without bound).
  'auth-huge-key': (spec, rng) => reject({ ...spec, appKey: rng.string(rng.pick([200, 4_000, 7_000])) }),
  // Item 11: a header that is not the gateway's listed as signed; a wrong signature must not echo it.
  'auth-leak-probe': (spec, rng) => {
    const secret = `s3cr3t-${rng.string(16)}`;
    const name = rng.pick(['authorization', 'cookie', 'x-proxy-secret']);
    return reject({
      ...spec,
      secret: `${spec.secret}x`,
      extraHeaders: { [name]: secret },
      signed: ['x-ca-key', 'x-ca-nonce', 'x-ca-timestamp', name],
    }).map((s) => ({ ...s, leakProbe: secret }));
  },
  // Item 19: what the HTTP parser refuses must still be answered cleanly (and HEAD of nothing is no 200).
  'raw-unknown-method': (spec) => [{ req: { raw: `FOO ${spec.path} HTTP/1.1\r\nHost: x\r\nx-ca-key: ${spec.appKey}\r\n\r\n` }, expect: 'reject' }],
  'raw-huge-header': (spec) => [{ req: { raw: `POST ${spec.path} HTTP/1.1\r\nHost: x\r\nx-ca-key: ${spec.appKey}\r\nx-big: ${'b'.repeat(17_000)}\r\ncontent-length: 0\r\n\r\n` }, expect: 'reject' }],
  'raw-head-missing': () => [{ req: { raw: 'HEAD /no/such/path HTTP/1.1\r\nHost: x\r\n\r\n' }, expect: 'reject' }],
};
