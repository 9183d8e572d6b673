import type { AppCredentials } from '#src/domain/app.js';
import type { BenefitsParams } from './form-codec.js';
import { optionalText } from './param-rules.js';

/** Paths as the SDKs append them to the base URL (notes §1, §5). */
export const BENEFITS_PATHS = {
  tokenCreate: '/token/create',
  employeeAdd: '/employee/add',
  employeeUpdate: '/employee/update',
  employeeGet: '/employee/get',
  employeeBatchGet: '/employee/batchGet',
  employeeResign: '/employee/resign',
  employeeRestore: '/employee/restore',
  departmentAdd: '/department/add',
  departmentUpdate: '/department/update',
  departmentDelete: '/department/delete',
  departmentGet: '/department/get',
  employeeUpdateMobile: '/employee/updateMobile',
  employeeGetListByField: '/employee/getListByField',
  employeeBatchSynchronize: '/employee/v2/batchSynchronize',
  employeeGetByDepartmentCode: '/employee/getByDepartmentCode',
  employeeGetCountByDepartmentCode: '/employee/getCountByDepartmentCode',
  employeeAttributeGet: '/employee/attribute/get',
  employeeTransfer: '/employee/transfer',
  employeeSyncSingle: '/employee/syncSingleEmployee',
  departmentGetHierarchy: '/department/getHierarchy',
  departmentBatchSynchronize: '/department/batchSynchronize',
  departmentBatchSetParent: '/department/batchSetParent',
  departmentBatchSetManager: '/department/batchSetManager',
  departmentTransferEmployee: '/department/transferEmployee',
  // At the root, as the SDK and the docs call it: one result call for every kind of batch (notes §4.3, §6).
  batchResult: '/getByBatchNumber',
} as const;

/** A business call after its token and sign were verified. */
export interface BenefitsCall {
  app: AppCredentials;
  params: BenefitsParams;
}

/** One business endpoint: its path and what it answers as `data`. */
export interface BenefitsRoute {
  path: string;
  /** Changes data: its sign is accepted once (a replay within the timestamp window is refused). */
  mutating?: boolean;
  /** Methods served; POST when absent. The docs allow GET on a few reads (params then in the query). */
  methods?: ReadonlyArray<'GET' | 'POST'>;
  /**
   * Runs before the sign check and may add what the caller signed but did not send (the SDK's
   * `enterprise_code` on the JSON-array calls, notes §1.3).
   */
  prepare?(params: BenefitsParams): Promise<BenefitsParams>;
  handle(call: BenefitsCall): Promise<unknown>;
}

/** `enterprise_code` [1,20]: which member enterprise a group or operator account acts on. */
export function enterpriseCodeOf(params: BenefitsParams): string | undefined {
  return optionalText(params, 'enterprise_code', { max: 20 });
}
