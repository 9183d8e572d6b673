/** `roster employee import|export` through the SDK, in-process on a local store (a separate process each). */
import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, describe, expect, it } from 'vitest';
import { readFileRows, XLSX_TYPE } from './import-support.js';

const run = promisify(execFile);
const BIN = new URL('../../bin/roster.js', import.meta.url).pathname;
const built = existsSync(new URL('../../dist/main.js', import.meta.url));

describe.skipIf(!built)('roster employee import / export (local store)', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'roster-cli-import-'));
  afterAll(() => rmSync(dataDir, { recursive: true, force: true }));
  const roster = async (...args: string[]) => JSON.parse((await run(process.execPath, [BIN, ...args, '--json'], { env: { PATH: process.env['PATH'] ?? '', ROSTER_DATA_DIR: dataDir } })).stdout);

  it('imports a file (dry run, then for real), exports XLSX and imports it back unchanged', async () => {
    const { companyId } = await roster('company', 'create', '--name', 'CLI Co', '--main-phone', '13800138002');
    const file = join(dataDir, 'people.csv');
    writeFileSync(file, '\uFEFF用户ID,姓名,手机号\nc1,蔡一,13900139011\nc2,,13900139012\n');
    const dry = await roster('employee', 'import', '--company', companyId, '--file', file, '--dry-run');
    expect(dry).toMatchObject({ status: 'done', dryRun: true, total: 2, failed: 1, errors: [{ row: 2, code: 1000220002, message: '参数验证不通过: name is required' }] });
    expect((await roster('employee', 'list', '--company', companyId)).employees).toHaveLength(1);
    expect(await roster('employee', 'import', '--company', companyId, '--file', file)).toMatchObject({ created: 1, failed: 1 });

    const out = join(dataDir, 'staff.xlsx');
    expect(await roster('employee', 'export', '--company', companyId, '--format', 'xlsx', '--lang', 'zh', '--out', out)).toMatchObject({ file: out, format: 'xlsx' });
    const rows = await readFileRows(readFileSync(out), XLSX_TYPE);
    expect(rows.map((r) => r[1])).toEqual(['姓名', expect.any(String), '蔡一']);
    expect(await roster('employee', 'import', '--company', companyId, '--file', out)).toMatchObject({ total: 2, unchanged: 2, created: 0 });
  });
});
