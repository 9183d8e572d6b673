/** China Standard Time has no DST, so a fixed offset is exact. */
const CHINA_OFFSET_MS = 8 * 3600_000;

const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const MONTH_DAY = /^(\d{2})-(\d{2})$/;
const DATE_TIME = /^(\d{4})-(\d{2})-(\d{2}) (\d{2}):(\d{2}):(\d{2})$/;

function isLeapYear(year: number): boolean {
  return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
}

function daysInMonth(year: number, month: number): number {
  if (month === 2) return isLeapYear(year) ? 29 : 28;
  return [4, 6, 9, 11].includes(month) ? 30 : 31;
}

/** True when year/month/day (month 1–12) name a real proleptic-Gregorian date from year 1 to 9999. */
export function isRealDate(year: number, month: number, day: number): boolean {
  if (![year, month, day].every(Number.isInteger)) return false;
  return year >= 1 && year <= 9999 && month >= 1 && month <= 12 && day >= 1 && day <= daysInMonth(year, month);
}

/** Strict `yyyy-MM-dd` naming a real date: `2024-02-29` yes, `2023-02-29`, `2016-13-01`, `2016-2-3` no. */
export function isCalendarDate(s: string): boolean {
  const m = DATE.exec(s);
  return m !== null && isRealDate(Number(m[1]), Number(m[2]), Number(m[3]));
}

/** Strict `MM-dd` (a birthday without year): `02-29` is allowed because some year has it. */
export function isMonthDay(s: string): boolean {
  const m = MONTH_DAY.exec(s);
  return m !== null && isRealDate(2000, Number(m[1]), Number(m[2]));
}

/** Epoch ms of midnight China time starting the given real date. */
function chinaMidnight(year: number, month: number, day: number): number {
  const d = new Date(0);
  // setUTCFullYear, unlike Date.UTC, does not remap years 0–99 onto 1900–1999.
  d.setUTCFullYear(year, month - 1, day);
  return d.getTime() - CHINA_OFFSET_MS;
}

/**
 * Parses strict `yyyy-MM-dd HH:mm:ss` as China time (UTC+8, the platform's zone) to epoch ms; null
 * when malformed or not a real moment (`24:00:00`, leap seconds, `2023-02-29` are all refused).
 */
export function parseDateTime(s: string): number | null {
  const m = DATE_TIME.exec(s);
  if (!m) return null;
  const [year, month, day, hour, minute, second] = m.slice(1).map(Number) as [number, number, number, number, number, number];
  if (!isRealDate(year, month, day) || hour > 23 || minute > 59 || second > 59) return null;
  return chinaMidnight(year, month, day) + ((hour * 60 + minute) * 60 + second) * 1000;
}

/** Today's date in China time as `[year, month, day]`, for "not in the future" checks. */
export function chinaToday(now: number = Date.now()): [number, number, number] {
  const d = new Date(now + CHINA_OFFSET_MS);
  return [d.getUTCFullYear(), d.getUTCMonth() + 1, d.getUTCDate()];
}
