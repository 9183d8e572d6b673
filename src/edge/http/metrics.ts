import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry } from 'prom-client';
import type { ErrorCode } from '#src/domain/errors.js';
import type { UpstreamMetrics } from '#src/domain/metrics.js';

/** How the store's connections stand, for `roster_db_pool_connections`. */
export interface PoolState {
  total: number;
  idle: number;
  waiting: number;
}

/** One answered request, as the metrics see it. */
export interface AnsweredRequest {
  dialect: string;
  endpoint: string;
  /** Business code (envelope code, or HTTP status where there is no envelope). */
  code: number;
  seconds: number;
  error?: ErrorCode | undefined;
}

/** Catalogue codes that are a refused signature or credential, by reason label. */
const SIGNATURE_FAILURES: Partial<Record<ErrorCode, string>> = {
  'auth.missing_signature': 'missing_signature',
  'auth.missing_credentials': 'missing_credentials',
  'auth.invalid_app': 'invalid_app',
  'auth.invalid_signature': 'invalid_signature',
  'auth.invalid_timestamp': 'invalid_timestamp',
  'auth.timestamp_expired': 'timestamp_expired',
  'auth.nonce_used': 'nonce_used',
  'auth.invalid_content_md5': 'invalid_content_md5',
  'auth.invalid_token': 'invalid_token',
  'auth.secret_in_params': 'secret_in_params',
};

export type Metrics = ReturnType<typeof createMetrics>;

/**
 * Roster's Prometheus metrics, in a registry of its own (several servers in one process — the
 * tests — each count their own). Node's defaults come with it, among them the event-loop lag
 * (`nodejs_eventloop_lag_seconds`, `nodejs_eventloop_lag_p99_seconds`).
 */
export function createMetrics(
  poolState: () => PoolState | undefined,
  transactionStats: () => { transactions: number; commits: number } = () => ({ transactions: 0, commits: 0 }),
) {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry });
  const requests = new Counter({
    name: 'roster_requests_total',
    help: 'Answered requests by dialect, endpoint and business code (envelope code, else HTTP status).',
    labelNames: ['dialect', 'endpoint', 'code'] as const,
    registers: [registry],
  });
  const duration = new Histogram({
    name: 'roster_request_duration_seconds',
    help: 'Time from request to answer, by dialect and endpoint.',
    labelNames: ['dialect', 'endpoint'] as const,
    buckets: [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5],
    registers: [registry],
  });
  const rateLimited = new Counter({
    name: 'roster_rate_limit_refusals_total',
    help: 'Requests refused because their app was over its rate limit.',
    labelNames: ['dialect'] as const,
    registers: [registry],
  });
  const signatureFailures = new Counter({
    name: 'roster_signature_failures_total',
    help: 'Requests refused by the signature, timestamp, nonce or credential checks, by reason.',
    labelNames: ['dialect', 'reason'] as const,
    registers: [registry],
  });
  const upstreamCalls = new Counter({
    name: 'roster_oa_upstream_calls_total',
    help: 'Calls to OA/SSO upstreams by connector, operation and outcome (ok or failure).',
    labelNames: ['upstream', 'operation', 'outcome'] as const,
    registers: [registry],
  });
  const upstreamFailures = new Counter({
    name: 'roster_oa_upstream_failures_total',
    help: 'Failed calls to OA/SSO upstreams by connector, operation and failure class.',
    labelNames: ['upstream', 'operation', 'reason'] as const,
    registers: [registry],
  });
  const upstreamDuration = new Histogram({
    name: 'roster_oa_upstream_duration_seconds',
    help: 'Duration of calls to OA/SSO upstreams.',
    labelNames: ['upstream', 'operation'] as const,
    buckets: [0.01, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
    registers: [registry],
  });
  new Gauge({
    name: 'roster_db_pool_connections',
    help: 'Database connections by state (total, idle, and requests waiting for one). SQLite: one connection.',
    labelNames: ['state'] as const,
    registers: [registry],
    collect() {
      const state = poolState();
      if (!state) return;
      this.set({ state: 'total' }, state.total);
      this.set({ state: 'idle' }, state.idle);
      this.set({ state: 'waiting' }, state.waiting);
    },
  });
  // With SQLite's group commit several transactions share one COMMIT: the ratio is the batching.
  new Counter({
    name: 'roster_db_transactions_total',
    help: 'Store transactions run (units of work).',
    registers: [registry],
    collect() {
      this.reset();
      this.inc(transactionStats().transactions);
    },
  });
  new Counter({
    name: 'roster_db_commits_total',
    help: 'COMMITs issued to the database (fewer than transactions when SQLite groups them).',
    registers: [registry],
    collect() {
      this.reset();
      this.inc(transactionStats().commits);
    },
  });

  const upstream: UpstreamMetrics = {
    recordCall({ upstream: name, operation, seconds, failure }) {
      upstreamCalls.inc({ upstream: name, operation, outcome: failure ? 'failure' : 'ok' });
      upstreamDuration.observe({ upstream: name, operation }, seconds);
      if (failure) upstreamFailures.inc({ upstream: name, operation, reason: failure });
    },
  };

  return {
    registry,
    upstream,
    /** Counts one answered request. */
    observe(r: AnsweredRequest): void {
      requests.inc({ dialect: r.dialect, endpoint: r.endpoint, code: String(r.code) });
      duration.observe({ dialect: r.dialect, endpoint: r.endpoint }, r.seconds);
      if (r.error === 'auth.rate_limited') rateLimited.inc({ dialect: r.dialect });
      const reason = r.error && SIGNATURE_FAILURES[r.error];
      if (reason) signatureFailures.inc({ dialect: r.dialect, reason });
    },
    /** The exposition text and its content type. */
    async render(): Promise<{ contentType: string; body: string }> {
      return { contentType: registry.contentType, body: await registry.metrics() };
    },
  };
}
