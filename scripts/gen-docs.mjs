// Rewrites the generated docs from the compiled code (run through `npm run docs`, which builds first).
import { writeFileSync } from 'node:fs';
import { renderErrorsDoc } from '../dist/contract/errors-doc.js';

writeFileSync(new URL('../docs/errors.md', import.meta.url), renderErrorsDoc());
console.log('docs/errors.md written');
