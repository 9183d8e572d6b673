/**
 * An import whose stored file reads back with fewer rows than the upload counted (a store that lost
 * a piece of it, a reader that stopped early) is never reported `done` with rows silently skipped:
 * the worker retries the pass and then fails the job with a clear error, having changed nothing.
 */
import Database from 'better-sqlite3';
import { join } from 'node:path';
import pg from 'pg';
import { describe, expect, it } from 'vitest';
import { newEnterprise, uniqueMobile } from '../benefits/support/world.js';
import { testDatabases } from '../support/databases.js';
import type { RosterFixture } from '../support/roster.js';
import { awaitImport, csvFile, CSV_TYPE, rawCall } from './import-support.js';
import { useAdmin } from './support.js';

/** Deletes an import's stored file straight in the database, behind Roster's back. */
async function loseStoredFile(fixture: RosterFixture, importId: string): Promise<void> {
  if (fixture.databaseUrl) {
    const client = new pg.Client({ connectionString: fixture.databaseUrl });
    await client.connect();
    try {
      await client.query('delete from employee_import_chunks where import_id = $1', [importId]);
    } finally {
      await client.end();
    }
    return;
  }
  const sqlite = new Database(join(fixture.dataDir, 'roster.sqlite'), { timeout: 5000 });
  try {
    sqlite.prepare('delete from employee_import_chunks where import_id = ?').run(importId);
  } finally {
    sqlite.close();
  }
}

for (const db of testDatabases()) {
  describe(`an import whose stored file reads short (${db.name})`, () => {
    const ctx = useAdmin(db);

    it('is retried, then failed with a clear error, never reported done with rows skipped', async () => {
      const worker = ctx().c.admin.importWorker;
      const errors: unknown[] = [];
      // Held still while the file is damaged, then run with its errors collected.
      await worker.stop();
      try {
        const { company } = await newEnterprise(ctx().c, ctx().baseUrl);
        const { companyId } = company;
        const file = csvFile([['userid', 'name', 'mobile'], ['s1', 'Shen', uniqueMobile()], ['s2', 'Su', uniqueMobile()]]);
        const submitted = await rawCall(ctx().baseUrl, ctx().token, 'POST', `/companies/${companyId}/employee-imports?fileName=people.csv`, file, CSV_TYPE);
        expect(submitted.status).toBe(202);
        expect(submitted.json).toMatchObject({ status: 'queued', total: 2 });
        await loseStoredFile(ctx(), submitted.json.importId);

        worker.start((error) => errors.push(error));
        const job = await awaitImport(ctx().baseUrl, ctx().token, companyId, submitted.json.importId);
        expect(job).toMatchObject({ status: 'failed', error: 'the stored file no longer reads in full', total: 2, processed: 0, created: 0, failed: 0 });
        expect(errors.map(String)).toEqual(Array(3).fill(expect.stringContaining('read 0 data rows, the upload counted 2')));
        const listed = await ctx().call('GET', `/companies/${companyId}/employees?userid=s1`);
        expect(listed.body.items).toEqual([]);
      } finally {
        await worker.stop();
        worker.start();
      }
    });
  });
}
