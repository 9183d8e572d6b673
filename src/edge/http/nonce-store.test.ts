import { describe, expect, it } from 'vitest';
import { createMemoryNonceStore, nonceExpiry } from './nonce-store.js';

const WINDOW = 15 * 60 * 1000;
const MINUTE = 60_000;
/** A sighting stamped by a client whose clock agrees with the server's. */
const at = (now: number, timestamp: number = now) => ({ now, timestamp });

describe('memory nonce store', () => {
  it('accepts a nonce once per app inside the window', async () => {
    const store = createMemoryNonceStore(WINDOW);
    expect(await store.remember('app', 'n', at(0))).toBe(true);
    expect(await store.remember('app', 'n', at(1000))).toBe(false);
    expect(await store.remember('other', 'n', at(1000))).toBe(true);
  });

  it('still refuses a replay just under a full window later, across a generation rotation', async () => {
    const store = createMemoryNonceStore(WINDOW);
    await store.remember('app', 'first', at(0));
    await store.remember('app', 'late', at(WINDOW - 1));
    expect(await store.remember('app', 'late', at(WINDOW + 1))).toBe(false);
    expect(await store.remember('app', 'late', at(2 * WINDOW - 2))).toBe(false);
  });

  it('forgets nonces two windows old, keeping memory bounded', async () => {
    const store = createMemoryNonceStore(WINDOW);
    await store.remember('app', 'old', at(0));
    await store.remember('app', 'x', at(WINDOW));
    await store.remember('app', 'y', at(2 * WINDOW));
    expect(await store.remember('app', 'old', at(2 * WINDOW + 1))).toBe(true);
  });

  it('remembers a nonce stamped ahead of the clock until its timestamp is out of the window', async () => {
    const store = createMemoryNonceStore(WINDOW);
    const t0 = 100 * WINDOW;
    const stamped = t0 + 14 * MINUTE;
    expect(await store.remember('app', 'ahead', at(t0, stamped))).toBe(true);
    // The server still accepts that timestamp until stamped + WINDOW (29 minutes after t0).
    for (const later of [15.2 * MINUTE, 16.2 * MINUTE, 28 * MINUTE, 29 * MINUTE]) {
      expect(await store.remember('app', 'ahead', at(t0 + later, stamped))).toBe(false);
    }
  });
});

describe('nonceExpiry', () => {
  it('outlives the last instant the timestamp check accepts, for timestamps behind, at or ahead of the clock', () => {
    for (const skew of [-14 * MINUTE, 0, 14 * MINUTE, WINDOW]) {
      const sighting = at(1_000_000_000, 1_000_000_000 + skew);
      const lastAccepted = Math.max(sighting.now, sighting.timestamp + WINDOW);
      expect(nonceExpiry(sighting, WINDOW)).toBeGreaterThan(lastAccepted);
    }
  });
});
