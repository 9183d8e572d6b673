import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { Config } from '#src/config/schema.js';
import { SQLITE_FILE } from './backup.command.js';

/**
 * An admin command run against a data folder with no store yet creates an empty one: say so (on
 * stderr), so a command run from the wrong place or with a mistyped ROSTER_DATA_DIR is noticed.
 */
export function warnIfNewStore(config: Config): void {
  if (config.databaseUrl || existsSync(join(config.dataDir, SQLITE_FILE))) return;
  console.error(`note: no store in ${config.dataDir}; creating a new, empty one (set ROSTER_DATA_DIR to use another)`);
}
