import { describe, expect, it } from 'vitest';
import { createTtlLru } from './ttl-lru.js';

describe('createTtlLru', () => {
  it('never holds more than maxEntries, pushing out the least recently used', () => {
    const cache = createTtlLru<string, number>({ maxEntries: 3, ttlMs: 1_000 });
    for (const [i, key] of ['a', 'b', 'c'].entries()) cache.set(key, i, 0);
    expect(cache.get('a', 1)?.value).toBe(0); // a is now the most recently used
    cache.set('d', 3, 2);
    expect(cache.size).toBe(3);
    expect(cache.get('b', 3)).toBeUndefined();
    expect([cache.get('a', 3)?.value, cache.get('c', 3)?.value, cache.get('d', 3)?.value]).toEqual([0, 2, 3]);
    for (let i = 0; i < 10_000; i++) cache.set(`junk-${i}`, i, 4);
    expect(cache.size).toBe(3);
  });

  it('forgets an entry once its TTL is over, and drops it when touched', () => {
    const cache = createTtlLru<string, string>({ maxEntries: 10, ttlMs: 1_000 });
    cache.set('k', 'v', 0);
    expect(cache.get('k', 999)?.value).toBe('v');
    expect(cache.get('k', 1_000)).toBeUndefined();
    expect(cache.size).toBe(0);
  });
});
