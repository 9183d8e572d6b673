import { describe, expect, it } from 'vitest';
import {
  type CaSignInput,
  caSign,
  caSignatureMethod,
  caStringToSign,
  contentMd5,
  parseSignedHeaderNames,
} from './ca-signature.js';

// Worked examples from iot-account-protocol.md §1.4.
const SECRET = 'exampleAppSecret0123456789abcdef';
const BODY =
  '{"id":"1509086454180","version":"1.0","request":{"apiVer":"1.0.0"},"params":{"companyId":"351F43D69AB4388F4D7EC64A","pageNo":1,"pageSize":10}}';
const PATH = '/user/account/employee/querybycompanyid';
const COMMON = {
  'x-ca-key': '203753530',
  'x-ca-timestamp': '1700000000000',
  'x-ca-nonce': '5a1e3f1c-7d2b-4c3e-9f00-0123456789ab',
};

function sign(input: CaSignInput): { stringToSign: string; signature: string } {
  const names = parseSignedHeaderNames(first(input.headers['x-ca-signature-headers']));
  const stringToSign = caStringToSign(input, names);
  const method = caSignatureMethod(first(input.headers['x-ca-signature-method']));
  return { stringToSign, signature: caSign(SECRET, stringToSign, method ?? 'HmacSHA256') };
}

function first(v: string | string[] | undefined): string | undefined {
  return Array.isArray(v) ? v[0] : v;
}

const nodeFlavour = (): CaSignInput => ({
  method: 'POST',
  path: PATH,
  headers: {
    ...COMMON,
    'x-ca-stage': 'RELEASE',
    accept: 'application/json',
    'content-type': 'application/json',
    'content-md5': 'RKeo5UygltbwDOk8us5zBA==',
    'x-ca-signature-headers': 'x-ca-key,x-ca-nonce,x-ca-stage,x-ca-timestamp',
    'user-agent': 'aliyun-api-gateway/1.1.6 Node.js/v20.20.2',
    host: 'api.link.aliyun.com',
  },
  query: {},
});

describe('contentMd5', () => {
  it('matches the worked example for string and Buffer bodies', () => {
    expect(contentMd5(BODY)).toBe('RKeo5UygltbwDOk8us5zBA==');
    expect(contentMd5(Buffer.from(BODY, 'utf8'))).toBe('RKeo5UygltbwDOk8us5zBA==');
  });
  it('hashes strings as UTF-8', () => {
    expect(contentMd5('张三')).toBe(contentMd5(Buffer.from('张三', 'utf8')));
    expect(contentMd5('')).toBe('1B2M2Y8AsgTpgAmY7PhCfg==');
  });
});

describe('caStringToSign / caSign, worked examples', () => {
  it('reproduces the Node-client flavour bit for bit', () => {
    const { stringToSign, signature } = sign(nodeFlavour());
    expect(stringToSign).toBe(
      'POST\napplication/json\nRKeo5UygltbwDOk8us5zBA==\napplication/json\n\n' +
        'x-ca-key:203753530\nx-ca-nonce:5a1e3f1c-7d2b-4c3e-9f00-0123456789ab\n' +
        'x-ca-stage:RELEASE\nx-ca-timestamp:1700000000000\n' +
        PATH,
    );
    expect(signature).toBe('2UpRxw1FcHlhxee6YDwadz9tjeAsPAxwZq7PWf/KSQ4=');
  });

  it('reproduces the Java flavour, whose signed-header list arrives unsorted', () => {
    const input: CaSignInput = {
      method: 'POST',
      path: PATH,
      headers: {
        ...COMMON,
        'x-ca-signature-method': 'HmacSHA256',
        accept: 'application/json; charset=utf-8',
        'content-type': 'application/octet-stream; charset=utf-8',
        'content-md5': 'RKeo5UygltbwDOk8us5zBA==',
        date: 'Tue, 14 Nov 2023 22:13:20 GMT',
        'x-ca-signature-headers': 'x-ca-timestamp,x-ca-signature-method,x-ca-key,x-ca-nonce',
        ca_version: '1.1.2',
      },
      query: {},
    };
    const { stringToSign, signature } = sign(input);
    expect(stringToSign).toBe(
      'POST\napplication/json; charset=utf-8\nRKeo5UygltbwDOk8us5zBA==\n' +
        'application/octet-stream; charset=utf-8\nTue, 14 Nov 2023 22:13:20 GMT\n' +
        'x-ca-key:203753530\nx-ca-nonce:5a1e3f1c-7d2b-4c3e-9f00-0123456789ab\n' +
        'x-ca-signature-method:HmacSHA256\nx-ca-timestamp:1700000000000\n' +
        PATH,
    );
    expect(signature).toBe('iY0YoizeDeDP59tFnnfwdiGO9fX8f7yLb3WTNO6LRts=');
  });

  it('reproduces the form/query variant: sorted params, raw values, empty value as bare key', () => {
    const input: CaSignInput = {
      method: 'POST',
      path: '/a/b',
      headers: {
        ...COMMON,
        'x-ca-stage': 'RELEASE',
        accept: 'application/json',
        'content-type': 'application/x-www-form-urlencoded; charset=UTF-8',
        'x-ca-signature-headers': 'x-ca-key,x-ca-nonce,x-ca-stage,x-ca-timestamp',
      },
      query: { zeta: '1', alpha: 'x' },
      form: { mid: 'v', empty: '' },
    };
    const { stringToSign, signature } = sign(input);
    expect(stringToSign.split('\n')).toEqual([
      'POST',
      'application/json',
      '',
      'application/x-www-form-urlencoded; charset=UTF-8',
      '',
      'x-ca-key:203753530',
      'x-ca-nonce:5a1e3f1c-7d2b-4c3e-9f00-0123456789ab',
      'x-ca-stage:RELEASE',
      'x-ca-timestamp:1700000000000',
      '/a/b?alpha=x&empty&mid=v&zeta=1',
    ]);
    expect(signature).toBe('yYXd9U1si+ZT0ie5kDdAaygtPn60jZ38Q1NfETKG9Ho=');
  });

  it('changes the signature when any signed byte changes', () => {
    const base = sign(nodeFlavour()).signature;
    const tweaks: Array<(i: CaSignInput) => void> = [
      (i) => (i.headers['x-ca-nonce'] = '5a1e3f1c-7d2b-4c3e-9f00-0123456789ac'),
      (i) => (i.headers['content-md5'] = 'RKeo5UygltbwDOk8us5zBB=='),
      (i) => (i.headers.accept = 'application/json; charset=utf-8'),
      (i) => (i.path = `${PATH}/`),
      (i) => (i.query = { a: '1' }),
      (i) => (i.method = 'PUT'),
    ];
    for (const tweak of tweaks) {
      const input = nodeFlavour();
      tweak(input);
      expect(sign(input).signature).not.toBe(base);
    }
    const sts = caStringToSign(nodeFlavour(), parseSignedHeaderNames('x-ca-key,x-ca-nonce,x-ca-stage,x-ca-timestamp'));
    expect(caSign('exampleAppSecret0123456789abcdeF', sts, 'HmacSHA256')).not.toBe(base);
  });
});

