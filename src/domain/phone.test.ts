import { describe, expect, it } from 'vitest';
import { isKnownCallingCode, normalizePhone } from './phone.js';

const MOBILE = { e164: '+8613800138000', callingCode: '86', national: '13800138000' };

describe('isKnownCallingCode', () => {
  it('knows geographic calling codes', () => {
    for (const code of ['86', '1', '44', '852', '853', '886', '7', '81', '65']) expect(isKnownCallingCode(code)).toBe(true);
  });
  it('rejects unknown or malformed codes', () => {
    for (const code of ['', '0', '999', '+86', '086', ' 86', '86 ', 'abc', '8 6']) expect(isKnownCallingCode(code)).toBe(false);
  });
});

describe('normalizePhone', () => {
  it('gives one canonical form for every spelling of a mainland number', () => {
    for (const raw of ['138 0013 8000', '13800138000', '+8613800138000', '+86 138-0013-8000', '008613800138000', ' (138) 0013.8000 ']) {
      expect(normalizePhone(raw), raw).toEqual(MOBILE);
    }
    expect(normalizePhone('138 0013 8000')?.e164).toBe(normalizePhone('+8613800138000')?.e164);
  });

  it('accepts the seed numbers, including one in a newly opened range', () => {
    expect(normalizePhone('16898989110')).toEqual({ e164: '+8616898989110', callingCode: '86', national: '16898989110' });
    expect(normalizePhone('15588652444', '86')?.e164).toBe('+8615588652444');
  });

  it('lets a leading + override the default calling code', () => {
    expect(normalizePhone('+852 9123 4567')).toEqual({ e164: '+85291234567', callingCode: '852', national: '91234567' });
    expect(normalizePhone('+886 912 345 678')?.e164).toBe('+886912345678');
    expect(normalizePhone('+8613800138000', '1')).toEqual(MOBILE);
  });

  it('reads a shared calling code as its main region', () => {
    expect(normalizePhone('202 555 0123', '1')).toEqual({ e164: '+12025550123', callingCode: '1', national: '2025550123' });
    expect(normalizePhone('07911 123456', '44')).toEqual({ e164: '+447911123456', callingCode: '44', national: '7911123456' });
    expect(normalizePhone('912 345 6789', '7')?.e164).toBe('+79123456789');
    expect(normalizePhone('9123 4567', '852')?.e164).toBe('+85291234567');
  });

  it('rejects impossible lengths', () => {
    expect(normalizePhone('12345')).toBeNull();
    expect(normalizePhone('1380013800012345')).toBeNull();
    expect(normalizePhone('1380013800')).toBeNull();
    expect(normalizePhone('+86 1380013800')).toBeNull();
    expect(normalizePhone('202 555 012', '1')).toBeNull();
  });

  it('rejects mainland landline-shaped numbers, since the field is a mobile number', () => {
    expect(normalizePhone('075512345678')).toBeNull();
    expect(normalizePhone('23800138000')).toBeNull();
  });

  it('rejects letters, free text and empty input', () => {
    for (const raw of ['', '   ', 'abc', '+', '-', 'tel 13800138000', '13800138000abc', '13800138000 ext. 12', '1-800-FLOWERS', '１３８００１３８０００', '138+00138000']) {
      expect(normalizePhone(raw), raw).toBeNull();
    }
  });

  it('rejects unknown calling codes, given or dialled', () => {
    expect(normalizePhone('13800138000', '999')).toBeNull();
    expect(normalizePhone('13800138000', '')).toBeNull();
    expect(normalizePhone('+999 1234 5678')).toBeNull();
  });

  it('never throws', () => {
    const odd = ['+'.repeat(300), '1'.repeat(10_000), '\u0000', '((((', '+0', '00', '0'.repeat(40), '\ud800', '+86'];
    for (const raw of odd) expect(() => normalizePhone(raw)).not.toThrow();
    for (const code of ['', '0', 'x', '1'.repeat(50)]) expect(() => normalizePhone('13800138000', code)).not.toThrow();
  });
});
