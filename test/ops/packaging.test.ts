import { execFile } from 'node:child_process';
import { existsSync, readFileSync, statSync } from 'node:fs';
import { promisify } from 'node:util';
import Fastify from 'fastify';
import { describe, expect, it } from 'vitest';

const run = promisify(execFile);
const ROOT = new URL('../../', import.meta.url);

/** Does Node `version` satisfy an `engines.node` range, in the forms npm packages use? */
function accepts(range: string, version: string): boolean {
  const [major, minor, patch] = version.split('.').map(Number) as [number, number, number];
  const cmp = (v: number[]) => major - v[0]! || minor - (v[1] ?? 0) || patch - (v[2] ?? 0);
  const parts = (s: string) => s.replace(/\.[x*]/g, '').split('.').map(Number);
  return range.split('||').some((alternative) =>
    alternative.replace(/([<>=^~])\s+/g, '$1').trim().split(/\s+/).every((term) => {
      if (term === '*' || term === '') return true;
      const m = /^(>=|<=|>|<|\^|~|=)?v?([\d.x*]+)$/.exec(term);
      if (!m) throw new Error(`unread engines range ${range}`);
      const v = parts(m[2]!);
      switch (m[1]) {
        case '>=': return cmp(v) >= 0;
        case '>': return cmp(v) > 0;
        case '<=': return cmp(v) <= 0;
        case '<': return cmp(v) < 0;
        case '^': return major === v[0] && cmp(v) >= 0;
        case '~': return major === v[0] && (v.length < 2 || minor === v[1]) && cmp(v) >= 0;
        default: return v.every((n, i) => n === [major, minor, patch][i]);
      }
    }),
  );
}

describe('packaging', () => {
  it('installs without engine warnings on this Node: every locked package accepts it', () => {
    const lock = JSON.parse(readFileSync(new URL('package-lock.json', ROOT), 'utf8')) as { packages: Record<string, { engines?: { node?: string } }> };
    const refusing = Object.entries(lock.packages)
      .filter(([, p]) => typeof p.engines?.node === 'string' && !accepts(p.engines.node, process.versions.node))
      .map(([name, p]) => `${name} (${p.engines!.node})`);
    expect(refusing).toEqual([]);
    expect(accepts('>=22', '20.19.0')).toBe(false); // the check itself sees cookie@2's range
  });

  it("keeps Fastify's inject helper working with the pinned cookie line", async () => {
    const app = Fastify();
    app.get('/', async (req) => ({ cookie: req.headers.cookie }));
    const res = await app.inject({ method: 'GET', url: '/', cookies: { a: 'b c' } });
    expect(res.json()).toEqual({ cookie: 'a=b%20c' });
    await app.close();
  });

  it.skipIf(!existsSync(new URL('dist/.build-stamp', ROOT)))('`npm start` does not recompile when nothing changed', async () => {
    await run(process.execPath, ['scripts/build-if-stale.mjs'], { cwd: ROOT }); // brings dist/ up to date if it is not
    const before = statSync(new URL('dist/main.js', ROOT)).mtimeMs;
    const { stderr } = await run(process.execPath, ['scripts/build-if-stale.mjs'], { cwd: ROOT });
    expect(stderr).not.toContain('compiling');
    expect(statSync(new URL('dist/main.js', ROOT)).mtimeMs).toBe(before);
  }, 120_000);
});
