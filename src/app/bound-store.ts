import type { Repositories, Store } from '#src/domain/ports.js';

/**
 * A Store over an open transaction: its `transaction` runs the work in that same transaction. Services
 * built over it compose into one unit of work (a batch row's effect and its recorded result, an
 * upsert and the resignation that follows), with exactly the rules they apply on their own.
 */
export function storeInTransaction(repos: Repositories): Store {
  return {
    repos,
    transaction: (work) => work(repos),
    close: async () => {},
  };
}
