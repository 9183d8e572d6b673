// `node bench/import.js` (after `npm run build`), or `BENCH_ONLY=import-100k npm run bench`: the bulk
// employee import of issue 10 end to end over real HTTP — a 100,000-row CSV with every template column
// a row can carry (userid, name, work number, mobile, email, gender, department, level, categories,
// birthday, entry day, resident ID, remark) uploaded to POST /admin/v1/companies/{id}/employee-imports,
// then polled until done. Reports the upload (spool, header check and row count, sealed store), the
// background apply, and rows/s overall against the target of 2,000 rows/s on SQLite. A dry run of the
// same file and the second import of it (all `unchanged`) are timed too.
//   IMPORT_ROWS (default 100000); DATABASE_URL for PostgreSQL instead of the embedded SQLite file.
import { createReadStream, createWriteStream, rmSync, statSync } from 'node:fs';
import { once } from 'node:events';
import { join } from 'node:path';
import { makeTempDir } from './lib/procs.js';
import { cnMobile, residentId } from './lib/data.js';

const ROWS = Number(process.env.IMPORT_ROWS || 100_000);
const TARGET = 2_000;
const dir = makeTempDir('roster-import-bench-');
const { buildContainer } = await import('../dist/container.js');
const { loadConfig } = await import('../dist/config/load.js');
const { buildServer } = await import('../dist/edge/http/server.js');

async function writeCsv(file) {
  const out = createWriteStream(file);
  const put = async (line) => {
    if (!out.write(`${line}\n`)) await once(out, 'drain');
  };
  await put('\uFEFF用户ID,姓名,工号,手机号,邮箱,性别,部门编号,员工分级,员工分类,生日,入职日,证件类型,证件号码,备注');
  for (let i = 0; i < ROWS; i++) {
    await put([`imp${i}`, `员工${i}`, `W${i}`, cnMobile('139', i), `imp${i}@bench.example`, 1 + (i % 3), 'BENCH', 'S1', '"A组,B组"', '1990-07-05', '2020-01-02', 1, residentId(i), '导入'].join(','));
  }
  out.end();
  await once(out, 'finish');
}

try {
  const c = await buildContainer(loadConfig({}, { dataDir: dir, databaseUrl: process.env.DATABASE_URL, logLevel: 'silent', port: 0, importMaxBytes: 512 * 1024 * 1024 }));
  const company = await c.directory.createCompany({ name: 'import bench', main: { phone: '+8613800000000', name: 'main' } });
  await c.departments.add(company.companyId, { deptCode: 'BENCH', name: '导入部' });
  await c.directory.addSettings(company.companyId, 'levels', ['S1']);
  await c.directory.addSettings(company.companyId, 'categories', ['A组', 'B组']);
  const { token } = await c.admin.tokens.create({ name: 'bench' });
  const server = await buildServer(c);
  await server.listen({ port: 0, host: '127.0.0.1' });
  const base = `http://127.0.0.1:${server.server.address().port}/admin/v1/companies/${company.companyId}/employee-imports`;
  const headers = { authorization: `Bearer ${token}` };
  const file = join(dir, 'people.csv');
  await writeCsv(file);
  console.log(`import bench on ${c.engine}: ${ROWS.toLocaleString('en')} rows, ${(statSync(file).size / 1e6).toFixed(1)} MB CSV`);

  async function run(label, dryRun) {
    const t0 = Date.now();
    const cpu0 = process.cpuUsage();
    const res = await fetch(`${base}?dryRun=${dryRun}`, { method: 'POST', headers: { ...headers, 'content-type': 'text/csv' }, body: createReadStream(file), duplex: 'half' });
    const job0 = await res.json();
    if (res.status !== 202) throw new Error(`upload refused: ${JSON.stringify(job0)}`);
    const uploaded = Date.now();
    let job = job0;
    let lastLog = Date.now();
    while (job.status !== 'done' && job.status !== 'failed') {
      await new Promise((r) => setTimeout(r, 200));
      job = await (await fetch(`${base}/${job0.importId}`, { headers })).json();
      if (process.env.IMPORT_PROGRESS && Date.now() - lastLog > 2000) {
        lastLog = Date.now();
        console.log(`    ${job.processed} rows after ${((lastLog - uploaded) / 1000).toFixed(1)} s`);
      }
    }
    const done = Date.now();
    const cpu = process.cpuUsage(cpu0);
    const cpuS = (cpu.user + cpu.system) / 1e6;
    const s = (ms) => (ms / 1000).toFixed(1);
    const rate = ROWS / ((done - t0) / 1000);
    console.log(
      `  ${label}: upload ${s(uploaded - t0)} s, apply ${s(done - uploaded)} s (${(ROWS / ((done - uploaded) / 1000)).toFixed(0)} rows/s), ` +
        `overall ${rate.toFixed(0)} rows/s ${rate >= TARGET ? 'PASS' : 'MISS'} (target ${TARGET}); ` +
        `CPU ${cpuS.toFixed(1)} s (${(ROWS / cpuS).toFixed(0)} rows per CPU-second: the rate on an idle core); ` +
        `created ${job.created}, updated ${job.updated}, unchanged ${job.unchanged}, failed ${job.failed}; RSS ${(process.memoryUsage().rss / 1e6).toFixed(0)} MB`,
    );
    if (job.failed > 0 || job.status !== 'done') throw new Error(`import did not apply cleanly: ${JSON.stringify(job)}`);
  }

  await run('dry run', true);
  await run('import', false);
  await run('same file again', false);
  await server.close();
  await c.close();
} finally {
  rmSync(dir, { recursive: true, force: true });
}
