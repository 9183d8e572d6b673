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

/** Runs one statement with the import id as its only parameter straight in the database, behind Roster's back. */
async function behindRostersBack(fixture: RosterFixture, statement: string, importId: string): Promise<void> {
  if (fixture.databaseUrl) {
    const client = new pg.Client({ connectionString: fixture.databaseUrl });
    await client.connect();
    try {
      await client.query(statement.replace('?', '$1'), [importId]);
    } finally {
      await client.end();
    }
    return;
  }
  const sqlite = new Database(join(fixture.dataDir, 'roster.sqlite'), { timeout: 5000 });
  try {
    sqlite.prepare(statement).run(importId);
  } finally {
    sqlite.close();
  }
}

for (const db of testDatabases()) {
  describe(`an import whose stored file reads short (${db.name})`, () => {
    const ctx = useAdmin(db);

    /**
     * Stores a two-row CSV import with the worker held still, damages it with `damage`, then runs the
     * worker to the job's end and answers the job and the errors the worker reported.
     */
    async function runDamaged(damage: string) {
      const worker = ctx().c.admin.importWorker;
      const errors: unknown[] = [];
      await worker.stop();
      try {
        const { company } = await newEnterprise(ctx().c, ctx().baseUrl);
        const { companyId } = company;
        const file = csvFile([['userid', 'name', 'mobile'], ['s1', 'Shen', uniqueMobile()], ['s2', 'Su', uniqueMobile()]]);
        const submitted = await rawCall(ctx().baseUrl, ctx().token, 'POST', `/companies/${companyId}/employee-imports?fileName=people.csv`, file, CSV_TYPE);
        expect(submitted.status).toBe(202);
        expect(submitted.json).toMatchObject({ status: 'queued', total: 2 });
        await behindRostersBack(ctx(), damage, submitted.json.importId);
        worker.start((error) => errors.push(error));
        const job = await awaitImport(ctx().baseUrl, ctx().token, companyId, submitted.json.importId);
        expect(job).toMatchObject({ status: 'failed', total: 2, processed: 0, created: 0, failed: 0 });
        const listed = await ctx().call('GET', `/companies/${companyId}/employees?userid=s1`);
        expect(listed.body.items).toEqual([]);
        return { job, errors: errors.map(String) };
      } finally {
        await worker.stop();
        worker.start();
      }
    }

    it('is retried, then failed with a clear error, never reported done with rows skipped', async () => {
      const { job, errors } = await runDamaged('delete from employee_import_chunks where import_id = ?');
      expect(job.error).toBe('the stored file read 0 data rows, the upload counted 2');
      expect(errors).toEqual(Array(3).fill(expect.stringContaining('read 0 data rows, the upload counted 2')));
    });

    it('is retried when the reader refuses the stored file, then failed with the reader’s words', async () => {
      // The CSV's bytes read as an XLSX: what exceljs answers when it loses a workbook's entries.
      const { job, errors } = await runDamaged("update employee_imports set format = 'xlsx' where import_id = ?");
      expect(job.error).toMatch(/^the stored file is not a readable XLSX workbook \(/);
      expect(errors).toEqual(Array(3).fill(expect.stringContaining('the stored file is not a readable XLSX workbook')));
    });
  });
}
