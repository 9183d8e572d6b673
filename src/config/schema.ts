import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { z } from 'zod';

/**
 * The checkout (or installed package) Roster runs from: the default data folder lives there, not in
 * whatever folder a command happens to be run from, so `npx roster …` from a sub-folder finds the
 * same store as `npm start`.
 */
export const PACKAGE_ROOT = fileURLToPath(new URL('../../', import.meta.url));

const hexKey = z.string().regex(/^[0-9a-fA-F]{64}$/, 'must be 64 hex characters');

/**
 * Every setting Roster reads, with its environment variable, default and meaning. `docs/config.md`
 * is the reference for operators; keep the two in step.
 */
export const configSchema = z.object({
  /** `PORT`: TCP port the HTTP server listens on. */
  port: z.coerce.number().int().min(0).max(65535).default(8080),
  /** `HOST`: interface to bind; loopback by default so a first start exposes nothing. */
  host: z.string().min(1).default('127.0.0.1'),
  /** `DATABASE_URL`: `postgres://…` selects PostgreSQL; unset means the embedded SQLite file. */
  databaseUrl: z
    .string()
    .regex(/^postgres(ql)?:\/\//, 'must be a postgres:// URL')
    .optional(),
  /**
   * `ROSTER_DATA_DIR`: folder for the SQLite file and the generated data key, made absolute: a
   * relative path is taken from the current folder, the default is `data/` in Roster's own folder.
   */
  dataDir: z
    .string()
    .min(1)
    .transform((dir) => resolve(dir))
    .default(resolve(PACKAGE_ROOT, 'data')),
  /**
   * `ROSTER_DATA_KEY`: 32-byte key (64 hex chars) that encrypts AppSecrets and identity numbers at
   * rest. Unset: generated once into `<dataDir>/data.key` (mode 0600) and reused.
   */
  dataKey: hexKey.optional(),
  /**
   * `ROSTER_DATA_KEYS_RETIRED`: comma-separated older keys (64 hex each) that values sealed before a
   * rotation still need, when keys come from the environment (file keys keep them in
   * `<dataDir>/data.keys.retired`).
   */
  dataKeysRetired: z
    .string()
    .transform((list) => list.split(',').map((k) => k.trim()).filter((k) => k !== ''))
    .pipe(z.array(hexKey))
    .default([]),
  /** `NODE_ENV`: `production` turns off the first-start demo company (as does `roster serve --no-demo`). */
  nodeEnv: z.string().optional(),
  /**
   * `ROSTER_DURABILITY`: `process` (default) — an acknowledged write survives a crash of the Roster
   * process (SQLite WAL, synchronous=NORMAL); `power` — it also survives power loss (synchronous=FULL;
   * on PostgreSQL, synchronous_commit=on for Roster's sessions).
   */
  durability: z.enum(['process', 'power']).default('process'),
  /**
   * `ROSTER_NONCE_STORE`: where X-Ca-Nonce values are remembered for the replay window. `database`
   * (default) survives a restart and is shared by every process on the same store; `memory` is an
   * opt-in for a single process and forgets every nonce on restart (a captured request can then be
   * replayed once more within its 15 minutes).
   */
  nonceStore: z.enum(['memory', 'database']).default('database'),
  /** `ROSTER_DEFAULT_RATE_LIMIT`: requests per second per app per process for new apps; 0 = off. A busy integration stays well below; a client stuck in a loop does not. */
  defaultRateLimit: z.coerce.number().int().min(0).default(1000),
  /** `ROSTER_BODY_LIMIT`: largest request body accepted, in bytes. */
  bodyLimit: z.coerce.number().int().min(1024).default(65536),
  /** `ROSTER_IMPORT_MAX_BYTES`: largest employee import file (CSV or XLSX) the admin API accepts, in bytes; a bigger upload is refused (413 `request.too_large`) and nothing is stored. */
  importMaxBytes: z.coerce.number().int().min(1024).default(64 * 1024 * 1024),
  /** `ROSTER_TOKEN_TTL`: lifetime of a benefits access_token in seconds. */
  tokenTtlSec: z.coerce.number().int().min(60).default(3600),
  /** `ROSTER_TOKEN_ISSUE_LIMIT`: benefits access tokens one app may create per hour (the platform documents 60); 0 = no limit. */
  tokenIssueLimit: z.coerce.number().int().min(0).default(60),
  /** `ROSTER_PASSWORD_HASH_CONCURRENCY`: password hashes (scrypt, 32 MiB each) one process runs at once. */
  passwordHashConcurrency: z.coerce.number().int().min(1).max(64).default(2),
  /** `ROSTER_PASSWORD_HASH_QUEUE`: password hashes one app may have waiting; one more is refused at once (1000200052). */
  passwordHashQueue: z.coerce.number().int().min(0).max(256).default(16),
  /** `ROSTER_MAX_DEPARTMENT_DEPTH`: levels below a company's root department the deepest department may sit. */
  maxDepartmentDepth: z.coerce.number().int().min(1).max(1000).default(64),
  /** `ROSTER_MAX_DEPARTMENTS`: departments per company, the root included. */
  maxDepartments: z.coerce.number().int().min(2).default(10_000),
  /**
   * `ROSTER_DEV_OA`: `on` (default, so the quick start works) accepts codes of the built-in development
   * OA (`roster oa code`); `off` refuses them (2459) and the command. Turn it off in production.
   */
  devOa: z.enum(['on', 'off']).default('on'),
  /** `ROSTER_OA_TIMEOUT_MS`: time one OA sign-in may spend on its provider's API, all calls and retries together (the endpoints' documented budget is 3000 ms). */
  oaTimeoutMs: z.coerce.number().int().min(100).max(2900).default(2500),
  /** `ROSTER_IOT_TOKEN_TTL`: lifetime of an IoT session's iotToken in seconds (the platform's 72000). */
  iotTokenTtlSec: z.coerce.number().int().min(60).default(72000),
  /** `ROSTER_REFRESH_TOKEN_TTL`: lifetime of an IoT session's refreshToken in seconds (the platform's 720000). */
  refreshTokenTtlSec: z.coerce.number().int().min(60).default(720000),
  /** `ROSTER_AUDIT_RETENTION_DAYS`: days the audit log (every door's changes) keeps an event; 0 keeps them forever. */
  auditRetentionDays: z.coerce.number().int().min(0).default(365),
  /** `ROSTER_LOG_LEVEL`: pino level; `silent` turns request logs off. */
  logLevel: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  /**
   * `ROSTER_REQUEST_TIMEOUT_MS`: a request (headers and body) must arrive within this many ms of its
   * first byte, else 408 and the connection is closed — a client trickling a body cannot hold a socket.
   */
  requestTimeoutMs: z.coerce.number().int().min(100).default(30_000),
  /** `ROSTER_HEADERS_TIMEOUT_MS`: the request line and headers must arrive within this many ms (≤ the request timeout). */
  headersTimeoutMs: z.coerce.number().int().min(100).default(10_000),
  /**
   * `ROSTER_KEEP_ALIVE_TIMEOUT_MS`: how long an idle keep-alive connection stays open between requests.
   * Longer than the 60 s idle timeout of common load balancers, so they close first and never reuse a
   * connection Roster is closing.
   */
  keepAliveTimeoutMs: z.coerce.number().int().min(100).default(72_000),
  /**
   * `ROSTER_IDLE_TIMEOUT_MS`: a connection on which nothing moves for this many ms is closed (one that
   * never sends a request, or never reads its response). Above the keep-alive timeout.
   */
  idleTimeoutMs: z.coerce.number().int().min(100).default(120_000),
  /** `ROSTER_MAX_CONNECTIONS`: open connections per process; new ones beyond it are refused (closed at once). */
  maxConnections: z.coerce.number().int().min(1).default(10_000),
  /**
   * `ROSTER_TRUST_PROXY`: which reverse proxies may set `X-Forwarded-For` (the client address in the
   * access log): unset/`false` none, `true` any, a number of hops, or a comma list of addresses/CIDRs.
   */
  trustProxy: z
    .union([
      z.boolean(),
      z.number().int().min(0),
      z.string().transform((v): boolean | number | string => (v === 'true' ? true : v === 'false' ? false : /^[0-9]+$/.test(v) ? Number(v) : v)),
    ])
    .default(false),
  /** `ROSTER_METRICS`: `on` (default) serves Prometheus metrics at `GET /metrics`; `off` does not. */
  metrics: z.enum(['on', 'off']).default('on'),
  /** `ROSTER_METRICS_PORT`: serve `/metrics` on this port instead of the service's (unset: the service's port). */
  metricsPort: z.coerce.number().int().min(0).max(65535).optional(),
  /** `ROSTER_METRICS_HOST`: interface of the separate metrics port. */
  metricsHost: z.string().min(1).default('127.0.0.1'),
  /** `ROSTER_LOG_FILE` (or `roster serve --log-file FILE`): append log lines to this file instead of stdout. */
  logFile: z
    .string()
    .min(1)
    .transform((file) => resolve(file))
    .optional(),
}).refine((c) => c.headersTimeoutMs <= c.requestTimeoutMs, {
  path: ['headersTimeoutMs'],
  message: 'must not exceed ROSTER_REQUEST_TIMEOUT_MS',
});

export type Config = Readonly<z.infer<typeof configSchema>>;

/** Environment variable for each key, the loader's only source. */
export const ENV_NAMES: Record<keyof z.infer<typeof configSchema>, string> = {
  port: 'PORT',
  host: 'HOST',
  databaseUrl: 'DATABASE_URL',
  dataDir: 'ROSTER_DATA_DIR',
  dataKey: 'ROSTER_DATA_KEY',
  dataKeysRetired: 'ROSTER_DATA_KEYS_RETIRED',
  nodeEnv: 'NODE_ENV',
  durability: 'ROSTER_DURABILITY',
  nonceStore: 'ROSTER_NONCE_STORE',
  defaultRateLimit: 'ROSTER_DEFAULT_RATE_LIMIT',
  bodyLimit: 'ROSTER_BODY_LIMIT',
  importMaxBytes: 'ROSTER_IMPORT_MAX_BYTES',
  tokenTtlSec: 'ROSTER_TOKEN_TTL',
  tokenIssueLimit: 'ROSTER_TOKEN_ISSUE_LIMIT',
  passwordHashConcurrency: 'ROSTER_PASSWORD_HASH_CONCURRENCY',
  passwordHashQueue: 'ROSTER_PASSWORD_HASH_QUEUE',
  maxDepartmentDepth: 'ROSTER_MAX_DEPARTMENT_DEPTH',
  maxDepartments: 'ROSTER_MAX_DEPARTMENTS',
  logLevel: 'ROSTER_LOG_LEVEL',
  requestTimeoutMs: 'ROSTER_REQUEST_TIMEOUT_MS',
  headersTimeoutMs: 'ROSTER_HEADERS_TIMEOUT_MS',
  keepAliveTimeoutMs: 'ROSTER_KEEP_ALIVE_TIMEOUT_MS',
  idleTimeoutMs: 'ROSTER_IDLE_TIMEOUT_MS',
  maxConnections: 'ROSTER_MAX_CONNECTIONS',
  logFile: 'ROSTER_LOG_FILE',
  trustProxy: 'ROSTER_TRUST_PROXY',
  metrics: 'ROSTER_METRICS',
  metricsPort: 'ROSTER_METRICS_PORT',
  metricsHost: 'ROSTER_METRICS_HOST',
  devOa: 'ROSTER_DEV_OA',
  oaTimeoutMs: 'ROSTER_OA_TIMEOUT_MS',
  iotTokenTtlSec: 'ROSTER_IOT_TOKEN_TTL',
  refreshTokenTtlSec: 'ROSTER_REFRESH_TOKEN_TTL',
  auditRetentionDays: 'ROSTER_AUDIT_RETENTION_DAYS',
};
