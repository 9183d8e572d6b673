import { describe, expect, it } from 'vitest';
import { blockOf, DELETION_BLOCK, locateRank, type DeletionCount } from './employee-rank.js';

/** The seq of the live employee of rank `offset`, the slow way (undefined past the end). */
function bruteForce(assigned: number, deleted: Set<number>, offset: number): number | undefined {
  let rank = 0;
  for (let seq = 1; seq <= assigned; seq++) {
    if (deleted.has(seq)) continue;
    if (rank === offset) return seq;
    rank++;
  }
  return undefined;
}

/** What a repository does with locateRank: skip `offset - liveBefore` live seqs after the block's start. */
function viaRank(assigned: number, deleted: Set<number>, offset: number): number | undefined {
  const counts = new Map<number, number>();
  for (const seq of deleted) counts.set(blockOf(seq), (counts.get(blockOf(seq)) ?? 0) + 1);
  const sorted: DeletionCount[] = [...counts].sort((a, b) => a[0] - b[0]).map(([block, n]) => ({ block, deleted: n }));
  const { block, liveBefore } = locateRank(offset, sorted);
  let skip = offset - liveBefore;
  expect(skip).toBeGreaterThanOrEqual(0);
  expect(skip).toBeLessThan(DELETION_BLOCK);
  for (let seq = block * DELETION_BLOCK + 1; seq <= assigned; seq++) {
    if (deleted.has(seq)) continue;
    if (skip === 0) return seq;
    skip--;
  }
  return undefined;
}

describe('locateRank', () => {
  it('finds the same employee as counting from the start, whatever was deleted', () => {
    let state = 7;
    const random = (n: number) => (state = (state * 1103515245 + 12345) % 2 ** 31) % n;
    for (const [assigned, share] of [[5000, 0.1], [5000, 0.9], [3 * DELETION_BLOCK, 0.5], [100, 0], [DELETION_BLOCK * 2, 1]] as const) {
      const deleted = new Set<number>();
      for (let seq = 1; seq <= assigned; seq++) if (random(1000) < share * 1000) deleted.add(seq);
      // Whole blocks deleted, too: the walk must pass over them.
      if (assigned > 2 * DELETION_BLOCK) for (let seq = DELETION_BLOCK + 1; seq <= 2 * DELETION_BLOCK; seq++) deleted.add(seq);
      const live = assigned - deleted.size;
      for (const offset of [0, 1, live - 1, live, live + 5, ...Array.from({ length: 200 }, () => random(live + 1))]) {
        if (offset < 0) continue;
        expect({ offset, seq: viaRank(assigned, deleted, offset) }).toEqual({ offset, seq: bruteForce(assigned, deleted, offset) });
      }
    }
  });
});
