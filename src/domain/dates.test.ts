import { describe, expect, it } from 'vitest';
import { chinaToday, isCalendarDate, isMonthDay, isRealDate, parseDateTime } from './dates.js';

describe('isCalendarDate', () => {
  it('accepts real yyyy-MM-dd dates', () => {
    for (const s of ['2024-02-29', '2016-02-03', '1991-01-01', '2000-02-29', '2023-12-31', '0001-01-01', '9999-12-31']) {
      expect(isCalendarDate(s), s).toBe(true);
    }
  });
  it('rejects unreal dates and loose formats', () => {
    for (const s of ['2023-02-29', '1900-02-29', '2016-13-01', '2016-00-10', '2016-04-31', '2016-01-00', '2016-2-3', '16-02-03',
      '2016/02/03', '20160203', ' 2016-02-03', '2016-02-03 ', '2016-02-03T00:00:00', '0000-01-01', '', '２０１６-02-03']) {
      expect(isCalendarDate(s), s).toBe(false);
    }
  });
});

describe('isMonthDay', () => {
  it('accepts any MM-dd some year has', () => {
    for (const s of ['02-29', '01-21', '12-31', '04-30']) expect(isMonthDay(s), s).toBe(true);
  });
  it('rejects days no year has and loose formats', () => {
    for (const s of ['02-30', '13-01', '00-10', '04-31', '01-00', '2-3', '1991-01-01', '0101', '']) expect(isMonthDay(s), s).toBe(false);
  });
});

describe('isRealDate', () => {
  it('rejects non-integers and out-of-range years', () => {
    expect(isRealDate(2024, 2, 29)).toBe(true);
    expect(isRealDate(2024, 2.5, 1)).toBe(false);
    expect(isRealDate(Number.NaN, 1, 1)).toBe(false);
    expect(isRealDate(10_000, 1, 1)).toBe(false);
  });
});

describe('parseDateTime', () => {
  it('reads the wall clock as China time (UTC+8)', () => {
    expect(parseDateTime('2023-11-15 06:13:20')).toBe(1_700_000_000_000);
    expect(parseDateTime('1970-01-01 08:00:00')).toBe(0);
    expect(parseDateTime('2025-01-01 00:00:00')).toBe(Date.UTC(2024, 11, 31, 16, 0, 0));
    expect(parseDateTime('2024-02-29 23:59:59')).toBe(Date.UTC(2024, 1, 29, 15, 59, 59));
  });
  it('handles years before 100 without remapping them to the 1900s', () => {
    expect(parseDateTime('0050-06-01 08:00:00')).toBe(new Date('0050-06-01T00:00:00Z').getTime());
  });
  it('returns null for malformed or unreal moments', () => {
    for (const s of ['2023-02-29 00:00:00', '2024-01-01 24:00:00', '2024-01-01 23:60:00', '2024-01-01 23:59:60', '2024-01-01 1:00:00',
      '2024-01-01T01:00:00', '2024-01-01 01:00', '2024-01-01', '', '2024-01-01 01:00:00Z', '2024-01-01  01:00:00']) {
      expect(parseDateTime(s), s).toBeNull();
    }
  });
});

describe('chinaToday', () => {
  it('rolls over at 16:00 UTC', () => {
    expect(chinaToday(Date.UTC(2024, 2, 1, 15, 59, 59))).toEqual([2024, 3, 1]);
    expect(chinaToday(Date.UTC(2024, 2, 1, 16, 0, 0))).toEqual([2024, 3, 2]);
  });
});
