/** Polling a batch's result the way a client does: until success + failure = total (notes §6). */
import { setTimeout as sleep } from 'node:timers/promises';
import type { JavaSdkClient } from './java-sdk-client.js';

export interface BatchResultShown {
  batch_number: string;
  total_count: number;
  success_count: number;
  failure_count: number;
  failures: Array<{ service_data: string; reason: string; code: number }> | null;
}

/** Polls `/getByBatchNumber` (as `DepartmentApi.getDepartmentBatchResult` sends it) until the batch is done. */
export async function awaitBatch(sdk: JavaSdkClient, batchNumber: string): Promise<BatchResultShown> {
  for (let i = 0; i < 600; i++) {
    const reply = await sdk.call('/getByBatchNumber', { batch_num: batchNumber });
    if (reply.body.code !== 0) throw new Error(`getByBatchNumber failed: ${reply.text}`);
    const result = reply.body.data as BatchResultShown;
    if (result.success_count + result.failure_count === result.total_count) return result;
    await sleep(50);
  }
  throw new Error(`batch ${batchNumber} did not finish`);
}

/** The batch numbers' observed shape: USERDOOR_BATCH_<tag>_<32 lower-case hex>. */
export const BATCH_NUMBER = /^USERDOOR_BATCH_[A-Z]+_[A-Z]+_[0-9a-f]{32}$/;
