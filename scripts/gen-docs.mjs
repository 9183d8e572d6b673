// Rewrites the generated docs from the compiled code (run through `npm run docs`, which builds first).
import { readFileSync, writeFileSync } from 'node:fs';
import { renderClientsDoc } from '../dist/contract/clients-doc.js';
import { renderErrorsDoc } from '../dist/contract/errors-doc.js';

writeFileSync(new URL('../docs/errors.md', import.meta.url), renderErrorsDoc());
console.log('docs/errors.md written');
const clients = new URL('../docs/clients.md', import.meta.url);
writeFileSync(clients, renderClientsDoc(readFileSync(clients, 'utf8')));
console.log('docs/clients.md: generated sections rewritten');
