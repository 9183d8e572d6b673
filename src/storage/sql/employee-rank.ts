/**
 * Paging by rank after deletions. Creation-order positions (`seq`) are dense when assigned, and
 * deletions punch holes in them. `employee_deletions` counts the holes per block of
 * {@link DELETION_BLOCK} positions, so the block holding the n-th live employee follows from a scan
 * of at most (positions / DELETION_BLOCK) small rows, and inside the block at most DELETION_BLOCK
 * entries of the (company_id, seq) index are skipped. See docs/architecture.md, "Deleting people".
 */

/** Positions per counted block: 1,000,000 employees make at most 977 counter rows. */
export const DELETION_BLOCK = 1024;

export interface DeletionCount {
  block: number;
  deleted: number;
}

/** The block of a position: seq 1..1024 is block 0. */
export const blockOf = (seq: number): number => Math.floor((seq - 1) / DELETION_BLOCK);

/**
 * Where the live employee of rank `offset` (0-based, creation order) is: its block, and how many
 * live employees come before that block. `counts` are the blocks with deletions, ascending.
 * A block without a counter row has all its positions live (or not assigned yet, past the end).
 */
export function locateRank(offset: number, counts: readonly DeletionCount[]): { block: number; liveBefore: number } {
  const B = DELETION_BLOCK;
  let deletedBefore = 0;
  for (const { block, deleted } of counts) {
    // Were no block from here on touched, the rank would fall in this candidate block.
    const candidate = Math.floor((offset + deletedBefore) / B);
    if (candidate < block) return { block: candidate, liveBefore: candidate * B - deletedBefore };
    if ((block + 1) * B - (deletedBefore + deleted) > offset) return { block, liveBefore: block * B - deletedBefore };
    deletedBefore += deleted;
  }
  const block = Math.floor((offset + deletedBefore) / B);
  return { block, liveBefore: block * B - deletedBefore };
}
