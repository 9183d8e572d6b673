import { randomBytes } from 'node:crypto';
import type { App } from '#src/domain/app.js';
import type { BatchJob, BatchKind, BatchRowInput, FailedBatchRow } from '#src/domain/batch.js';
import { assertThat, invalidParam } from '#src/domain/errors.js';
import type { Store } from '#src/domain/ports.js';
import type { BenefitsEmployeeService } from '../benefits-employee.service.js';

/**
 * The kind tag inside a batch number, after the platform's observed `USERDOOR_BATCH_SET_PM_…` (set
 * parent), `…_SET_DM_…` (set department manager) and `…_IM_DM_…` (import departments); `IM_EM` (import
 * employees) is ours. Clients treat the number as opaque.
 */
const KIND_TAGS: Record<BatchKind, string> = {
  employee_sync: 'IM_EM',
  department_sync: 'IM_DM',
  department_parent: 'SET_PM',
  department_manager: 'SET_DM',
};

/** Largest batch per kind: the docs' 50 employees; 100 department rows (undocumented; v1's advice). */
export const BATCH_LIMITS: Record<BatchKind, number> = {
  employee_sync: 50,
  department_sync: 100,
  department_parent: 100,
  department_manager: 100,
};

/** A batch's result: its counters (a batch is done when success + failure = total) and failed rows. */
export interface BatchResult {
  job: BatchJob;
  failures: FailedBatchRow[];
}

export interface BatchServiceDeps {
  store: Store;
  now: () => number;
  employees: BenefitsEmployeeService;
  /** Wakes the worker after a batch is stored (it also polls, for batches of other processes). */
  onSubmitted?: () => void;
}

/** Accepting batches and reading their results; the worker (batch-worker.ts) applies them. */
export function createBatchService(deps: BatchServiceDeps) {
  return {
    /**
     * Stores a batch and its rows in one transaction and returns its number at once. Rows the edge
     * could not read are failed already; the others wait for the worker. An empty batch or one over
     * its kind's limit is refused whole (request.invalid_params, param `listParam`).
     */
    async submit(app: App, enterpriseCode: string | undefined, kind: BatchKind, rows: BatchRowInput[], listParam: string): Promise<string> {
      if (rows.length === 0) throw invalidParam(listParam, 'must hold at least one row');
      if (rows.length > BATCH_LIMITS[kind]) throw invalidParam(listParam, `may hold at most ${BATCH_LIMITS[kind]} rows`);
      const company = await deps.employees.targetCompany(app, enterpriseCode);
      const failed = rows.filter((r) => 'failure' in r).length;
      const job: BatchJob = {
        batchNumber: `USERDOOR_BATCH_${KIND_TAGS[kind]}_${randomBytes(16).toString('hex')}`,
        appKey: app.appKey,
        companyId: company.companyId,
        enterpriseCode: company.parentCompanyId !== null && enterpriseCode !== undefined ? enterpriseCode : null,
        kind,
        totalCount: rows.length,
        successCount: 0,
        failureCount: failed,
        createdAt: deps.now(),
        finishedAt: failed === rows.length ? deps.now() : null,
      };
      await deps.store.transaction((repos) => repos.batches.insertBatch(job, rows));
      deps.onSubmitted?.();
      return job.batchNumber;
    },

    /**
     * The batch as far as it got. Only the app that submitted it may read it; when `enterpriseCode`
     * is given it must be the batch's. Anything else reads as unknown (request.invalid_params).
     */
    async result(app: App, batchNumber: string, enterpriseCode: string | undefined): Promise<BatchResult> {
      const job = await deps.store.repos.batches.getBatch(batchNumber);
      const unknown = { param: 'batch_num', rule: 'names no batch of this app' };
      assertThat(job && job.appKey === app.appKey, 'request.invalid_params', unknown);
      if (enterpriseCode !== undefined && job.enterpriseCode !== null) assertThat(job.enterpriseCode === enterpriseCode, 'request.invalid_params', unknown);
      const failures = job.failureCount === 0 ? [] : await deps.store.repos.batches.failedRows(batchNumber);
      return { job, failures };
    },
  };
}

export type BatchService = ReturnType<typeof createBatchService>;
