import { randomBytes, randomInt } from 'node:crypto';

const ALNUM = 'abcdefghijklmnopqrstuvwxyz0123456789';

/** 32 upper-case hex characters, like the platform's companyId. Random: reveals no count or order. */
export function newCompanyId(): string {
  return randomBytes(16).toString('hex').toUpperCase();
}

/** 40 lower-case alphanumerics, like the platform's employee, identity and account ids. */
export function newOpaqueId(): string {
  const bytes = randomBytes(40);
  let out = '';
  // 256 % 36 = 4, so rejecting bytes ≥ 252 keeps every character equally likely.
  for (let i = 0; out.length < 40; i++) {
    const b = i < bytes.length ? bytes[i]! : randomBytes(1)[0]!;
    if (b < 252) out += ALNUM[b % 36];
  }
  return out;
}

/** A numeric key of `digits` digits with no leading zero, like the platform's AppKey and mainPk. */
export function newNumericKey(digits: number): string {
  let out = String(randomInt(1, 10));
  while (out.length < digits) out += String(randomInt(0, 10));
  return out;
}

/** A random secret or token of `bytes` bytes as lower-case hex. */
export function newHexToken(bytes: number): string {
  return randomBytes(bytes).toString('hex');
}
