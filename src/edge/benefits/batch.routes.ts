import type { BatchResult, BatchService } from '#src/app/jobs/batch.service.js';
import type { BatchKind } from '#src/domain/batch.js';
import { invalidParam } from '#src/domain/errors.js';
import { jsonBodyOf, readBatchRows } from './batch-rows.js';
import { benefitsErrorOf } from './error-map.js';
import type { BenefitsParams } from './form-codec.js';
import { checkText, requiredText } from './param-rules.js';
import { BENEFITS_PATHS, enterpriseCodeOf, type BenefitsRoute } from './routes.js';

/** `/getByBatchNumber`'s data as the SDK's DepartmentGetBatchResultResp reads it (notes §5.4). */
function batchResultView({ job, failures }: BatchResult) {
  return {
    batch_number: job.batchNumber,
    total_count: job.totalCount,
    success_count: job.successCount,
    failure_count: job.failureCount,
    // null when nothing failed (the docs' example); `service_data` must be a string, never an object.
    failures:
      failures.length === 0
        ? null
        : failures.map((f) => {
            const { code, msg } = benefitsErrorOf(f.failure.code, f.failure.details);
            // `code` is ours (the SDK ignores unknown keys): the same number the single call answers.
            return { service_data: f.serviceData, reason: msg, code };
          }),
  };
}

/** `/employee/v2/batchSynchronize`'s object body: `enterprise_code` travels inside it (notes §1.2). */
function employeeBatchOf(params: BenefitsParams) {
  const body = jsonBodyOf(params);
  if (typeof body !== 'object' || body === null || Array.isArray(body)) throw invalidParam('body', 'must be a JSON object with employee_list');
  // The SDK also leaks version, grant_type and no_snake into this body; they are ignored.
  const { enterprise_code: code, employee_list: list } = body as Record<string, unknown>;
  if (code !== undefined && code !== null && typeof code !== 'string') throw invalidParam('enterprise_code', 'must be a string');
  const enterpriseCode = typeof code === 'string' && code !== '' ? checkText('enterprise_code', code, { max: 20 }) : enterpriseCodeOf(params);
  if (list === undefined || list === null) throw invalidParam('employee_list', 'is required');
  return { enterpriseCode, rows: readBatchRows('employee_sync', list, 'employee_list') };
}

/** The batch calls (notes §3.3, §4.2–4.5): accepted at once with a batch number, applied in the background. */
export function batchRoutes(batches: BatchService, recoverEnterpriseCode: (params: BenefitsParams) => Promise<BenefitsParams>): BenefitsRoute[] {
  const arrayBatch = (path: string, kind: BatchKind): BenefitsRoute => ({
    path,
    mutating: true,
    prepare: recoverEnterpriseCode,
    async handle({ app, params }) {
      return batches.submit(app, enterpriseCodeOf(params), kind, readBatchRows(kind, jsonBodyOf(params), 'body'), 'body');
    },
  });
  return [
    {
      path: BENEFITS_PATHS.employeeBatchSynchronize,
      mutating: true,
      async handle({ app, params }) {
        const { enterpriseCode, rows } = employeeBatchOf(params);
        return batches.submit(app, enterpriseCode, 'employee_sync', rows, 'employee_list');
      },
    },
    arrayBatch(BENEFITS_PATHS.departmentBatchSynchronize, 'department_sync'),
    arrayBatch(BENEFITS_PATHS.departmentBatchSetParent, 'department_parent'),
    arrayBatch(BENEFITS_PATHS.departmentBatchSetManager, 'department_manager'),
    {
      path: BENEFITS_PATHS.batchResult,
      // The docs' example sends everything in the URL query.
      methods: ['GET', 'POST'],
      async handle({ app, params }) {
        const batchNumber = requiredText(params, 'batch_num', { max: 100 });
        return batchResultView(await batches.result(app, batchNumber, enterpriseCodeOf(params)));
      },
    },
  ];
}
