import type { AppCredentials } from '#src/domain/app.js';
import type { Company } from '#src/domain/company.js';
import { buildContainer } from '#src/container.js';
import type { Config } from '#src/config/schema.js';
import { buildServer } from '#src/edge/http/server.js';
import { demoBanner } from './banner.js';

/** Starts the service; on an empty store first creates a demo company and app and prints them once. */
export async function serveCommand(config: Config): Promise<void> {
  const c = await buildContainer(config);
  let demo: [Company, AppCredentials] | undefined;
  if (!(await c.store.repos.tenants.hasAnyCompany())) {
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
  console.log(`Roster listening on ${baseUrl} (${c.engine}: ${c.location})`);
  if (demo) console.log(demoBanner(baseUrl, ...demo));
  const sweep = setInterval(() => {
    c.store.repos.credentials.sweepExpired(Date.now()).catch((err) => server.log.warn({ err }, 'sweep failed'));
    c.store.repos.sessions.sweepExpired(Date.now()).catch((err) => server.log.warn({ err }, 'session sweep failed'));
  }, 60_000);
  sweep.unref();
  const stop = async () => {
    clearInterval(sweep);
    await server.close();
    await c.close();
    process.exit(0);
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}
