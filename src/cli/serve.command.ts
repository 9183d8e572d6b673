import { setFlagsFromString } from 'node:v8';
import type { AppCredentials } from '#src/domain/app.js';
import type { Company } from '#src/domain/company.js';
import { buildContainer } from '#src/container.js';
import type { Config } from '#src/config/schema.js';
import { buildServer } from '#src/edge/http/server.js';
import { demoBanner } from './banner.js';
import { markServing } from './serve-marker.js';
import { rosterVersion } from './version.js';

/**
 * Starts the service. On an empty store, unless `options.demo` is off (`--no-demo`, NODE_ENV=production),
 * it first creates a demo company and app and prints them once — on stderr, straight to the terminal,
 * never through the logger, so the secret stays out of log files and collectors.
 */
export async function serveCommand(config: Config, options: { demo: boolean } = { demo: true }): Promise<void> {
  boundHeapGrowth();
  // Marked before the store is opened, so a `roster restore` cannot slip in between.
  const unmark = config.databaseUrl ? () => {} : markServing(config.dataDir);
  process.once('exit', unmark);
  const c = await buildContainer(config);
  let demo: [Company, AppCredentials] | undefined;
  if (options.demo && !(await c.store.repos.tenants.hasAnyCompany())) {
    const company = await c.directory.createCompany({
      name: 'Demo Company',
      main: { phone: '13800000000', name: 'Demo Admin', email: 'admin@demo.example' },
    });
    const app = await c.directory.createApp({ companyId: company.companyId, name: 'demo', rateLimit: config.defaultRateLimit });
    demo = [company, app];
  }
  const server = await buildServer(c);
  const address = await server.listen({ port: config.port, host: config.host });
  const baseUrl = address.replace('://0.0.0.0', '://127.0.0.1').replace('://[::]', '://127.0.0.1');
  console.log(`Roster ${rosterVersion()} listening on ${baseUrl} (${c.engine}: ${c.location})`);
  console.log(`data directory ${config.dataDir}${config.logFile ? `; logging to ${config.logFile}` : ''}`);
  for (const advice of await c.storeAdvice().catch(() => [])) console.warn(`warning: ${advice}`);
  if (demo) process.stderr.write(demoBanner(baseUrl, ...demo));
  const sweep = setInterval(() => {
    c.store.repos.credentials.sweepExpired(Date.now()).catch((err) => server.log.warn({ err }, 'sweep failed'));
    c.store.repos.sessions.sweepExpired(Date.now()).catch((err) => server.log.warn({ err }, 'session sweep failed'));
    c.admin.audit.sweep().catch((err) => server.log.warn({ err }, 'audit retention sweep failed'));
  }, 60_000);
  sweep.unref();
  let stopping = false;
  // SIGINT from the terminal and SIGTERM from a `--workers` primary can both arrive: stop once.
  const stop = async () => {
    if (stopping) return;
    stopping = true;
    clearInterval(sweep);
    unmark();
    await server.close();
    await c.close();
    process.exit(0);
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}

/**
 * V8 lets the old generation grow up to 4× what survived the last full collection before it collects
 * again: under a thousand sign-ins a second (each holding a fetch to the OA for a few ms) that is
 * 150+ MB of garbage kept, and a peak RSS over 330 MB with 40 MB live. A factor of 2 keeps the peak near
 * 220 MB at the same throughput (`npm run bench`, create-oa). A `--heap-growing-percent` given to node
 * wins.
 */
function boundHeapGrowth(): void {
  if (process.execArgv.some((a) => a.startsWith('--heap-growing-percent'))) return;
  setFlagsFromString('--heap-growing-percent=100');
}
