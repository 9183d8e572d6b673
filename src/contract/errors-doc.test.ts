import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { ERROR_CODES } from '#src/domain/errors.js';
import { renderErrorsDoc } from './errors-doc.js';

describe('error documentation', () => {
  it('lists every catalogue code, as the code maps it (run `npm run docs` after changing a map)', () => {
    const committed = readFileSync(new URL('../../docs/errors.md', import.meta.url), 'utf8');
    for (const code of ERROR_CODES) expect(committed).toContain(`| \`${code}\` |`);
    expect(committed).toBe(renderErrorsDoc());
  });
});
