import { describe, expect, it } from 'vitest';
import { isValidPassportNo, isValidResidentId, residentIdCheckChar } from './resident-id.js';

describe('isValidResidentId', () => {
  it('accepts the seed ID and a check character X in either case', () => {
    expect(isValidResidentId('110101199003070919')).toBe(true);
    expect(isValidResidentId('11010119800101007X')).toBe(true);
    expect(isValidResidentId('11010119800101007x')).toBe(true);
  });

  it('rejects the seed docs example, whose check digit is wrong (should be 5)', () => {
    expect(isValidResidentId('371322199105204626')).toBe(false);
    expect(residentIdCheckChar('37132219910520462')).toBe('5');
    expect(isValidResidentId('371322199105204625')).toBe(true);
  });

  it('rejects any single changed digit', () => {
    expect(isValidResidentId('110101199003070918')).toBe(false);
    expect(isValidResidentId('110101199003070929')).toBe(false);
    expect(isValidResidentId('11010119800101007Y')).toBe(false);
  });

  it('rejects impossible birth dates even with a correct check digit', () => {
    expect(residentIdCheckChar('11010119900230091')).toBe('1');
    expect(isValidResidentId('110101199002300911')).toBe(false); // 30 February
    expect(isValidResidentId('110101190002290011')).toBe(false); // 1900 was not a leap year
    expect(isValidResidentId('110101200002290018')).toBe(true); // 2000 was
    expect(isValidResidentId('11010118991231001X')).toBe(false); // before 1900
    expect(isValidResidentId('110101190001010014')).toBe(true);
  });

  it('rejects a birth date after today in China time', () => {
    expect(isValidResidentId('110101209912310015')).toBe(false);
    const id = '110101202403020018'; // born 2024-03-02
    expect(isValidResidentId(id, Date.UTC(2024, 2, 1, 15, 59))).toBe(false); // 23:59 on 1 March in Beijing
    expect(isValidResidentId(id, Date.UTC(2024, 2, 1, 16, 0))).toBe(true); // midnight on 2 March in Beijing
  });

  it('rejects the wrong shape', () => {
    for (const id of ['', '11010119900307091', '1101011990030709190', '11010119900307091X9', '110101 99003070919', '１１０１０１１９９００３０７０９１９', 'X10101199003070919']) {
      expect(isValidResidentId(id), id).toBe(false);
    }
  });
});

describe('isValidPassportNo', () => {
  it('accepts 1–20 ASCII letters and digits', () => {
    for (const no of ['E12345678', 'g1234567', 'A', '1'.repeat(20)]) expect(isValidPassportNo(no), no).toBe(true);
  });
  it('rejects anything else', () => {
    for (const no of ['', '1'.repeat(21), 'E 1234567', 'E-1234567', 'É1234567', '护照123', 'E1234567\n']) {
      expect(isValidPassportNo(no), no).toBe(false);
    }
  });
});
