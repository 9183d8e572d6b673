import { randomBytes, scrypt as scryptCb, timingSafeEqual } from 'node:crypto';
import { promisify } from 'node:util';
import { DomainError } from '#src/domain/errors.js';
import { createFairQueue } from './fair-queue.js';

const scrypt = promisify(scryptCb) as (pw: string, salt: Buffer, len: number, opts: object) => Promise<Buffer>;

// OWASP's scrypt floor (N=2^17, r=8, p=1) costs ~128 MiB per hash; 2^15 keeps the same shape at
// 32 MiB, so a burst of adds cannot exhaust memory, at ~60 ms of one (libuv pool) core per hash.
const PARAMS = { N: 2 ** 15, r: 8, p: 1, maxmem: 64 * 1024 * 1024 };
// Costs a stored hash may ask for when verifying; anything above is refused rather than run.
const MAX_VERIFY_MEM = 256 * 1024 * 1024;

/** How much hashing one process does at once and how much it lets wait. */
export interface PasswordHashingLimits {
  /**
   * Hashes at once: each holds 32 MiB, and two already fill both cores of a small host; more in
   * flight would only add memory (libuv would run four) without adding throughput.
   */
  concurrency: number;
  /** Hashes one app may have waiting; one more is refused at once (employee.password_busy). */
  waitingPerApp: number;
}

/** Defaults of `ROSTER_PASSWORD_HASH_CONCURRENCY` and `ROSTER_PASSWORD_HASH_QUEUE`. */
export const DEFAULT_PASSWORD_HASHING: PasswordHashingLimits = { concurrency: 2, waitingPerApp: 16 };
// All apps together: a bound on memory held by waiting requests, whatever the number of apps.
const MAX_WAITING = 256;

/**
 * Password hashing behind a bounded queue shared fairly by apps (issue 6): a burst from one app fills
 * its own share of places and is refused past it with employee.password_busy (benefits 1000200052),
 * and any other app's hash goes next, so it never waits behind the burst.
 */
export function createPasswordHasher(limits: PasswordHashingLimits = DEFAULT_PASSWORD_HASHING) {
  const queue = createFairQueue(
    { concurrency: limits.concurrency, maxWaitingPerKey: limits.waitingPerApp, maxWaiting: MAX_WAITING },
    () => new DomainError('employee.password_busy', { param: 'password', rule: 'too many passwords are being set; retry shortly' }),
  );
  return {
    /** Hashes with scrypt into `scrypt$N$r$p$salt$hash`, self-describing so the cost can rise later; in `appKey`'s turn. */
    async hash(appKey: string, password: string): Promise<string> {
      const salt = randomBytes(16);
      const hash = await queue.run(appKey, () => scrypt(password, salt, 32, PARAMS));
      return ['scrypt', PARAMS.N, PARAMS.r, PARAMS.p, salt.toString('base64url'), hash.toString('base64url')].join('$');
    },
    /** Hashes running, waiting, and started since this hasher was built. */
    stats: () => queue.stats(),
  };
}

export type PasswordHasher = ReturnType<typeof createPasswordHasher>;

/** True when `password` matches a hash from {@link hashPassword}; false (never a throw) for anything malformed. */
export async function verifyPassword(password: string, stored: string): Promise<boolean> {
  const [scheme, n, r, p, salt, hash] = stored.split('$');
  if (scheme !== 'scrypt' || !salt || !hash) return false;
  const expected = Buffer.from(hash, 'base64url');
  if (expected.length < 16) return false;
  try {
    const actual = await scrypt(password, Buffer.from(salt, 'base64url'), expected.length, {
      N: Number(n),
      r: Number(r),
      p: Number(p),
      maxmem: MAX_VERIFY_MEM,
    });
    return timingSafeEqual(actual, expected);
  } catch {
    // Bad cost parameters in the stored value: not a match, and not a crash.
    return false;
  }
}
