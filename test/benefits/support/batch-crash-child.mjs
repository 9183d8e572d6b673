// Child process for the batch durability test: stores a 50-row employee batch through Roster's real
// code (compiled), then applies it with a worker whose 21st employee insert never returns: the row's
// transaction stays open, uncommitted, while the parent kills this process with SIGKILL. It prints
// one JSON line when it is stuck there. Args: dataDir [databaseUrl].
import { buildContainer } from '../../../dist/container.js';
import { loadConfig } from '../../../dist/config/load.js';
import { createBenefitsEmployeeService } from '../../../dist/app/benefits-employee.service.js';
import { createDepartmentService } from '../../../dist/app/department.service.js';
import { createBatchWorker } from '../../../dist/app/jobs/batch-worker.js';
import { readBatchRows } from '../../../dist/edge/benefits/batch-rows.js';

const [dataDir, databaseUrl] = process.argv.slice(2);
const HANG_AT = 21;
const c = await buildContainer(loadConfig({}, { dataDir, databaseUrl: databaseUrl || undefined, logLevel: 'silent' }));
const company = await c.directory.createCompany({ name: 'crash', main: { phone: '13800138000', name: 'main' } });
const app = await c.directory.createApp({ companyId: company.companyId, rateLimit: 0 });

// 50 rows: every fifth has no name (fails), the rest add an employee each.
const rows = Array.from({ length: 50 }, (_, i) => ({
  userid: `crash-${i + 1}`,
  ...(i % 5 === 4 ? {} : { name: `员工${i + 1}` }),
  status: 1,
  mobile: `1390000${String(i + 1).padStart(4, '0')}`,
}));
const batchNumber = await c.batches.submit(app, undefined, 'employee_sync', readBatchRows('employee_sync', rows, 'employee_list'), 'employee_list');

let adds = 0;
const servicesOver = (store) => {
  const employees = createBenefitsEmployeeService({ store, now: Date.now });
  const add = async (...args) => {
    const added = await employees.add(...args);
    if (++adds === HANG_AT) {
      process.stdout.write(`${JSON.stringify({ companyId: company.companyId, appKey: app.appKey, batchNumber, rows })}\n`);
      await new Promise(() => {});
    }
    return added;
  };
  return { employees: { ...employees, add }, departments: createDepartmentService({ store }) };
};
createBatchWorker({ store: c.store, now: Date.now, servicesOver }).start((err) => console.error(err));
