import { createServer, type Server } from 'node:http';
import type { FastifyInstance } from 'fastify';
import type { Config } from '#src/config/schema.js';
import type { Metrics } from './metrics.js';

export const METRICS_PATH = '/metrics';

declare module 'fastify' {
  interface FastifyInstance {
    /** The separate metrics listener when ROSTER_METRICS_PORT is set (its address, once listening). */
    metricsServer: Server | null;
  }
}

/**
 * `GET /metrics` in the Prometheus text format: on the service's port by default, on a port of its
 * own with ROSTER_METRICS_PORT (bound to ROSTER_METRICS_HOST, loopback by default, so the public
 * side never shows it), or not at all with ROSTER_METRICS=off. Unsigned, like /healthz; it holds
 * counts by endpoint and code, never app keys or tenants.
 */
export function registerMetricsEndpoint(
  server: FastifyInstance,
  metrics: Metrics,
  config: Pick<Config, 'metrics' | 'metricsPort' | 'metricsHost'>,
): void {
  server.decorate('metricsServer', null);
  if (config.metrics === 'off') return;
  if (config.metricsPort === undefined) {
    server.get(METRICS_PATH, async function metricsEndpoint(_req, reply) {
      const { contentType, body } = await metrics.render();
      return reply.type(contentType).send(body);
    });
    return;
  }
  const listener = createServer((req, res) => {
    if (req.method !== 'GET' || req.url?.split('?')[0] !== METRICS_PATH) {
      res.writeHead(404).end();
      return;
    }
    metrics.render().then(
      ({ contentType, body }) => res.writeHead(200, { 'content-type': contentType }).end(body),
      () => res.writeHead(500).end(),
    );
  });
  server.metricsServer = listener;
  server.addHook('onListen', async () => {
    await new Promise<void>((resolve, reject) => {
      listener.once('error', reject);
      listener.listen(config.metricsPort, config.metricsHost, () => resolve());
    });
  });
  server.addHook('onClose', async () => {
    if (listener.listening) await new Promise<void>((resolve) => listener.close(() => resolve()));
  });
}
