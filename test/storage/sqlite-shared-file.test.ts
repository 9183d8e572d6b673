import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import SQLite from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openDatabase, type OpenedDatabase } from '../../src/storage/sql/dialects.js';
import { migrateToLatest } from '../../src/storage/sql/migrate.js';

/**
 * Another process writing the same SQLite file (the CLI, a second server) between a transaction's
 * read and its write must make that transaction wait, not fail: with a deferred BEGIN, SQLite refuses
 * the write at once (SQLITE_BUSY_SNAPSHOT, "database is locked"). Here the other process is a second
 * connection that does not wait at all, so the test needs no timing: it shows who holds the lock.
 */
describe('transactions on a SQLite file shared with other processes', () => {
  let dataDir: string;
  let opened: OpenedDatabase;
  let other: SQLite.Database;
  beforeEach(async () => {
    dataDir = mkdtempSync(join(tmpdir(), 'roster-shared-'));
    opened = await openDatabase({ dataDir, durability: 'process' });
    await migrateToLatest(opened.db);
    other = new SQLite(join(dataDir, 'roster.sqlite'), { timeout: 0 });
  });
  afterEach(async () => {
    other.close();
    await opened.db.destroy();
    rmSync(dataDir, { recursive: true, force: true });
  });

  const insertNonce = (nonce: string) =>
    other.prepare('insert into nonces (app_key, nonce, expires_at) values (?, ?, ?)').run('100000001', nonce, Date.now() + 60_000);

  it('a read-then-write transaction commits; a writer arriving in between is the one kept waiting', async () => {
    let otherWriter: unknown;
    await opened.db.transaction().execute(async (trx) => {
      await trx.selectFrom('nonces').select('nonce').execute();
      try {
        insertNonce('from-the-other-process');
      } catch (error) {
        otherWriter = error;
      }
      await trx.insertInto('nonces').values({ app_key: '100000001', nonce: 'from-roster', expires_at: Date.now() + 60_000 }).execute();
    });
    expect((otherWriter as { code?: string } | undefined)?.code).toBe('SQLITE_BUSY');
    // Once the transaction is over the other process gets its turn.
    insertNonce('from-the-other-process');
    const nonces = await opened.db.selectFrom('nonces').select('nonce').orderBy('nonce').execute();
    expect(nonces.map((n) => n.nonce)).toEqual(['from-roster', 'from-the-other-process']);
  });
});
