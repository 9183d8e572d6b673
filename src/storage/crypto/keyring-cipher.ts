import { createDataCipher, type DataCipher } from './data-cipher.js';
import type { DataKeyring, KeyringSource } from './keyring.js';

/**
 * A {@link DataCipher} over a keyring. New values are sealed with the active key as
 * `v2.<keyId>.<iv>.<tag>.<ciphertext>`; `v2` values open with the key they name (re-reading the
 * keyring once if this process has not seen that key yet — another process rotated), and the
 * original `v1` values (no key id) open with whichever key's GCM tag matches.
 */
export function createKeyringCipher(source: KeyringSource): DataCipher & { activeKeyId(): string } {
  const ciphers = new WeakMap<Buffer, DataCipher>();
  const cipherFor = (key: Buffer) => {
    let c = ciphers.get(key);
    if (!c) ciphers.set(key, (c = createDataCipher(key)));
    return c;
  };
  const openV1 = (keyring: DataKeyring, sealed: string) => {
    let lastError: unknown;
    for (const key of [keyring.keys.get(keyring.activeId)!, ...keyring.keys.values()]) {
      try {
        return cipherFor(key).decrypt(sealed);
      } catch (error) {
        lastError = error;
      }
    }
    throw lastError;
  };
  return {
    activeKeyId: () => source.current().activeId,
    encrypt(plain) {
      const keyring = source.current();
      const v1 = cipherFor(keyring.keys.get(keyring.activeId)!).encrypt(plain);
      return `v2.${keyring.activeId}.${v1.slice('v1.'.length)}`;
    },
    decrypt(sealed) {
      if (sealed.startsWith('v1.')) return openV1(source.peek(), sealed);
      const [version, keyId] = sealed.split('.', 2);
      if (version !== 'v2' || !keyId) throw new Error('unreadable sealed value');
      const key = source.peek().keys.get(keyId) ?? source.refresh().keys.get(keyId);
      if (!key) throw new Error(`sealed with data key ${keyId}, which is not in the keyring`);
      return cipherFor(key).decrypt(`v1.${sealed.slice(`v2.${keyId}.`.length)}`);
    },
  };
}

/** The key id a sealed value names (`undefined` for a `v1` value, which names none). */
export function sealedKeyId(sealed: string): string | undefined {
  return sealed.startsWith('v2.') ? sealed.split('.', 2)[1] : undefined;
}
