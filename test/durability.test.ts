import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadConfig } from '../src/config/load.js';
import { buildContainer } from '../src/container.js';

const DIST = new URL('../dist/container.js', import.meta.url);

/** Every write acknowledged before a kill -9 is there after the restart (SQLite default: WAL + NORMAL). */
describe.skipIf(!existsSync(DIST))('durability of acknowledged writes', () => {
  it('keeps every acknowledged company and its main account across kill -9 of the writer', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'roster-kill-'));
    try {
      const child = spawn(process.execPath, [new URL('./support/durability-writer.mjs', import.meta.url).pathname, dataDir], {
        stdio: ['ignore', 'pipe', 'inherit'],
      });
      const acknowledged: string[] = [];
      let buffered = '';
      await new Promise<void>((resolve) => {
        child.stdout.on('data', (chunk: Buffer) => {
          buffered += chunk.toString();
          const lines = buffered.split('\n');
          buffered = lines.pop()!;
          acknowledged.push(...lines);
          if (acknowledged.length >= 200 && child.exitCode === null && !child.killed) child.kill('SIGKILL');
        });
        child.on('exit', () => resolve());
      });
      expect(acknowledged.length).toBeGreaterThanOrEqual(200);

      const c = await buildContainer(loadConfig({}, { dataDir, logLevel: 'silent' }));
      try {
        for (const id of acknowledged) {
          const company = await c.store.repos.tenants.getCompany(id);
          expect(company?.mainEmployeeId, id).toBeTruthy();
          expect(await c.store.repos.employees(id).getById(company!.mainEmployeeId!)).toBeDefined();
        }
      } finally {
        await c.close();
      }
    } finally {
      rmSync(dataDir, { recursive: true, force: true });
    }
  });
});
