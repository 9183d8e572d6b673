import type { ErrorCode, ErrorDetails } from './errors.js';

/** What a batch does to each of its rows (notes §3.3, §4.2, §4.4, §4.5). */
export type BatchKind = 'employee_sync' | 'department_sync' | 'department_parent' | 'department_manager';

/** A submitted batch: who sent it, for which company, and how far it got. */
export interface BatchJob {
  /** Opaque, `USERDOOR_BATCH_<tag>_<32 hex>` like the platform's. */
  batchNumber: string;
  /** The app that submitted it: only that app may read its result. */
  appKey: string;
  companyId: string;
  /** The member enterprise a group or operator account named; null for a plain enterprise. */
  enterpriseCode: string | null;
  kind: BatchKind;
  /** Fixed at submission. */
  totalCount: number;
  successCount: number;
  failureCount: number;
  createdAt: number;
  /** Set once no row is pending; null while the batch runs. */
  finishedAt: number | null;
}

/** Why one row failed: a catalogue code and its details, mapped to words by each dialect. */
export interface RowFailure {
  code: ErrorCode;
  details: ErrorDetails;
}

/**
 * One row as submitted: its text (echoed as `service_data` if it fails) and either the command the
 * worker applies later or the reason it was refused at once (it could not be read).
 */
export type BatchRowInput = { rowNo: number; serviceData: string } & ({ command: unknown } | { failure: RowFailure });

/** A row still to apply. */
export interface PendingBatchRow {
  rowNo: number;
  command: unknown;
}

/** A failed row as the result shows it. */
export interface FailedBatchRow {
  rowNo: number;
  serviceData: string;
  failure: RowFailure;
}
