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
   * `ROSTER_NONCE_STORE`: where X-Ca-Nonce values are remembered for the 15-minute replay window.
   * `memory` suits one process; `database` shares them between every process on the same store.
   */
  nonceStore: z.enum(['memory', 'database']).default('memory'),
  /** `ROSTER_DEFAULT_RATE_LIMIT`: requests per second per app per process for new apps; 0 = off. A busy integration stays well below; a client stuck in a loop does not. */
  defaultRateLimit: z.coerce.number().int().min(0).default(1000),
  /** `ROSTER_BODY_LIMIT`: largest request body accepted, in bytes. */
  bodyLimit: z.coerce.number().int().min(1024).default(65536),
  /** `ROSTER_TOKEN_TTL`: lifetime of a benefits access_token in seconds. */
  tokenTtlSec: z.coerce.number().int().min(60).default(3600),
  /** `ROSTER_LOG_LEVEL`: pino level; `silent` turns request logs off. */
  logLevel: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
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
  tokenTtlSec: 'ROSTER_TOKEN_TTL',
  logLevel: 'ROSTER_LOG_LEVEL',
  logFile: 'ROSTER_LOG_FILE',
  trustProxy: 'ROSTER_TRUST_PROXY',
  metrics: 'ROSTER_METRICS',
  metricsPort: 'ROSTER_METRICS_PORT',
  metricsHost: 'ROSTER_METRICS_HOST',
};
