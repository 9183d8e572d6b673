import { invalidParam } from '#src/domain/errors.js';

/**
 * Paging cursors are opaque to callers: base64url of a small JSON array of the last row's keys.
 * Opaque so the keys can change without breaking clients that only pass them back.
 */
export function encodeCursor(keys: Array<string | number>): string {
  return Buffer.from(JSON.stringify(keys), 'utf8').toString('base64url');
}

/** The keys of a cursor; request.invalid_params (cursor) for anything this API did not give out. */
export function decodeCursor(cursor: string): unknown[] {
  try {
    const keys: unknown = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
    if (Array.isArray(keys)) return keys;
  } catch {
    // fall through: not ours
  }
  throw invalidParam('cursor', 'is not a cursor this list gave out');
}
