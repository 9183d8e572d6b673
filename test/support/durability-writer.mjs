// Child process for the durability test: creates companies one by one through Roster's real code
// and prints each id only after its transaction committed ("acknowledged"). The parent kills it -9.
import { buildContainer } from '../../dist/container.js';
import { loadConfig } from '../../dist/config/load.js';

const c = await buildContainer(loadConfig({}, { dataDir: process.argv[2], logLevel: 'silent' }));
for (let i = 0; ; i++) {
  const company = await c.directory.createCompany({ name: `c${i}`, main: { phone: '13800138000', name: 'm' } });
  process.stdout.write(company.companyId + '\n');
}
