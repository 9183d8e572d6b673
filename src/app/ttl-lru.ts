/**
 * A small cache bounded both ways: at most `maxEntries` entries (the least recently used goes first)
 * and each entry trusted for `ttlMs` after it was stored. A Map keeps insertion order, so re-inserting
 * on every hit makes its first key the least recently used one.
 */
export function createTtlLru<K, V>(options: { maxEntries: number; ttlMs: number }) {
  const entries = new Map<K, { value: V; until: number }>();
  return {
    /** The value stored under `key` unless it is missing or older than the TTL at `now`. */
    get(key: K, now: number): { value: V } | undefined {
      const hit = entries.get(key);
      if (!hit) return undefined;
      entries.delete(key);
      if (hit.until <= now) return undefined;
      entries.set(key, hit);
      return { value: hit.value };
    },
    /** Stores `value`, evicting the least recently used entries beyond `maxEntries`. */
    set(key: K, value: V, now: number): void {
      entries.delete(key);
      entries.set(key, { value, until: now + options.ttlMs });
      while (entries.size > options.maxEntries) entries.delete(entries.keys().next().value as K);
    },
    /** Forgets `key` (a changed value must be read again). */
    delete(key: K): void {
      entries.delete(key);
    },
    /** Entries held, expired ones included until they are touched or pushed out. */
    get size(): number {
      return entries.size;
    },
  };
}
