import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createDataCipher } from './data-cipher.js';
import { createKeyringSource, keyIdOf, rotateKeyFiles } from './keyring.js';
import { createKeyringCipher, sealedKeyId } from './keyring-cipher.js';

describe('keyring cipher', () => {
  const dirs: string[] = [];
  const freshDir = () => {
    const dir = mkdtempSync(join(tmpdir(), 'roster-keys-'));
    dirs.push(dir);
    return dir;
  };
  afterEach(() => dirs.splice(0).forEach((d) => rmSync(d, { recursive: true, force: true })));

  it('opens values sealed before key ids existed (v1) and seals new ones under the active key id', () => {
    const dir = freshDir();
    const cipher = createKeyringCipher(createKeyringSource(undefined, [], dir));
    const key = Buffer.from(readFileSync(join(dir, 'data.key'), 'utf8').trim(), 'hex');
    const legacy = createDataCipher(key).encrypt('110101199003070919');
    expect(cipher.decrypt(legacy)).toBe('110101199003070919');
    const sealed = cipher.encrypt('110101199003070919');
    expect(sealedKeyId(sealed)).toBe(keyIdOf(key));
    expect(sealed).not.toContain('110101199003070919');
    expect(cipher.decrypt(sealed)).toBe('110101199003070919');
  });

  it('follows a rotation made by another process: new writes use the new key, old values still open', () => {
    const dir = freshDir();
    const running = createKeyringCipher(createKeyringSource(undefined, [], dir));
    const before = running.encrypt('secret-before');
    const { previousId, activeId } = rotateKeyFiles(dir);
    expect(activeId).not.toBe(previousId);

    // The rotating process seals under the new key; the running one opens it and switches over.
    const rotator = createKeyringCipher(createKeyringSource(undefined, [], dir));
    const resealed = rotator.encrypt(rotator.decrypt(before));
    expect(sealedKeyId(resealed)).toBe(activeId);
    expect(running.decrypt(resealed)).toBe('secret-before');
    expect(sealedKeyId(running.encrypt('secret-after'))).toBe(activeId);
    expect(running.decrypt(before)).toBe('secret-before');
  });

  it('refuses a value whose key is in no keyring, and a tampered value', () => {
    const cipher = createKeyringCipher(createKeyringSource('1'.repeat(64), ['2'.repeat(64)], freshDir()));
    const other = createKeyringCipher(createKeyringSource('3'.repeat(64), [], freshDir()));
    expect(() => cipher.decrypt(other.encrypt('x'))).toThrow(/not in the keyring/);
    const sealed = cipher.encrypt('x');
    expect(() => cipher.decrypt(sealed.slice(0, -2) + (sealed.endsWith('AA') ? 'AB' : 'AA'))).toThrow();
    // A configured retired key still opens what it sealed.
    const retired = createKeyringCipher(createKeyringSource('2'.repeat(64), [], freshDir()));
    expect(cipher.decrypt(retired.encrypt('old'))).toBe('old');
  });
});
