// `npm start` runs this before serving: it builds the web console (console/ → console/dist) only when
// the build is missing or a console source is newer than it, so a plain restart starts at once.
import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const consoleDir = fileURLToPath(new URL('../console', import.meta.url));
const builtIndex = join(consoleDir, 'dist', 'index.html');

/** Newest modification time among the console's sources and build settings. */
function newestInput() {
  let newest = 0;
  const walk = (dir) => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const path = join(dir, entry.name);
      if (entry.isDirectory()) walk(path);
      else newest = Math.max(newest, statSync(path).mtimeMs);
    }
  };
  walk(join(consoleDir, 'src'));
  for (const file of ['index.html', 'vite.config.ts', 'package.json']) newest = Math.max(newest, statSync(join(consoleDir, file)).mtimeMs);
  return newest;
}

if (existsSync(builtIndex) && statSync(builtIndex).mtimeMs >= newestInput()) process.exit(0);
console.error('roster: building the web console…');
try {
  execFileSync('npm', ['run', 'build', '--silent', '-w', 'console'], { stdio: 'inherit', cwd: join(consoleDir, '..') });
} catch {
  process.exit(1); // vite has printed the errors
}
