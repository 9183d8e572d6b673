import type { FastifyInstance } from 'fastify';
import type { Store } from '#src/domain/ports.js';

export const HEALTH_PATH = '/healthz';

/**
 * Liveness and readiness for load balancers and orchestrators: 200 when the store answers a read,
 * 503 when it does not. Unsigned on purpose, and it says nothing about tenants or data.
 */
export function registerHealthRoute(server: FastifyInstance, store: Store): void {
  server.get(HEALTH_PATH, async function health(req, reply) {
    try {
      await store.repos.tenants.hasAnyCompany();
      return reply.code(200).send({ status: 'ok' });
    } catch (err) {
      req.log.error({ err }, 'health check: store unavailable');
      return reply.code(503).send({ status: 'unavailable' });
    }
  });
}
