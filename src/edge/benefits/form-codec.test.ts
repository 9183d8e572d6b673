import { describe, expect, it } from 'vitest';
import { decodeBenefitsParams } from './form-codec.js';

const FORM = 'application/x-www-form-urlencoded; charset=UTF-8';
const decode = (url: string, body?: string, type: string | undefined = FORM) =>
  Object.fromEntries(decodeBenefitsParams(url, type, body === undefined ? undefined : Buffer.from(body, 'utf8')));

describe('decodeBenefitsParams', () => {
  it('merges the query and a form body with standard form decoding', () => {
    expect(decode('/employee/add?access_token=t&timestamp=1', 'name=%E5%BC%A0+%2B1&category=A%E7%BB%84%2CB%E7%BB%84')).toEqual({
      access_token: 't',
      timestamp: '1',
      name: '张 +1',
      category: 'A组,B组',
    });
  });

  it('keeps empty values and the first of repeated names (query before body)', () => {
    expect(decode('/x?code=q&email=', 'code=b&remark=&flag')).toEqual({ code: 'q', email: '', remark: '', flag: '' });
  });

  it('carries a JSON body as `_body`, its raw text', () => {
    const body = '[{"dept_code":"D2","parent_code":"D1"}]';
    expect(decode('/department/batchSetParent?timestamp=1', body, 'application/json')).toEqual({ timestamp: '1', _body: body });
  });

  it('takes nothing from other or absent bodies', () => {
    expect(decode('/x?a=1', 'b=2', 'text/plain')).toEqual({ a: '1' });
    expect(Object.fromEntries(decodeBenefitsParams('/x?a=1', undefined, Buffer.from('b=2')))).toEqual({ a: '1' });
    expect(decode('/x')).toEqual({});
  });
});
