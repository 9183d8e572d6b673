import { describe, expect, it } from 'vitest';
import { benefitsSign, benefitsStringToSign } from './sign.js';

// Worked examples from benefits-openapi-protocol.md §2.
const SECRET = '9f8e7d6c5b4a39281706f5e4d3c2b1a0';
const TOKEN = 'cde2c369fab499c0bf0643bb1844e70c';

describe('benefits sign, worked examples', () => {
  it('A: employee/add as the Java SDK sends it (sha1 and sha256), whatever the wire order', () => {
    const params: Array<[string, string]> = [
      ['gender', '1'],
      ['name', '张三'],
      ['category', 'A组,B组'],
      ['userid', 'U001'],
      ['employee_attribute', '[{"attributeCode":"politicalVisage","attributeValue":"群众"}]'],
      ['access_token', TOKEN],
      ['grant_type', 'client_credential'],
      ['appid', '30000003'],
      ['version', '1.0.0'],
      ['timestamp', '1700000000'],
    ];
    expect(benefitsStringToSign(params, SECRET)).toBe(
      `access_token=${TOKEN}&appid=30000003&appsecret=${SECRET}&category=A组,B组` +
        '&employee_attribute=[{"attributeCode":"politicalVisage","attributeValue":"群众"}]' +
        '&gender=1&grant_type=client_credential&name=张三&timestamp=1700000000&userid=U001&version=1.0.0',
    );
    expect(benefitsSign(params, SECRET, 'sha1')).toBe('7cec3b0fe06016bd0965c3161ab307b6e9f99dee');
    expect(benefitsSign(params, SECRET, 'sha256')).toBe(
      'df3b0c1f4378fe69b599a709d79402f5a3b5fe9e7fe00466af2d94026f6f869a',
    );
    expect(benefitsSign([...params].reverse(), SECRET, 'sha1')).toBe('7cec3b0fe06016bd0965c3161ab307b6e9f99dee');
  });

  it('B: minimal docs-style call', () => {
    const params: Array<[string, string]> = [
      ['access_token', TOKEN],
      ['timestamp', '1700000000'],
      ['userid', 'U001'],
      ['name', '张三'],
    ];
    expect(benefitsStringToSign(params, SECRET)).toBe(
      `access_token=${TOKEN}&appsecret=${SECRET}&name=张三&timestamp=1700000000&userid=U001`,
    );
    expect(benefitsSign(params, SECRET, 'sha1')).toBe('00a56c2bb10a2b295cd915d5fba93b279410f13a');
  });

  it('C: token/create from the Java SDK', () => {
    const params: Array<[string, string]> = [
      ['version', '1.0.0'],
      ['timestamp', '1700000000'],
      ['grant_type', 'client_credential'],
      ['appid', '30000003'],
    ];
    expect(benefitsStringToSign(params, SECRET)).toBe(
      `appid=30000003&appsecret=${SECRET}&grant_type=client_credential&timestamp=1700000000&version=1.0.0`,
    );
    expect(benefitsSign(params, SECRET, 'sha1')).toBe('d3d2450b1662a478a909f1597ba489cdfc2e630c');
  });

  it('D: token/create, docs/Go style without version', () => {
    const params: Array<[string, string]> = [
      ['appid', '30000003'],
      ['grant_type', 'client_credential'],
      ['timestamp', '1700000000'],
    ];
    expect(benefitsSign(params, SECRET, 'sha1')).toBe('4539cbd43200dc08e2246aaea430cc08410162fb');
  });
});

describe('benefitsStringToSign rules', () => {
  it('keeps empty values as "k=" and keeps the first of repeated keys', () => {
    const params: Array<[string, string]> = [
      ['email', ''],
      ['code', 'first'],
      ['code', 'second'],
    ];
    expect(benefitsStringToSign(params, 's')).toBe('appsecret=s&code=first&email=');
  });

  it('sorts by code unit: "_" before lower case, upper case before "_", shorter prefix first', () => {
    const params: Array<[string, string]> = [
      ['code1', '2'],
      ['code', '1'],
      ['b', 'x'],
      ['_body', '[]'],
      ['Z', 'z'],
    ];
    expect(benefitsStringToSign(params, 's')).toBe('Z=z&_body=[]&appsecret=s&b=x&code=1&code1=2');
  });

  it('yields lower-case hex of the right length for each type', () => {
    expect(benefitsSign([], 's', 'sha1')).toMatch(/^[0-9a-f]{40}$/);
    expect(benefitsSign([], 's', 'sha256')).toMatch(/^[0-9a-f]{64}$/);
    expect(benefitsSign([], 's', 'sha512')).toMatch(/^[0-9a-f]{128}$/);
  });

  it('changes with any byte of a value or the secret', () => {
    const base = benefitsSign([['name', '张三']], SECRET, 'sha1');
    expect(benefitsSign([['name', '张四']], SECRET, 'sha1')).not.toBe(base);
    expect(benefitsSign([['name', '张三']], `${SECRET}x`, 'sha1')).not.toBe(base);
  });
});
