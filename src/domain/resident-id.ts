import { chinaToday, isRealDate } from './dates.js';

// GB 11643-1999 (ISO 7064 MOD 11-2): weight of position i is 2^(17-i) mod 11.
const WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
const CHECK_CHARS = '10X98765432';

/** The check character GB 11643-1999 assigns to the first 17 digits. */
export function residentIdCheckChar(first17: string): string {
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += Number(first17[i]) * WEIGHTS[i]!;
  return CHECK_CHARS[sum % 11]!;
}

/**
 * Mainland China resident ID (18 characters): 17 digits and a MOD 11-2 check character (a digit or X,
 * either case), embedding a birth date `yyyyMMdd` that is real, from 1900 on and not after today in
 * China time. `now` is injectable for tests.
 */
export function isValidResidentId(id: string, now: number = Date.now()): boolean {
  if (!/^\d{17}[\dXx]$/.test(id)) return false;
  if (residentIdCheckChar(id) !== id[17]!.toUpperCase()) return false;
  const year = Number(id.slice(6, 10));
  const month = Number(id.slice(10, 12));
  const day = Number(id.slice(12, 14));
  if (year < 1900 || !isRealDate(year, month, day)) return false;
  const [ty, tm, td] = chinaToday(now);
  return year * 10_000 + month * 100 + day <= ty * 10_000 + tm * 100 + td;
}

/** A passport number as the platform accepts it: 1–20 ASCII letters and digits. */
export function isValidPassportNo(no: string): boolean {
  return /^[A-Za-z0-9]{1,20}$/.test(no);
}
