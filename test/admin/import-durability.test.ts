/**
 * Imports are durable jobs: an import interrupted by kill -9 in the middle of a chunk (rows written,
 * not committed) resumes after the restart at the first row that did not commit, and applies no row
 * twice — every employee exists once, every row has one outcome.
 */
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config/load.js';
import { buildContainer } from '../../src/container.js';
import { buildServer } from '../../src/edge/http/server.js';
import { freshPostgresDatabase, testDatabases } from '../support/databases.js';

const DIST = new URL('../../dist/container.js', import.meta.url);
const CHILD = new URL('./import-crash-child.mjs', import.meta.url).pathname;

/** Runs the child until its third chunk hangs uncommitted, then kills it -9. */
async function crashMidImport(dataDir: string, databaseUrl: string | undefined): Promise<{ companyId: string; importId: string }> {
  const child = spawn(process.execPath, [CHILD, dataDir, databaseUrl ?? ''], { stdio: ['ignore', 'pipe', 'inherit'] });
  let out = '';
  const stuck = await new Promise<{ companyId: string; importId: string }>((resolve, reject) => {
    child.stdout.on('data', (chunk: Buffer) => {
      out += chunk.toString();
      if (out.includes('\n')) resolve(JSON.parse(out.split('\n')[0]!));
    });
    child.on('exit', (code) => reject(new Error(`child exited (${code}) before the import got stuck`)));
  });
  const exited = new Promise((resolve) => child.on('exit', resolve));
  child.kill('SIGKILL');
  await exited;
  return stuck;
}

for (const db of testDatabases()) {
  describe.skipIf(!existsSync(DIST))(`import durability (${db.name})`, () => {
    it('an import killed -9 mid-chunk resumes after the restart and applies each row once', async () => {
      const dataDir = mkdtempSync(join(tmpdir(), 'roster-import-kill-'));
      const pg = db.databaseUrl ? await freshPostgresDatabase(db.databaseUrl) : undefined;
      try {
        const { companyId, importId } = await crashMidImport(dataDir, pg?.url);
        const c = await buildContainer(loadConfig({}, { dataDir, databaseUrl: pg?.url, logLevel: 'silent', port: 0 }));
        try {
          // Two chunks of 50 committed before the kill; the third's writes were lost with the process.
          const interrupted = await c.store.repos.imports.getJob(importId);
          expect(interrupted).toMatchObject({ processed: 100, created: 90, failed: 10, finishedAt: null });
          const server = await buildServer(c);
          await server.listen({ port: 0, host: '127.0.0.1' });
          try {
            let job = interrupted!;
            for (let i = 0; i < 400 && job.finishedAt === null; i++) {
              await new Promise((r) => setTimeout(r, 50));
              job = (await c.store.repos.imports.getJob(importId))!;
            }
            expect(job).toMatchObject({ status: 'done', total: 200, processed: 200, created: 180, failed: 20, updated: 0, unchanged: 0 });
            const rows = await c.store.repos.imports.rows(importId, 0, 1000, false);
            expect(rows.map((r) => r.row)).toEqual(Array.from({ length: 200 }, (_, i) => i + 1));
            expect(rows.filter((r) => r.outcome === 'created')).toHaveLength(180);
            const employees = c.store.repos.employees(companyId);
            for (let i = 1; i <= 200; i++) {
              const e = await employees.getByUserid(`imp-${i}`);
              if (i % 10 === 0) expect(e).toBeUndefined();
              else expect(e?.name).toBe(`员工${i}`);
            }
            // 180 imported + the main account: nobody twice (the unique indexes would have refused a
            // second insert, so count creation-order positions too: none was burnt by a lost chunk).
            const company = await c.store.repos.tenants.getCompany(companyId);
            expect(company).toBeDefined();
            const { total } = await employees.employeesAt(0, 1);
            expect(total).toBe(181);
          } finally {
            await server.close();
          }
        } finally {
          await c.close();
        }
      } finally {
        await pg?.drop();
        rmSync(dataDir, { recursive: true, force: true });
      }
    });
  });
}