describe('caStringToSign details', () => {
  const bare = (over: Partial<CaSignInput>): CaSignInput => ({ method: 'get', path: '/p', headers: {}, query: {}, ...over });

  it('keeps the four fixed lines when headers are absent and omits the signed-header block when empty', () => {
    expect(caStringToSign(bare({}), [])).toBe('GET\n\n\n\n\n/p');
  });

  it('writes a signed header that is missing or empty as "name:"', () => {
    expect(caStringToSign(bare({ headers: { 'x-ca-a': '' } }), ['x-ca-a', 'x-ca-b'])).toBe(
      'GET\n\n\n\n\nx-ca-a:\nx-ca-b:\n/p',
    );
  });

  it('lets the first value win for repeated params, query before form', () => {
    const input = bare({
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      query: { k: ['q1', 'q2'], b: '2' },
      form: { k: 'f', a: '' },
    });
    expect(caStringToSign(input, [])).toBe('GET\n\n\napplication/x-www-form-urlencoded\n\n/p?a&b=2&k=q1');
  });

  it('ignores form params unless the body is form-urlencoded, and does not URL-encode values', () => {
    const input = bare({ headers: { 'content-type': 'application/json' }, query: { q: 'a b&c=张' }, form: { f: '1' } });
    expect(caStringToSign(input, [])).toBe('GET\n\n\napplication/json\n\n/p?q=a b&c=张');
  });
});

describe('parseSignedHeaderNames', () => {
  it('trims, lower-cases, drops signature headers, sorts and dedupes', () => {
    expect(parseSignedHeaderNames(' X-Ca-Timestamp , x-ca-key,x-ca-signature,X-CA-KEY,,x-ca-signature-headers,accept')).toEqual([
      'accept',
      'x-ca-key',
      'x-ca-timestamp',
    ]);
  });
  it('returns nothing for an absent or empty header', () => {
    expect(parseSignedHeaderNames(undefined)).toEqual([]);
    expect(parseSignedHeaderNames('')).toEqual([]);
  });
});

describe('caSignatureMethod', () => {
  it('defaults to HmacSHA256 when absent and rejects unknown values', () => {
    expect(caSignatureMethod(undefined)).toBe('HmacSHA256');
    expect(caSignatureMethod('HmacSHA256')).toBe('HmacSHA256');
    expect(caSignatureMethod('HmacSHA1')).toBe('HmacSHA1');
    expect(caSignatureMethod('HmacMD5')).toBeNull();
    expect(caSignatureMethod('')).toBeNull();
  });
  it('selects HMAC-SHA1 when asked', () => {
    expect(caSign('k', 'm', 'HmacSHA1')).toBe('dytxyKKZfnaL4B2XEeSk80ok7zM=');
    expect(caSign('k', 'm', 'HmacSHA1')).not.toBe(caSign('k', 'm', 'HmacSHA256'));
  });
});
