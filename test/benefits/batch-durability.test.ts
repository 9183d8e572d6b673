/**
 * Batches are durable jobs: a batch accepted before a kill -9 completes after the restart, and no row
 * is applied or counted twice — the row in flight when the process died included (its transaction
 * never committed). Concurrent batches over the same people, with two workers on one store, settle
 * every row once.
 */
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createBenefitsEmployeeService } from '../../src/app/benefits-employee.service.js';
import { createDepartmentService } from '../../src/app/department.service.js';
import { createBatchWorker } from '../../src/app/jobs/batch-worker.js';
import { loadConfig } from '../../src/config/load.js';
import { buildContainer } from '../../src/container.js';
import { buildServer } from '../../src/edge/http/server.js';
import { freshPostgresDatabase, testDatabases } from '../support/databases.js';
import { useRoster } from '../support/roster.js';
import { awaitBatch } from './support/batches.js';
import { JavaSdkClient } from './support/java-sdk-client.js';
import { sdkJsonObjectCall } from './support/java-sdk-json.js';
import { newEnterprise, uniqueId, uniqueMobile } from './support/world.js';

const DIST = new URL('../../dist/container.js', import.meta.url);
const CHILD = new URL('./support/batch-crash-child.mjs', import.meta.url).pathname;

interface Stuck {
  companyId: string;
  appKey: string;
  batchNumber: string;
  rows: Array<{ userid: string; name?: string }>;
}

/** Runs the child until it is stuck inside a row's transaction, then kills it -9. */
async function crashMidBatch(dataDir: string, databaseUrl: string | undefined): Promise<{ stuck: Stuck; killedAt: number }> {
  const child = spawn(process.execPath, [CHILD, dataDir, databaseUrl ?? ''], { stdio: ['ignore', 'pipe', 'inherit'] });
  let out = '';
  const stuck = await new Promise<Stuck>((resolve, reject) => {
    child.stdout.on('data', (chunk: Buffer) => {
      out += chunk.toString();
      if (out.includes('\n')) resolve(JSON.parse(out.split('\n')[0]!) as Stuck);
    });
    child.on('exit', (code) => reject(new Error(`child exited (${code}) before the batch got stuck`)));
  });
  const killedAt = Date.now();
  const exited = new Promise((resolve) => child.on('exit', resolve));
  child.kill('SIGKILL');
  await exited;
  return { stuck, killedAt };
}

for (const db of testDatabases()) {
  describe.skipIf(!existsSync(DIST))(`batch durability (${db.name})`, () => {
    it('a batch interrupted by kill -9 inside a row completes after the restart, each row applied once', async () => {
      const dataDir = mkdtempSync(join(tmpdir(), 'roster-batch-kill-'));
      const pg = db.databaseUrl ? await freshPostgresDatabase(db.databaseUrl) : undefined;
      try {
        const { stuck, killedAt } = await crashMidBatch(dataDir, pg?.url);
        const c = await buildContainer(loadConfig({}, { dataDir, databaseUrl: pg?.url, logLevel: 'silent', port: 0 }));
        const server = await buildServer(c);
        try {
          const before = await c.store.repos.batches.getBatch(stuck.batchNumber);
          // 20 rows added and 5 failed before the stuck one: committed with their results, nothing of the 21st add.
          expect(before).toMatchObject({ totalCount: 50, successCount: 20, failureCount: 5, finishedAt: null });

          const baseUrl = await server.listen({ port: 0, host: '127.0.0.1' });
          const app = (await c.store.repos.apps.getCredentials(stuck.appKey))!;
          const sdk = new JavaSdkClient(baseUrl, app.appKey, app.appSecret);
          const result = await awaitBatch(sdk, stuck.batchNumber);
          const good = stuck.rows.filter((r) => r.name !== undefined);
          expect(result).toMatchObject({ total_count: 50, success_count: good.length, failure_count: 50 - good.length });
          expect(result.failures!.map((f) => JSON.parse(f.service_data).userid)).toEqual(stuck.rows.filter((r) => r.name === undefined).map((r) => r.userid));

          // Every good row is one employee: the counter (dense creation order) is the main account plus them.
          const company = (await c.store.repos.tenants.getCompany(stuck.companyId))!;
          expect(company.employeeCount).toBe(1 + good.length);
          const employees = c.store.repos.employees(stuck.companyId);
          expect((await employees.pageAfter(0, 100)).length).toBe(1 + good.length);
          for (const [i, row] of good.entries()) {
            const employee = await employees.getByUserid(row.userid);
            expect(employee?.name, row.userid).toBe(row.name);
            // Rows settled before the kill were not applied again after it.
            if (i < 20) expect(employee!.updatedAt, row.userid).toBeLessThan(killedAt);
          }
          // Each applied row has exactly one audit event (it commits with the row): the row in flight
          // at the kill left none, and its second application one.
          const events = await c.store.repos.audit.list({ actorId: stuck.appKey }, undefined, 1000);
          expect(events.map((e) => e.action)).toEqual(good.map(() => 'createEmployee'));
          expect(new Set(events.map((e) => e.objectId)).size).toBe(good.length);
        } finally {
          await server.close();
          await c.close();
        }
      } finally {
        await pg?.drop();
        rmSync(dataDir, { recursive: true, force: true });
      }
    }, 120_000);
  });

  describe(`concurrent batches over the same people (${db.name})`, () => {
    const ctx = useRoster(db);

    it('two batches upserting the same 20 people, applied by two workers at once, settle every row once', async () => {
      const { c, baseUrl } = ctx();
      const ent = await newEnterprise(c, baseUrl);
      const people = Array.from({ length: 20 }, () => ({ userid: uniqueId(), mobile: uniqueMobile() }));
      // A second worker on the same store, as a second server process would run.
      const now = Date.now;
      const second = createBatchWorker({ store: c.store, now, servicesOver: (s) => ({ employees: createBenefitsEmployeeService({ store: s, now }), departments: createDepartmentService({ store: s }) }) });
      second.start();
      try {
        const submit = (name: string) =>
          sdkJsonObjectCall(ent.sdk, '/employee/v2/batchSynchronize', { employee_list: people.map((p) => ({ ...p, name, status: 1 })) });
        const [a, b] = await Promise.all([submit('甲'), submit('乙')]);
        expect([a.body.code, b.body.code]).toEqual([0, 0]);
        const results = await Promise.all([awaitBatch(ent.sdk, a.body.data as string), awaitBatch(ent.sdk, b.body.data as string)]);
        for (const r of results) expect(r).toMatchObject({ total_count: 20, success_count: 20, failure_count: 0, failures: null });
      } finally {
        await second.stop();
      }
      const company = (await c.store.repos.tenants.getCompany(ent.company.companyId))!;
      expect(company.employeeCount).toBe(1 + people.length);
      const names = new Set<string>();
      for (const p of people) {
        const reply = await ent.sdk.call('/employee/get', { userid: p.userid });
        expect(reply.body.data).toMatchObject({ userid: p.userid, mobile: p.mobile });
        names.add((reply.body.data as { name: string }).name);
      }
      expect([...names].every((n) => n === '甲' || n === '乙')).toBe(true);
      // One create and one rename per person in the audit log: a row that lost a creation race and was
      // retried left no event of its failed try.
      const events = await c.store.repos.audit.list({ actorId: ent.app.appKey }, undefined, 1000);
      const count = (action: string) => new Set(events.filter((e) => e.action === action).map((e) => e.objectId)).size;
      expect([events.length, count('createEmployee'), count('updateEmployee')]).toEqual([40, 20, 20]);
    });
  });
}
