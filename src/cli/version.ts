import { readFileSync } from 'node:fs';
import { PACKAGE_ROOT } from '#src/config/schema.js';

/** Roster's version, from the package.json it was built from. */
export function rosterVersion(): string {
  const pkg = JSON.parse(readFileSync(`${PACKAGE_ROOT}package.json`, 'utf8')) as { version: string };
  return pkg.version;
}
