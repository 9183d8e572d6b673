import { describe, expect, it } from 'vitest';
import { writeSheet } from './sheet-writer.js';

/** Lets the writer run for a while without anyone reading its output. */
const turns = async (n: number) => {
  for (let i = 0; i < n; i++) await new Promise((resolve) => setImmediate(resolve));
};

describe('writeSheet', () => {
  it.each(['csv', 'xlsx'] as const)('pulls rows only as fast as its reader takes the output (%s)', async (format) => {
    let pulled = 0;
    async function* endless(): AsyncGenerator<string[]> {
      for (;;) {
        pulled++;
        yield [`user${pulled}`, '员工'.repeat(20), `1390000${pulled}`];
      }
    }
    const out = writeSheet(format, ['userid', 'name', 'mobile'], endless());
    // exceljs loads on first use: wait for the first rows, then until the writer stops pulling.
    for (let i = 0; i < 500 && pulled === 0; i++) await new Promise((resolve) => setTimeout(resolve, 10));
    let before = -1;
    for (let i = 0; i < 100 && before !== pulled; i++) {
      before = pulled;
      await turns(200);
    }
    // Nobody reads: the writer stops once its buffer is full instead of pulling every row there is.
    const stalled = pulled;
    expect(stalled).toBeGreaterThan(0);
    await turns(200);
    expect(pulled).toBe(stalled);
    // Reading lets it go on.
    let bytes = 0;
    for await (const chunk of out) {
      bytes += (chunk as Buffer).length;
      if (bytes > 2_000_000) break;
    }
    expect(pulled).toBeGreaterThan(stalled);
    out.destroy();
  });

  it('starts a CSV with the UTF-8 BOM so Excel reads Chinese right', async () => {
    const chunks: Buffer[] = [];
    async function* one(): AsyncGenerator<string[]> {
      yield ['u1', '张三'];
    }
    for await (const chunk of writeSheet('csv', ['用户ID', '姓名'], one())) chunks.push(chunk as Buffer);
    const file = Buffer.concat(chunks);
    expect([...file.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    expect(file.subarray(3).toString('utf8')).toBe('用户ID,姓名\nu1,张三\n');
  });
});
