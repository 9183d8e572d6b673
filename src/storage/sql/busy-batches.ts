/** One request's part of a batch: settled by the batch's `send`. */
export interface Batched {
  reject(error: unknown): void;
}

/**
 * Batching for the statements many requests send at once on a pooled engine (PostgreSQL): an item
 * that arrives while no batch is running goes at once, so an idle server answers without delay; items
 * that arrive while one is in flight wait and go together as the next batch — one round trip and one
 * statement for all of them instead of one each. (Two batches in flight measured no better.)
 *
 * `send` settles every item of its batch; should it throw instead, every item not yet settled is
 * rejected with that error (a second settle of a promise is a no-op).
 */
export function batchWhileBusy<T extends Batched>(send: (batch: T[]) => Promise<void>): (item: T) => void {
  let queue: T[] = [];
  let running = false;
  const pump = (): void => {
    if (running || queue.length === 0) return;
    const batch = queue;
    queue = [];
    running = true;
    send(batch)
      .catch((error: unknown) => {
        for (const item of batch) item.reject(error);
      })
      .finally(() => {
        running = false;
        pump();
      });
  };
  return (item) => {
    queue.push(item);
    pump();
  };
}

/**
 * SQLSTATE classes 22 (data exception) and 23 (integrity constraint violation): the server refused a
 * value and the statement changed nothing, so its rows may be sent again one by one, letting only the
 * request that brought the bad value fail. Any other error (a lost connection) fails the whole batch.
 */
export function refusedValue(error: unknown): boolean {
  return /^2[23]/.test(String((error as { code?: unknown }).code ?? ''));
}
