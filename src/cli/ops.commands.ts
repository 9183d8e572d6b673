import type { Config } from '#src/config/schema.js';
import { backupCommand } from './backup.command.js';
import { KEY_COMMANDS } from './key.command.js';
import { restoreCommand } from './restore.command.js';

/** An operator's command: works on the store's files and keys, without building the service. */
export type OpsCommand = (config: Config, argv: string[]) => Promise<Record<string, unknown>>;

/** `roster backup`, `roster restore` and `roster key …`, by their words. */
export const OPS_COMMANDS: Record<string, OpsCommand> = {
  backup: backupCommand,
  restore: restoreCommand,
  ...KEY_COMMANDS,
};
