import { describe, expect, it } from 'vitest';
import { useAdmin } from '../../test/admin/support.js';
import { uniqueMobile } from '../../test/benefits/support/world.js';
import { testDatabases } from '../../test/support/databases.js';
import { createRosterAdmin, RosterAdminError } from '../src/index.js';

/** A downloaded file's text. */
async function textOf(stream: ReadableStream<Uint8Array>): Promise<string> {
  return new Response(stream).text();
}

for (const db of testDatabases()) {
  describe(`admin SDK: employee import and export (${db.name})`, () => {
    const ctx = useAdmin(db);
    const sdk = () => createRosterAdmin({ baseUrl: ctx().baseUrl, token: ctx().token });

    it('uploads raw files (bytes or a stream), follows the job, reads rows and downloads results, export and template', async () => {
      const admin = sdk();
      const { companyId } = await admin.companies.create({ name: 'Import Co', main: { phone: uniqueMobile(), name: 'Ada' } });
      const csv = `userid,name,mobile\ns1,Sam,${uniqueMobile()}\ns2,,${uniqueMobile()}\n`;
      const dry = await admin.imports.start(companyId, new TextEncoder().encode(csv), { format: 'csv', dryRun: true, fileName: 'a.csv' });
      expect(dry).toMatchObject({ status: 'queued', dryRun: true, total: 2, fileName: 'a.csv' });
      const progress: number[] = [];
      expect(await admin.imports.wait(companyId, dry.importId, (j) => progress.push(j.processed))).toMatchObject({ status: 'done', created: 1, failed: 1 });
      expect(progress.at(-1)).toBe(2);

      const stream = new Blob([csv]).stream();
      const job = await admin.imports.start(companyId, stream, { format: 'csv' });
      const done = await admin.imports.wait(companyId, job.importId);
      expect(done).toMatchObject({ created: 1, failed: 1 });
      const failed = [];
      for await (const row of admin.imports.rows(companyId, job.importId, true)) failed.push(row);
      expect(failed).toEqual([{ row: 2, outcome: 'failed', employeeId: null, code: 1000220002, message: '参数验证不通过: name is required' }]);
      expect((await admin.imports.list(companyId)).items.map((j) => j.importId)).toEqual([job.importId, dry.importId]);

      const results = await textOf(await admin.imports.results(companyId, job.importId));
      expect(results).toContain('name is required');
      const exported = await textOf(await admin.imports.export(companyId, { format: 'csv', keyword: 'Sam' }));
      expect(exported).toContain('s1,Sam');
      expect(await textOf(await admin.imports.template(companyId, 'csv', 'zh'))).toContain('用户ID');

      const error = await admin.imports.get(companyId, 'F'.repeat(32)).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(RosterAdminError);
      expect(error).toMatchObject({ status: 404, code: 'import.not_found' });
    });
  });
}
