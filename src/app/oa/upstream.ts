import { OaFailure } from '#src/domain/oa-connector.js';

/**
 * The time an exchange may spend upstream. The IoT endpoints are documented with a 3000 ms timeout;
 * the OA gets most of it and Roster keeps the rest for its own work and the answer.
 */
export interface UpstreamBudget {
  /** Epoch ms by which every upstream call of this exchange must have answered. */
  deadline: number;
}

/** How an upstream call may be retried: `safe` (reads, token fetches) or `none` (code exchanges). */
export type RetryPolicy = 'safe' | 'none';

export interface UpstreamRequest {
  method?: 'GET' | 'POST';
  headers?: Record<string, string>;
  /** Sent as JSON, or as a form when `form` is set. */
  json?: unknown;
  form?: Record<string, string>;
  retry?: RetryPolicy;
}

export interface UpstreamAnswer {
  status: number;
  body: Record<string, unknown>;
}

/** A single call never waits longer than this, even with budget left: a retry needs room too. */
const PER_CALL_CAP_MS = 2_000;
/** A retry is only worth starting with at least this much budget left. */
const MIN_RETRY_MS = 300;

const isRetryableStatus = (status: number) => status === 502 || status === 503 || status === 504;

function failureOf(error: unknown): OaFailure {
  if (error instanceof OaFailure) return error;
  const name = (error as Error)?.name;
  if (name === 'TimeoutError' || name === 'AbortError') return new OaFailure('timeout', 'the OA did not answer in time');
  const cause = (error as { cause?: { code?: string } })?.cause?.code;
  return new OaFailure('upstream', `the OA is unreachable${cause ? ` (${cause})` : ''}`);
}

async function once(url: string, req: UpstreamRequest, budget: UpstreamBudget): Promise<UpstreamAnswer> {
  const left = budget.deadline - Date.now();
  if (left <= 0) throw new OaFailure('timeout', 'no time left for the OA');
  const headers: Record<string, string> = { accept: 'application/json', ...req.headers };
  let body: string | undefined;
  if (req.form) {
    headers['content-type'] = 'application/x-www-form-urlencoded';
    body = new URLSearchParams(req.form).toString();
  } else if (req.json !== undefined) {
    headers['content-type'] = 'application/json; charset=utf-8';
    body = JSON.stringify(req.json);
  }
  const response = await fetch(url, {
    method: req.method ?? (body === undefined ? 'GET' : 'POST'),
    headers,
    body,
    signal: AbortSignal.timeout(Math.min(left, PER_CALL_CAP_MS)),
    redirect: 'error',
  });
  const text = await response.text();
  let parsed: unknown;
  try {
    parsed = text === '' ? {} : JSON.parse(text);
  } catch {
    throw new OaFailure('upstream', `the OA answered HTTP ${response.status} with a body that is not JSON`);
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) {
    throw new OaFailure('upstream', `the OA answered HTTP ${response.status} with an unexpected body`);
  }
  return { status: response.status, body: parsed as Record<string, unknown> };
}

/**
 * One upstream call with a deadline. A 5xx answer is an upstream failure; other statuses come back
 * for the connector to read (the providers put their error codes in 4xx bodies). Calls marked `safe`
 * are retried once on a connection failure or a 502/503/504 while enough budget is left; code
 * exchanges are not (a code is single-use, and a lost answer may have spent it).
 */
export async function callUpstream(url: string, req: UpstreamRequest, budget: UpstreamBudget): Promise<UpstreamAnswer> {
  const attempts = req.retry === 'safe' ? 2 : 1;
  let last: OaFailure | undefined;
  for (let attempt = 0; attempt < attempts; attempt++) {
    if (attempt > 0 && budget.deadline - Date.now() < MIN_RETRY_MS) break;
    try {
      const answer = await once(url, req, budget);
      if (answer.status >= 500) {
        last = new OaFailure('upstream', `the OA answered HTTP ${answer.status}`);
        if (isRetryableStatus(answer.status)) continue;
        throw last;
      }
      return answer;
    } catch (error) {
      last = failureOf(error);
      if (last.reason === 'timeout' || !(error instanceof TypeError)) throw last;
    }
  }
  throw last ?? new OaFailure('upstream', 'the OA did not answer');
}

/** `base` + `path`, keeping any path prefix of the base (private deployments, test fakes). */
export function joinUrl(base: string, path: string, query?: Record<string, string>): string {
  const url = new URL(base.replace(/\/+$/, '') + path);
  for (const [k, v] of Object.entries(query ?? {})) url.searchParams.set(k, v);
  return url.toString();
}

/** A string field of an upstream body, or null. */
export function str(body: Record<string, unknown> | undefined, key: string): string | null {
  const v = body?.[key];
  return typeof v === 'string' && v !== '' ? v : typeof v === 'number' ? String(v) : null;
}

/** An object field of an upstream body, or undefined. */
export function obj(body: Record<string, unknown> | undefined, key: string): Record<string, unknown> | undefined {
  const v = body?.[key];
  return typeof v === 'object' && v !== null && !Array.isArray(v) ? (v as Record<string, unknown>) : undefined;
}
