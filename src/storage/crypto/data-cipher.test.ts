import { describe, expect, it } from 'vitest';
import { createDataCipher } from './data-cipher.js';

describe('data cipher', () => {
  const cipher = createDataCipher(Buffer.alloc(32, 1));

  it('round-trips and never stores the plain text', () => {
    const sealed = cipher.encrypt('110101199003070919');
    expect(sealed).not.toContain('110101199003070919');
    expect(cipher.encrypt('110101199003070919')).not.toBe(sealed);
    expect(cipher.decrypt(sealed)).toBe('110101199003070919');
  });

  it('refuses a tampered value and a value sealed with another key', () => {
    const sealed = cipher.encrypt('secret');
    const parts = sealed.split('.');
    parts[3] = parts[3]!.slice(0, -2) + (parts[3]!.endsWith('AA') ? 'AB' : 'AA');
    expect(() => cipher.decrypt(parts.join('.'))).toThrow();
    expect(() => createDataCipher(Buffer.alloc(32, 2)).decrypt(sealed)).toThrow();
  });
});
