import { mkdirSync } from 'node:fs';

/**
 * Creates the data folder (SQLite files, generated data key) readable by its owner only (0700). A
 * folder that already exists keeps the mode its owner gave it; the files in it are 0600 either way.
 */
export function ensureDataDir(dataDir: string): void {
  mkdirSync(dataDir, { recursive: true, mode: 0o700 });
}
