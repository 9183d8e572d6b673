import { OaFailure, type OaFailureReason } from '../../src/domain/oa-connector.js';

/** The reason an exchange failed with; throws when it did not fail or failed with something else. */
export async function failureOf(exchange: Promise<unknown>): Promise<OaFailureReason> {
  try {
    await exchange;
  } catch (error) {
    if (error instanceof OaFailure) return error.reason;
    throw error;
  }
  throw new Error('expected the exchange to fail');
}
