import { Migrator, type Kysely, type Migration, type MigrationProvider } from 'kysely';
import * as m0001 from './migrations/0001_create_tenants.js';
import * as m0002 from './migrations/0002_create_employees.js';
import * as m0003 from './migrations/0003_create_enterprise_setup.js';
import * as m0004 from './migrations/0004_create_credentials.js';
import * as m0006 from './migrations/0006_benefits_hardening.js';
import * as m0009 from './migrations/0009_create_oa_connectors_and_sessions.js';
import * as m0010 from './migrations/0010_create_admin.js';
import * as m0011 from './migrations/0011_create_batch_jobs.js';
import * as m0012 from './migrations/0012_employee_deletions.js';
import * as m0013 from './migrations/0013_create_employee_imports.js';
import * as m0014 from './migrations/0014_console_sessions_and_oa_sign_in.js';
import * as m0015 from './migrations/0015_audit_every_door.js';
import * as m0016 from './migrations/0016_resigned_employees_index.js';
import * as m0017 from './migrations/0017_app_sessions_index.js';
import type { Database } from './tables.js';

// Listed statically so the compiled package needs no directory scan; append, never edit or reorder.
export const MIGRATIONS: Record<string, Migration> = {
  '0001_create_tenants': m0001,
  '0002_create_employees': m0002,
  '0003_create_enterprise_setup': m0003,
  '0004_create_credentials': m0004,
  '0006_benefits_hardening': m0006,
  '0009_create_oa_connectors_and_sessions': m0009,
  '0010_create_admin': m0010,
  '0011_create_batch_jobs': m0011,
  '0012_employee_deletions': m0012,
  '0013_create_employee_imports': m0013,
  '0014_console_sessions_and_oa_sign_in': m0014,
  '0015_audit_every_door': m0015,
  '0016_resigned_employees_index': m0016,
  '0017_app_sessions_index': m0017,
};

const provider: MigrationProvider = { getMigrations: async () => MIGRATIONS };

/** Applies every pending migration; returns the names applied. Throws on the first failure. */
export async function migrateToLatest(db: Kysely<Database>): Promise<string[]> {
  const migrator = new Migrator({ db, provider });
  const { error, results } = await migrator.migrateToLatest();
  if (error) throw error instanceof Error ? error : new Error(String(error));
  return (results ?? []).filter((r) => r.status === 'Success').map((r) => r.migrationName);
}

/** Rolls back the most recent migration (used by the migration test). */
export async function migrateDown(db: Kysely<Database>): Promise<void> {
  const { error } = await new Migrator({ db, provider }).migrateDown();
  if (error) throw error instanceof Error ? error : new Error(String(error));
}
