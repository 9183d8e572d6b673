// A small seeded PRNG (mulberry32) so that every fuzz case is a pure function of (seed, dialect,
// index): a failure is replayed by its seed and index alone.

/** A generator of floats in [0, 1) from a 32-bit seed. */
function mulberry32(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** FNV-1a of a string, to derive one case's seed from the run seed and the case's name. */
export function hash32(text) {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 0x01000193);
  return h >>> 0;
}

/** The random source of one case: `rngFor(seed, 'iot', 42)`. */
export function rngFor(seed, ...parts) {
  const next = mulberry32(hash32(`${seed}/${parts.join('/')}`));
  const rng = {
    next,
    /** An integer in [min, max]. */
    int: (min, max) => min + Math.floor(next() * (max - min + 1)),
    chance: (p) => next() < p,
    pick: (items) => items[Math.floor(next() * items.length)],
    /** Picks by weight from `[[weight, value], …]`. */
    weighted(pairs) {
      const total = pairs.reduce((s, [w]) => s + w, 0);
      let x = next() * total;
      for (const [w, v] of pairs) if ((x -= w) < 0) return v;
      return pairs[pairs.length - 1][1];
    },
    /** A string of `length` characters from `alphabet`. */
    string(length, alphabet = 'abcdefghijklmnopqrstuvwxyz0123456789') {
      let s = '';
      for (let i = 0; i < length; i++) s += alphabet[Math.floor(next() * alphabet.length)];
      return s;
    },
  };
  return rng;
}
