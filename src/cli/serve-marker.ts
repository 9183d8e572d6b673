import { mkdirSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

/**
 * Running servers leave a marker `<dataDir>/run/<pid>` while they serve the embedded store, so that
 * `roster restore` can refuse to swap the file under them. A marker whose process is gone (kill -9)
 * is stale and ignored.
 */
const runDir = (dataDir: string) => join(dataDir, 'run');

/** Marks this process as serving `dataDir`; returns the function that removes the mark. */
export function markServing(dataDir: string): () => void {
  mkdirSync(runDir(dataDir), { recursive: true });
  const file = join(runDir(dataDir), String(process.pid));
  writeFileSync(file, `${new Date().toISOString()}\n`);
  return () => rmSync(file, { force: true });
}

/** The pids of the live processes serving `dataDir`. */
export function liveServers(dataDir: string): number[] {
  let names: string[];
  try {
    names = readdirSync(runDir(dataDir));
  } catch {
    return [];
  }
  return names.map(Number).filter((pid) => Number.isInteger(pid) && pid > 0 && isAlive(pid));
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: it exists but belongs to another user — still alive.
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}
