import type { PostgresPool, PostgresPoolClient } from 'kysely';

/** The part of a pg pool client this wrapper uses: pg's own `query({ name, text, values })`. */
interface PgClient {
  query(config: unknown, values?: unknown): unknown;
  release(error?: Error | boolean): void;
}
interface PgPool {
  connect(): Promise<PgClient>;
  end(): Promise<void>;
}

// SQLSTATEs after which a name no longer stands for a usable statement on the server: a schema
// change altered a `select *` statement's row type (0A000, "cached plan must not change result
// type"), or the server lost the statement (26000: a pooler in between, DISCARD ALL).
const STALE_STATEMENT = new Set(['0A000', '26000']);

/**
 * Kysely's PostgreSQL driver sends every query unnamed, so the server parses, analyses and plans the
 * same text again on every call (for a point lookup, more work than running it). This wrapper gives
 * each distinct parameterised SQL text a name: pg then prepares it once per connection and later
 * calls only bind and execute. Texts are few (Roster's queries are built by code, values are always
 * parameters); `capacity` bounds the names, and later texts simply stay unnamed.
 *
 * A name found stale is retired (the next call prepares a new one); the failed call is retried at
 * once unless it ran inside a transaction, which the server has aborted by then.
 */
export function withNamedStatements(pool: PgPool, capacity = 1000): PostgresPool {
  const names = new Map<string, string>();
  let issued = 0;
  const nameFor = (text: string): string | undefined => {
    let name = names.get(text);
    if (name === undefined && issued < capacity) names.set(text, (name = `roster_${issued++}`));
    return name;
  };
  const wrapped = new WeakMap<PgClient, PostgresPoolClient>();

  const wrap = (client: PgClient): PostgresPoolClient => {
    let inTransaction = false;
    const run = async (text: string, values: readonly unknown[], retry: boolean): Promise<unknown> => {
      const name = values.length > 0 ? nameFor(text) : undefined;
      if (name === undefined) return client.query(text, values);
      try {
        return await client.query({ name, text, values });
      } catch (error) {
        const code = (error as { code?: unknown }).code;
        if (typeof code !== 'string' || !STALE_STATEMENT.has(code)) throw error;
        if (names.get(text) === name) names.delete(text);
        if (!retry || inTransaction) throw error;
        return run(text, values, false);
      }
    };
    return {
      query(textOrCursor: unknown, values?: readonly unknown[]) {
        if (typeof textOrCursor !== 'string') return client.query(textOrCursor) as never;
        // Kysely's own transaction statements: a statement that fails inside one cannot be retried.
        if (/^(begin|start transaction)\b/i.test(textOrCursor)) inTransaction = true;
        else if (/^(commit|rollback)$/i.test(textOrCursor)) inTransaction = false;
        return run(textOrCursor, values ?? [], true) as never;
      },
      // Passes on an error argument: a caller that releases a broken connection wants it destroyed.
      release(...args: [error?: Error | boolean]) {
        inTransaction = false;
        client.release(...args);
      },
    };
  };

  return {
    async connect() {
      const client = await pool.connect();
      let facade = wrapped.get(client);
      if (!facade) wrapped.set(client, (facade = wrap(client)));
      return facade;
    },
    end: () => pool.end(),
  };
}
