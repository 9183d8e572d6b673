// `npm start` runs this before serving: it compiles only when a source file (or the compiler
// settings, or package.json) is newer than the last build, so a restart with nothing changed starts
// at once from dist/. `npm run build` runs it with `--always`, which compiles whatever the stamp says.
import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, statSync, utimesSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const stampFile = join(root, 'dist', '.build-stamp');

/** Newest modification time among the inputs of `tsc -p tsconfig.build.json`. */
function newestInput() {
  let newest = 0;
  const walk = (dir) => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const path = join(dir, entry.name);
      if (entry.isDirectory()) walk(path);
      else if (entry.name.endsWith('.ts') && !entry.name.endsWith('.test.ts')) newest = Math.max(newest, statSync(path).mtimeMs);
    }
  };
  walk(join(root, 'src'));
  for (const file of ['tsconfig.json', 'tsconfig.build.json', 'package.json']) newest = Math.max(newest, statSync(join(root, file)).mtimeMs);
  return newest;
}

const built = existsSync(stampFile) && existsSync(join(root, 'dist', 'main.js')) ? statSync(stampFile).mtimeMs : -1;
const always = process.argv.includes('--always');
if (!always && built >= newestInput()) {
  process.exit(0);
}
if (!always) console.error('roster: sources changed since the last build; compiling…');
const stampAt = new Date();
try {
  execFileSync(process.execPath, [join(root, 'node_modules', 'typescript', 'bin', 'tsc'), '-p', join(root, 'tsconfig.build.json')], { stdio: 'inherit' });
} catch {
  process.exit(1); // tsc has printed the errors
}
// Stamped with the time the compile started: an edit made during it is seen next time.
writeFileSync(stampFile, `${stampAt.toISOString()}\n`);
utimesSync(stampFile, stampAt, stampAt);
