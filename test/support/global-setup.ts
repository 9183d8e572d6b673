/**
 * Vitest global setup: makes a PostgreSQL server available to the test files as `inject('pgUrl')`.
 *
 * - `ROSTER_TEST_PG_URL` set: that server is used as is (nothing is started or stopped).
 * - otherwise a throw-away PostgreSQL 15 cluster is started for the run and stopped afterwards.
 * - no PostgreSQL available: on CI (`CI=true`) the run fails; locally a warning is printed, `pgUrl` is
 *   `null`, and the Postgres variants of the suites are skipped.
 */
import type { TestProject } from 'vitest/node';
import { startPostgresCluster } from './postgres-cluster.js';

declare module 'vitest' {
  export interface ProvidedContext {
    /** URL of a PostgreSQL database the tests may create databases from; `null` when there is none. */
    pgUrl: string | null;
  }
}

export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const fromEnv = process.env['ROSTER_TEST_PG_URL'];
  if (fromEnv !== undefined && fromEnv !== '') {
    project.provide('pgUrl', fromEnv);
    return async () => {};
  }

  let cluster: Awaited<ReturnType<typeof startPostgresCluster>>;
  try {
    cluster = await startPostgresCluster();
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    if (process.env['CI'] === 'true') {
      throw new Error(`PostgreSQL is required on CI but could not be started: ${reason}`, { cause: error });
    }
    const firstLine = reason.split('\n')[0];
    console.warn(`[roster tests] PostgreSQL unavailable, Postgres suites will be skipped: ${firstLine}`);
    project.provide('pgUrl', null);
    return async () => {};
  }

  project.provide('pgUrl', cluster.url);
  return async () => {
    await cluster.stop();
  };
}
