import type { Kysely } from 'kysely';
import type { ImportJob, ImportOutcome, ImportRepository, ImportStatus, SheetFormat } from '#src/domain/employee-import.js';
import type { DataCipher } from '../crypto/data-cipher.js';
import type { Database, EmployeeImportRow } from './tables.js';

function rowToJob(r: EmployeeImportRow): ImportJob {
  return {
    importId: r.import_id,
    companyId: r.company_id,
    status: r.status as ImportStatus,
    dryRun: Number(r.dry_run) === 1,
    format: r.format as SheetFormat,
    fileName: r.file_name,
    fileBytes: Number(r.file_bytes),
    total: Number(r.total),
    processed: Number(r.processed),
    created: Number(r.created),
    updated: Number(r.updated),
    unchanged: Number(r.unchanged),
    failed: Number(r.failed),
    error: r.error,
    actorId: r.actor_id,
    actorName: r.actor_name,
    createdAt: Number(r.created_at),
    finishedAt: r.finished_at === null ? null : Number(r.finished_at),
  };
}

/** Outcome rows per INSERT statement: well under both engines' bound-parameter limits. */
const INSERT_BATCH = 100;

/**
 * Import jobs, their files and row outcomes. File chunks are sealed with the data key (a file may
 * hold identity numbers) and opened one at a time when read, so reading a file costs one chunk of memory.
 */
export function createEmployeeImportRepository(db: Kysely<Database>, cipher: DataCipher): ImportRepository {
  return {
    async insertJob(job, fileChunks) {
      await db
        .insertInto('employee_imports')
        .values({
          import_id: job.importId,
          company_id: job.companyId,
          status: job.status,
          dry_run: job.dryRun ? 1 : 0,
          format: job.format,
          file_name: job.fileName,
          file_bytes: job.fileBytes,
          total: job.total,
          processed: job.processed,
          created: job.created,
          updated: job.updated,
          unchanged: job.unchanged,
          failed: job.failed,
          error: job.error,
          actor_id: job.actorId,
          actor_name: job.actorName,
          created_at: job.createdAt,
          finished_at: job.finishedAt,
        })
        .execute();
      let chunkNo = 0;
      for await (const chunk of fileChunks) {
        await db.insertInto('employee_import_chunks').values({ import_id: job.importId, chunk_no: chunkNo++, data_enc: cipher.encrypt(chunk.toString('base64')) }).execute();
      }
    },
    async getJob(importId) {
      const r = await db.selectFrom('employee_imports').selectAll().where('import_id', '=', importId).executeTakeFirst();
      return r ? rowToJob(r) : undefined;
    },
    async listJobs(companyId, before, limit) {
      let q = db.selectFrom('employee_imports').selectAll().where('company_id', '=', companyId);
      if (before) q = q.where((eb) => eb.or([eb('created_at', '<', before.createdAt), eb.and([eb('created_at', '=', before.createdAt), eb('import_id', '<', before.importId)])]));
      const rows = await q.orderBy('created_at', 'desc').orderBy('import_id', 'desc').limit(limit).execute();
      return rows.map(rowToJob);
    },
    async unfinishedJobs(limit) {
      const rows = await db.selectFrom('employee_imports').selectAll().where('finished_at', 'is', null).orderBy('created_at').limit(limit).execute();
      return rows.map(rowToJob);
    },
    async *readFile(importId) {
      for (let chunkNo = 0; ; chunkNo++) {
        const r = await db.selectFrom('employee_import_chunks').select('data_enc').where('import_id', '=', importId).where('chunk_no', '=', chunkNo).executeTakeFirst();
        if (!r) return;
        yield Buffer.from(cipher.decrypt(r.data_enc), 'base64');
      }
    },
    async settleChunk(importId, expectedProcessed, rows, counts) {
      const moved = await db
        .updateTable('employee_imports')
        .set((eb) => ({
          processed: eb('processed', '+', rows.length),
          created: eb('created', '+', counts.created),
          updated: eb('updated', '+', counts.updated),
          unchanged: eb('unchanged', '+', counts.unchanged),
          failed: eb('failed', '+', counts.failed),
          status: 'running',
        }))
        .where('import_id', '=', importId)
        .where('processed', '=', expectedProcessed)
        .where('finished_at', 'is', null)
        .executeTakeFirst();
      if (Number(moved.numUpdatedRows) !== 1) return false;
      for (let i = 0; i < rows.length; i += INSERT_BATCH) {
        await db
          .insertInto('employee_import_rows')
          .values(rows.slice(i, i + INSERT_BATCH).map((r) => ({ import_id: importId, row_no: r.row, outcome: r.outcome, employee_id: r.employeeId, code: r.code, message: r.message })))
          .execute();
      }
      return true;
    },
    async resetJob(importId) {
      await db.deleteFrom('employee_import_rows').where('import_id', '=', importId).execute();
      await db.updateTable('employee_imports').set({ processed: 0, created: 0, updated: 0, unchanged: 0, failed: 0 }).where('import_id', '=', importId).execute();
    },
    async setStatus(importId, status, finishedAt, error = null) {
      await db.updateTable('employee_imports').set({ status, finished_at: finishedAt, error }).where('import_id', '=', importId).execute();
    },
    async rows(importId, afterRow, limit, onlyFailed) {
      let q = db.selectFrom('employee_import_rows').selectAll().where('import_id', '=', importId).where('row_no', '>', afterRow);
      if (onlyFailed) q = q.where('outcome', '=', 'failed');
      const rows = await q.orderBy('row_no').limit(limit).execute();
      return rows.map((r) => ({
        row: Number(r.row_no),
        outcome: r.outcome as ImportOutcome,
        employeeId: r.employee_id,
        code: r.code === null ? null : Number(r.code),
        message: r.message,
      }));
    },
    async deleteFinishedBefore(before) {
      const old = await db.selectFrom('employee_imports').select('import_id').where('finished_at', '<', before).limit(100).execute();
      for (const { import_id: id } of old) {
        await db.deleteFrom('employee_import_rows').where('import_id', '=', id).execute();
        await db.deleteFrom('employee_import_chunks').where('import_id', '=', id).execute();
        await db.deleteFrom('employee_imports').where('import_id', '=', id).execute();
      }
      return old.length;
    },
  };
}



