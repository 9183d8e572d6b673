import { describe, expect, it } from 'vitest';
import { describePostgresUrl } from '../../src/storage/sql/postgres-pool.js';

/** What the start banner and `roster migrate` print for DATABASE_URL: where, never who or with what password. */
describe('describePostgresUrl', () => {
  it.each([
    ['postgres://roster:pw-in-user-part@db.internal:6432/roster', 'postgres://db.internal:6432/roster'],
    ['postgresql://db.internal/roster?password=pw-in-query&sslmode=require', 'postgres://db.internal:5432/roster'],
    ['postgres:///roster?host=/run/postgresql&password=pw', 'postgres:///run/postgresql:5432/roster'],
    ['postgres://%7Bnot a url', 'postgres://(unparsable URL)'],
  ])('%s → %s', (url, shown) => {
    expect(describePostgresUrl(url)).toBe(shown);
    expect(describePostgresUrl(url)).not.toMatch(/pw|roster@/);
  });
});
