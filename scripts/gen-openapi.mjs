// Rewrites docs/openapi.json from the compiled admin routes (run through `npm run docs`, which builds first).
import { writeFileSync } from 'node:fs';
import { buildOpenApiDocument } from '../dist/edge/admin/openapi.js';

writeFileSync(new URL('../docs/openapi.json', import.meta.url), `${JSON.stringify(buildOpenApiDocument(), null, 2)}\n`);
console.log('docs/openapi.json written');
