import { z } from 'zod';

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
  /** `ROSTER_DATA_DIR`: folder for the SQLite file and the generated data key. */
  dataDir: z.string().min(1).default('data'),
  /**
   * `ROSTER_DATA_KEY`: 32-byte key (64 hex chars) that encrypts AppSecrets and identity numbers at
   * rest. Unset: generated once into `<dataDir>/data.key` (mode 0600) and reused.
   */
  dataKey: z
    .string()
    .regex(/^[0-9a-fA-F]{64}$/, 'must be 64 hex characters')
    .optional(),
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
  /** `ROSTER_AUDIT_RETENTION_DAYS`: days the admin audit log keeps an event; 0 keeps them forever. */
  auditRetentionDays: z.coerce.number().int().min(0).default(365),
  /** `ROSTER_LOG_LEVEL`: pino level; `silent` turns request logs off. */
  logLevel: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
});

export type Config = Readonly<z.infer<typeof configSchema>>;

/** Environment variable for each key, the loader's only source. */
export const ENV_NAMES: Record<keyof z.infer<typeof configSchema>, string> = {
  port: 'PORT',
  host: 'HOST',
  databaseUrl: 'DATABASE_URL',
  dataDir: 'ROSTER_DATA_DIR',
  dataKey: 'ROSTER_DATA_KEY',
  durability: 'ROSTER_DURABILITY',
  nonceStore: 'ROSTER_NONCE_STORE',
  defaultRateLimit: 'ROSTER_DEFAULT_RATE_LIMIT',
  bodyLimit: 'ROSTER_BODY_LIMIT',
  tokenTtlSec: 'ROSTER_TOKEN_TTL',
  logLevel: 'ROSTER_LOG_LEVEL',
  auditRetentionDays: 'ROSTER_AUDIT_RETENTION_DAYS',
};
