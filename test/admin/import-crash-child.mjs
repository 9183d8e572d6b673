// Child process for the import durability test: stores a 200-row import through Roster's real code
// (compiled), then runs it with a worker of 50-row chunks whose third chunk never commits: the chunk's
// transaction stays open, its rows written but uncommitted, while the parent kills this process with
// SIGKILL. It prints one JSON line when it is stuck there. Args: dataDir [databaseUrl].
import { Readable } from 'node:stream';
import { buildContainer } from '../../dist/container.js';
import { loadConfig } from '../../dist/config/load.js';
import { createImportWorker } from '../../dist/app/import/import-worker.js';
import { benefitsImportRowReader } from '../../dist/edge/benefits/import-row-reader.js';
import { benefitsErrorOf } from '../../dist/edge/benefits/error-map.js';

const [dataDir, databaseUrl] = process.argv.slice(2);
const c = await buildContainer(loadConfig({}, { dataDir, databaseUrl: databaseUrl || undefined, logLevel: 'silent' }));
const company = await c.directory.createCompany({ name: 'crash', main: { phone: '13800138000', name: 'main' } });

// Every tenth row has no name (fails); the others add an employee each.
const lines = ['userid,name,mobile'];
for (let i = 1; i <= 200; i++) lines.push(`imp-${i},${i % 10 === 0 ? '' : `员工${i}`},1390000${String(i).padStart(4, '0')}`);
const caller = { tokenId: 'crash-test', name: 'crash test', companyId: null, createdAt: 0, lastUsedAt: null, revokedAt: null };
const job = await c.admin.imports.start(caller, company.companyId, { body: Readable.from([Buffer.from(lines.join('\n'))]), format: 'csv', fileName: 'crash.csv', dryRun: false });

let chunks = 0;
const store = {
  repos: c.store.repos,
  close: () => c.store.close(),
  transaction: (work) =>
    c.store.transaction(async (repos) => {
      const value = await work(repos);
      if (++chunks === 3) {
        process.stdout.write(`${JSON.stringify({ companyId: company.companyId, importId: job.importId })}\n`);
        await new Promise(() => {});
      }
      return value;
    }),
};
const describeFailure = (error) => {
  const { code, msg } = benefitsErrorOf(error.code, error.details);
  return { code, message: msg };
};
createImportWorker({ store, now: Date.now, reader: benefitsImportRowReader, describeFailure, chunkRows: 50 }).start((err) => console.error(err));
