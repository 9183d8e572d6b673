import { sql, type Kysely } from 'kysely';
import type { BatchJob, BatchKind } from '#src/domain/batch.js';
import type { ErrorCode } from '#src/domain/errors.js';
import type { BatchRepository } from '#src/domain/ports.js';
import type { DataCipher } from '../crypto/data-cipher.js';
import type { BatchJobRow, Database } from './tables.js';

function rowToJob(r: BatchJobRow): BatchJob {
  return {
    batchNumber: r.batch_number,
    appKey: r.app_key,
    companyId: r.company_id,
    enterpriseCode: r.enterprise_code,
    kind: r.kind as BatchKind,
    totalCount: Number(r.total_count),
    successCount: Number(r.success_count),
    failureCount: Number(r.failure_count),
    createdAt: Number(r.created_at),
    finishedAt: r.finished_at === null ? null : Number(r.finished_at),
  };
}

/**
 * Batch jobs and their rows. Commands and row texts are sealed with the data key: employee rows
 * carry identity numbers, which are never stored in clear.
 */
export function createBatchRepository(db: Kysely<Database>, cipher: DataCipher): BatchRepository {
  return {
    async insertBatch(job, rows) {
      await db
        .insertInto('batch_jobs')
        .values({
          batch_number: job.batchNumber,
          app_key: job.appKey,
          company_id: job.companyId,
          enterprise_code: job.enterpriseCode,
          kind: job.kind,
          total_count: job.totalCount,
          success_count: job.successCount,
          failure_count: job.failureCount,
          created_at: job.createdAt,
          finished_at: job.finishedAt,
        })
        .execute();
      if (rows.length === 0) return;
      await db
        .insertInto('batch_job_rows')
        .values(
          rows.map((r) => {
            const failure = 'failure' in r ? r.failure : undefined;
            return {
              batch_number: job.batchNumber,
              row_no: r.rowNo,
              state: failure ? 'failed' : 'pending',
              command_enc: 'command' in r ? cipher.encrypt(JSON.stringify(r.command)) : null,
              service_data_enc: cipher.encrypt(r.serviceData),
              error_code: failure?.code ?? null,
              error_param: failure?.details.param ?? null,
              error_rule: failure?.details.rule ?? null,
            };
          }),
        )
        .execute();
    },
    async getBatch(batchNumber) {
      const r = await db.selectFrom('batch_jobs').selectAll().where('batch_number', '=', batchNumber).executeTakeFirst();
      return r ? rowToJob(r) : undefined;
    },
    async failedRows(batchNumber) {
      const rows = await db
        .selectFrom('batch_job_rows')
        .select(['row_no', 'service_data_enc', 'error_code', 'error_param', 'error_rule'])
        .where('batch_number', '=', batchNumber)
        .where('state', '=', 'failed')
        .orderBy('row_no')
        .execute();
      return rows.map((r) => ({
        rowNo: Number(r.row_no),
        serviceData: r.service_data_enc === null ? '' : cipher.decrypt(r.service_data_enc),
        failure: {
          code: (r.error_code ?? 'internal') as ErrorCode,
          details: { ...(r.error_param ? { param: r.error_param } : {}), ...(r.error_rule ? { rule: r.error_rule } : {}) },
        },
      }));
    },
    async unfinishedBatches(limit) {
      const rows = await db.selectFrom('batch_jobs').selectAll().where('finished_at', 'is', null).orderBy('created_at').orderBy('batch_number').limit(limit).execute();
      return rows.map(rowToJob);
    },
    async pendingRows(batchNumber, limit) {
      const rows = await db
        .selectFrom('batch_job_rows')
        .select(['row_no', 'command_enc'])
        .where('batch_number', '=', batchNumber)
        .where('state', '=', 'pending')
        .orderBy('row_no')
        .limit(limit)
        .execute();
      return rows.map((r) => ({ rowNo: Number(r.row_no), command: r.command_enc === null ? null : (JSON.parse(cipher.decrypt(r.command_enc)) as unknown) }));
    },
    async settleRow(batchNumber, rowNo, failure) {
      // The conditional update is the claim: on PostgreSQL a second worker's update waits for the
      // first's transaction and then finds the row no longer pending.
      const settled = await db
        .updateTable('batch_job_rows')
        .set({
          state: failure ? 'failed' : 'done',
          command_enc: null,
          // A done row is never shown again; only a failure keeps its text for `service_data`.
          ...(failure ? { error_code: failure.code, error_param: failure.details.param ?? null, error_rule: failure.details.rule ?? null } : { service_data_enc: null }),
        })
        .where('batch_number', '=', batchNumber)
        .where('row_no', '=', rowNo)
        .where('state', '=', 'pending')
        .executeTakeFirst();
      if (Number(settled.numUpdatedRows) === 0) return false;
      await db
        .updateTable('batch_jobs')
        .set(failure ? { failure_count: sql<number>`failure_count + 1` } : { success_count: sql<number>`success_count + 1` })
        .where('batch_number', '=', batchNumber)
        .execute();
      return true;
    },
    async finishIfDone(batchNumber, at) {
      const r = await db
        .updateTable('batch_jobs')
        .set({ finished_at: at })
        .where('batch_number', '=', batchNumber)
        .where('finished_at', 'is', null)
        .where((eb) =>
          eb.not(
            eb.exists(
              eb.selectFrom('batch_job_rows').select('row_no').where('batch_job_rows.batch_number', '=', batchNumber).where('batch_job_rows.state', '=', 'pending'),
            ),
          ),
        )
        .executeTakeFirst();
      return Number(r.numUpdatedRows) > 0;
    },
    async deleteFinishedBefore(before) {
      const old = db.selectFrom('batch_jobs').select('batch_number').where('finished_at', '<', before);
      await db.deleteFrom('batch_job_rows').where('batch_number', 'in', old).execute();
      const r = await db.deleteFrom('batch_jobs').where('finished_at', '<', before).executeTakeFirst();
      return Number(r.numDeletedRows);
    },
  };
}
