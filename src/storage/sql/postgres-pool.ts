import type { Pool } from 'pg';

/**
 * The pg connection pool behind the PostgreSQL dialect, built so that losing the server never takes
 * Roster down: every connection has an error listener, a broken one is dropped rather than reused,
 * and new connections are opened on demand once the server is back.
 */
export interface PostgresPoolOptions {
  /** Connections at most (default 10). */
  max?: number;
  /**
   * Plan every named statement once per session (`plan_cache_mode = force_generic_plan`). Only for a
   * pool whose statements all have a good generic plan, pinned by a plan test: PostgreSQL otherwise
   * re-plans a statement on every call whenever its generic plan *looks* dearer, as it does for any
   * statement with a `limit $n` (counted as 10 % of the table) or an `unnest($n)` of unknown length.
   */
  genericPlans?: boolean;
}

export async function createPostgresPool(url: string, durability: 'process' | 'power', options: PostgresPoolOptions = {}): Promise<Pool> {
  const pg = await import('pg');
  const { Pool, types } = pg.default;
  // Epoch-ms and counters are bigint columns; they fit a JS number, so parse them as one.
  const parsers = {
    getTypeParser: (oid: number, format?: unknown) =>
      oid === 20 ? (v: string) => Number(v) : types.getTypeParser(oid, format as 'text'),
  };
  const pool = new Pool({
    connectionString: url,
    max: options.max ?? 10,
    types: parsers as never,
    // jit off: Roster's statements are index walks of a few rows, but a misestimated cost above
    // jit_above_cost (a batch of pages of a 1,000,000-employee company is one) made PostgreSQL compile
    // the plan, 10 ms for a statement that runs in 0.6.
    options:
      `-c synchronous_commit=${durability === 'power' ? 'on' : 'local'} -c jit=off` +
      (options.genericPlans ? ' -c plan_cache_mode=force_generic_plan' : ''),
  });
  // An idle pooled connection can be closed under us (server restart, failover, an operator's
  // pg_terminate_backend). pg reports that as an 'error' event on the pool; the pool has already
  // dropped the client and opens a new one when needed.
  pool.on('error', () => {});
  // A checked-out connection (a query running, or a transaction between statements) loses the
  // pool's idle listener, and pg emits its fatal error on the client itself: with no listener that
  // is an uncaught exception that ends the process. The error also fails the query in flight (or
  // the next one, "not queryable"), which is what reaches the request; pg marks the client not
  // queryable, so the pool discards it on release instead of handing it out again.
  pool.on('connect', (client) => {
    client.on('error', () => {});
  });
  return pool;
}

/**
 * Where a PostgreSQL URL points, for banners and `roster migrate`: scheme, host, port and database
 * only. User names, passwords (in the user part or as `?password=`) and other parameters are left out.
 */
export function describePostgresUrl(url: string): string {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return 'postgres://(unparsable URL)';
  }
  // A socket folder given as `?host=/run/postgresql` names the server when the URL has no host.
  const host = parsed.hostname || parsed.searchParams.get('host') || 'localhost';
  const port = parsed.port || parsed.searchParams.get('port') || '5432';
  const database = decodeURIComponent(parsed.pathname.replace(/^\//, '')) || parsed.searchParams.get('dbname') || '';
  return `postgres://${host}:${port}/${database}`;
}
