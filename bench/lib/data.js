// Generators of unique, valid test values.
import { randomBytes } from 'node:crypto';

const ALNUM = Buffer.from('abcdefghijklmnopqrstuvwxyz0123456789', 'latin1');

/** `count` random 40-character lower-case alphanumeric ids (the shape of Roster's opaque ids). */
export function opaqueIds(count) {
  const bytes = randomBytes(count * 40);
  for (let i = 0; i < bytes.length; i++) bytes[i] = ALNUM[bytes[i] % 36];
  const out = new Array(count);
  for (let i = 0; i < count; i++) out[i] = bytes.latin1Slice(i * 40, i * 40 + 40);
  return out;
}

/** An 11-digit mainland mobile number: a 3-digit prefix (e.g. `139`) and `n` as 8 digits. */
export function cnMobile(prefix, n) {
  if (n >= 1e8) throw new Error(`mobile counter ${n} does not fit 8 digits`);
  return prefix + String(n).padStart(8, '0');
}

// GB 11643-1999 (ISO 7064 MOD 11-2).
const WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
const CHECK_CHARS = '10X98765432';

export function residentIdCheckChar(first17) {
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += Number(first17[i]) * WEIGHTS[i];
  return CHECK_CHARS[sum % 11];
}

const EPOCH_1970 = Date.UTC(1970, 0, 1);
const DAY = 86_400_000;

/**
 * The n-th of about 18 million distinct valid resident ID numbers: area 110101 (Beijing Dongcheng), a
 * real birth date from 1970 on (n / 1000 days later), a 3-digit sequence (n % 1000) and the check
 * character.
 */
export function residentId(n) {
  const birth = new Date(EPOCH_1970 + Math.floor(n / 1000) * DAY);
  const ymd =
    String(birth.getUTCFullYear()) +
    String(birth.getUTCMonth() + 1).padStart(2, '0') +
    String(birth.getUTCDate()).padStart(2, '0');
  const first17 = '110101' + ymd + String(n % 1000).padStart(3, '0');
  return first17 + residentIdCheckChar(first17);
}
