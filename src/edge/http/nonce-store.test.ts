import { describe, expect, it } from 'vitest';
import { createMemoryNonceStore } from './nonce-store.js';

describe('memory nonce store', () => {
  const WINDOW = 15 * 60 * 1000;

  it('accepts a nonce once per app inside the window', async () => {
    const store = createMemoryNonceStore(WINDOW);
    expect(await store.remember('app', 'n', 0)).toBe(true);
    expect(await store.remember('app', 'n', 1000)).toBe(false);
    expect(await store.remember('other', 'n', 1000)).toBe(true);
  });

  it('still refuses a replay just under a full window later, across a generation rotation', async () => {
    const store = createMemoryNonceStore(WINDOW);
    await store.remember('app', 'first', 0);
    await store.remember('app', 'late', WINDOW - 1);
    expect(await store.remember('app', 'late', WINDOW + 1)).toBe(false);
    expect(await store.remember('app', 'late', 2 * WINDOW - 2)).toBe(false);
  });

  it('forgets nonces two windows old, keeping memory bounded', async () => {
    const store = createMemoryNonceStore(WINDOW);
    await store.remember('app', 'old', 0);
    await store.remember('app', 'x', WINDOW);
    await store.remember('app', 'y', 2 * WINDOW);
    expect(await store.remember('app', 'old', 2 * WINDOW + 1)).toBe(true);
  });
});
