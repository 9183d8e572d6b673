// Client-side signers for the bench, written from the protocol notes rather than imported from
// Roster, so that the bench is an independent client. Both are checked against the notes' worked
// examples by selfTest() before any load is sent.
import { createHash, createHmac, randomUUID } from 'node:crypto';

/** base64(MD5(body)), as the Node gateway client puts it in Content-MD5. */
export function md5Base64(body) {
  return createHash('md5').update(body).digest('base64');
}

/**
 * API Gateway string-to-sign (iot notes §1.2): method, accept, content-md5, content-type, date, the
 * signed x-ca-* headers sorted, then the resource (path + sorted query/form params, raw values).
 */
export function caStringToSign({ method, path, headers, signedHeaders, params = {} }) {
  const h = (name) => headers[name] ?? '';
  const lines = [method.toUpperCase(), h('accept'), h('content-md5'), h('content-type'), h('date')];
  for (const name of [...signedHeaders].sort()) lines.push(`${name}:${h(name)}`);
  const keys = Object.keys(params).sort();
  const resource = keys.length
    ? `${path}?${keys.map((k) => (params[k] === '' || params[k] == null ? k : `${k}=${params[k]}`)).join('&')}`
    : path;
  lines.push(resource);
  return lines.join('\n');
}

export function caSignature(secret, stringToSign, algorithm = 'sha256') {
  return createHmac(algorithm, Buffer.from(secret, 'utf8')).update(stringToSign, 'utf8').digest('base64');
}

/**
 * A signed JSON POST as the npm `aliyun-api-gateway` client sends it: every header that is signed is
 * exactly the header that goes on the wire. Returns lower-case header names.
 */
export function signedIotRequest({ appKey, appSecret, path, body, timestamp = Date.now(), nonce = randomUUID() }) {
  const headers = {
    'x-ca-timestamp': String(timestamp),
    'x-ca-key': appKey,
    'x-ca-nonce': nonce,
    'x-ca-stage': 'RELEASE',
    accept: 'application/json',
    'content-type': 'application/json',
    'content-md5': md5Base64(body),
  };
  const signedHeaders = ['x-ca-key', 'x-ca-nonce', 'x-ca-stage', 'x-ca-timestamp'];
  headers['x-ca-signature-headers'] = signedHeaders.join(',');
  headers['x-ca-signature'] = caSignature(
    appSecret,
    caStringToSign({ method: 'POST', path, headers, signedHeaders }),
  );
  return { method: 'POST', path, headers, body };
}

/**
 * Benefits open-API sign (benefits notes §2): lower-case hex SHA-1 over the sorted raw `k=v` pairs of
 * every parameter sent (sign excluded) plus `appsecret`, joined with `&`.
 */
export function benefitsStringToSign(params, appSecret) {
  const all = { ...params, appsecret: appSecret };
  return Object.keys(all)
    .sort()
    .map((k) => `${k}=${all[k]}`)
    .join('&');
}

export function benefitsSign(params, appSecret, algorithm = 'sha1') {
  return createHash(algorithm).update(benefitsStringToSign(params, appSecret), 'utf8').digest('hex');
}

/**
 * A signed form POST the way the official Java SDK sends it: common params (access_token or appid,
 * timestamp, version, grant_type, sign) in the query, business params in the form body; the sign
 * covers both.
 */
export function signedBenefitsRequest({ appSecret, path, common, business = {}, timestamp = Math.floor(Date.now() / 1000) }) {
  const query = { ...common, grant_type: 'client_credential', version: '1.0.0', timestamp: String(timestamp) };
  const sign = benefitsSign({ ...query, ...business }, appSecret);
  const qs = new URLSearchParams({ ...query, sign }).toString();
  const body = new URLSearchParams(business).toString();
  return {
    method: 'POST',
    path: `${path}?${qs}`,
    headers: {
      accept: '*/*',
      'content-type': 'application/x-www-form-urlencoded',
      'user-agent': 'roster-bench',
    },
    body,
  };
}

/** Throws unless both signers reproduce the notes' worked examples bit for bit. */
export function selfTest() {
  // iot notes §1.4, Node-client flavour.
  const body =
    '{"id":"1509086454180","version":"1.0","request":{"apiVer":"1.0.0"},"params":{"companyId":"351F43D69AB4388F4D7EC64A","pageNo":1,"pageSize":10}}';
  const r = signedIotRequest({
    appKey: '203753530',
    appSecret: 'exampleAppSecret0123456789abcdef',
    path: '/user/account/employee/querybycompanyid',
    body,
    timestamp: 1700000000000,
    nonce: '5a1e3f1c-7d2b-4c3e-9f00-0123456789ab',
  });
  check('iot Content-MD5', r.headers['content-md5'], 'RKeo5UygltbwDOk8us5zBA==');
  check('iot X-Ca-Signature', r.headers['x-ca-signature'], '2UpRxw1FcHlhxee6YDwadz9tjeAsPAxwZq7PWf/KSQ4=');
  // iot notes §1.4, form/query variant.
  const form = caStringToSign({
    method: 'POST',
    path: '/a/b',
    headers: {
      accept: 'application/json',
      'content-type': 'application/x-www-form-urlencoded; charset=UTF-8',
      'x-ca-key': '203753530',
      'x-ca-nonce': '5a1e3f1c-7d2b-4c3e-9f00-0123456789ab',
      'x-ca-stage': 'RELEASE',
      'x-ca-timestamp': '1700000000000',
    },
    signedHeaders: ['x-ca-key', 'x-ca-nonce', 'x-ca-stage', 'x-ca-timestamp'],
    params: { zeta: '1', alpha: 'x', mid: 'v', empty: '' },
  });
  check('iot form resource', form.split('\n').at(-1), '/a/b?alpha=x&empty&mid=v&zeta=1');
  check('iot form signature', caSignature('exampleAppSecret0123456789abcdef', form), 'yYXd9U1si+ZT0ie5kDdAaygtPn60jZ38Q1NfETKG9Ho=');

  // benefits notes §2, examples A–D.
  const secret = '9f8e7d6c5b4a39281706f5e4d3c2b1a0';
  const token = 'cde2c369fab499c0bf0643bb1844e70c';
  check(
    'benefits A',
    benefitsSign(
      {
        access_token: token,
        appid: '30000003',
        category: 'A组,B组',
        employee_attribute: '[{"attributeCode":"politicalVisage","attributeValue":"群众"}]',
        gender: '1',
        grant_type: 'client_credential',
        name: '张三',
        timestamp: '1700000000',
        userid: 'U001',
        version: '1.0.0',
      },
      secret,
    ),
    '7cec3b0fe06016bd0965c3161ab307b6e9f99dee',
  );
  check(
    'benefits B',
    benefitsSign({ access_token: token, timestamp: '1700000000', userid: 'U001', name: '张三' }, secret),
    '00a56c2bb10a2b295cd915d5fba93b279410f13a',
  );
  check(
    'benefits C',
    benefitsSign({ appid: '30000003', grant_type: 'client_credential', timestamp: '1700000000', version: '1.0.0' }, secret),
    'd3d2450b1662a478a909f1597ba489cdfc2e630c',
  );
  check(
    'benefits D',
    benefitsSign({ appid: '30000003', grant_type: 'client_credential', timestamp: '1700000000' }, secret),
    '4539cbd43200dc08e2246aaea430cc08410162fb',
  );
}

function check(what, actual, expected) {
  if (actual !== expected) throw new Error(`signer self-test failed (${what}): got ${actual}, expected ${expected}`);
}
