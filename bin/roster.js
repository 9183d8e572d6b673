#!/usr/bin/env node
// Runs the compiled CLI from dist/ (never the TypeScript sources); `npm install` builds it (the
// `prepare` script) and `npm start` rebuilds it only when a source changed.
import { existsSync } from 'node:fs';

if (!existsSync(new URL('../dist/main.js', import.meta.url))) {
  console.error('roster: not built yet (no dist/main.js); run `npm run build` (or `npm install`) in the Roster folder');
  process.exit(1);
}
import('../dist/main.js');
