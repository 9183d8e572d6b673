import { randomUUID } from 'node:crypto';
import { type DestinationStream } from 'pino';
import Fastify, { LogController, type FastifyError, type FastifyInstance } from 'fastify';
import { CA_WINDOW_MS, type Container } from '#src/container.js';
import { registerAdminApi } from '../admin/admin.plugin.js';
import { registerConsole } from '../console/console.plugin.js';
import { registerBenefitsDialect } from '../benefits/benefits.plugin.js';
import { registerIotDialect } from '../iot/iot.plugin.js';
import { registerAccessLog, trustProxyOption } from './access-log.js';
import { answerClientError } from './client-errors.js';
import { sendEdgeError } from './edge-errors.js';
import { registerHealthRoute } from './health.route.js';
import { createLogging } from './logging.js';
import { registerMetricsEndpoint } from './metrics.route.js';

export interface ServerOptions {
  /** Where log lines go instead of stdout (tests read them). */
  logStream?: DestinationStream;
}

/**
 * The HTTP server: both dialects on one port. Bodies are kept raw (signatures cover bytes, not parsed
 * values); each dialect decodes its own. Logs carry identifiers and codes (access-log.ts), never
 * query strings, bodies or credentials.
 */
export async function buildServer(c: Container, options: ServerOptions = {}): Promise<FastifyInstance> {
  const logging = createLogging(c.config, options.logStream);
  const { requestTimeoutMs, headersTimeoutMs, keepAliveTimeoutMs, idleTimeoutMs } = c.config;
  const server = Fastify({
    bodyLimit: c.config.bodyLimit,
    // Slow clients cannot hold sockets: a request must arrive within its time, an idle connection
    // is closed, and Node checks for stalled requests often enough to enforce short limits.
    requestTimeout: requestTimeoutMs,
    keepAliveTimeout: keepAliveTimeoutMs,
    connectionTimeout: idleTimeoutMs,
    http: {
      headersTimeout: headersTimeoutMs,
      requestTimeout: requestTimeoutMs,
      connectionsCheckingInterval: Math.max(50, Math.min(1_000, Math.floor(headersTimeoutMs / 4))),
    },
    clientErrorHandler: answerClientError,
    genReqId: () => randomUUID().toUpperCase(),
    // One access line per request (access-log.ts) instead of Fastify's two.
    logController: new LogController({ disableRequestLogging: true }),
    logger: logging.options,
    trustProxy: trustProxyOption(c.config.trustProxy),
  });

  server.server.maxConnections = c.config.maxConnections;

  server.addHook('onClose', async function flushLogs() {
    logging.close();
  });

  server.removeAllContentTypeParsers();
  server.addContentTypeParser('*', { parseAs: 'buffer' }, (_req, body, done) => done(null, body));

  server.addHook('onRequest', async function stampRequestId(req, reply) {
    reply.header('x-ca-request-id', req.id);
    reply.header('x-trace-id', req.id.toLowerCase());
  });

  registerAccessLog(server, c.config.metrics === 'off' ? undefined : c.metrics);

  server.setNotFoundHandler((req, reply) => sendEdgeError(req, reply, 'request.not_found'));
  server.setErrorHandler((error: FastifyError, req, reply) => {
    if (error.code === 'FST_ERR_CTP_BODY_TOO_LARGE') return sendEdgeError(req, reply, 'request.too_large');
    if ((error.statusCode ?? 500) < 500) return sendEdgeError(req, reply, 'request.malformed');
    req.log.error({ err: error }, 'unhandled error');
    return sendEdgeError(req, reply, 'internal');
  });

  const caDeps = { access: c.access, nonces: c.nonces, rateLimiter: c.rateLimiter, now: c.now, windowMs: CA_WINDOW_MS };
  registerHealthRoute(server, c.store);
  registerMetricsEndpoint(server, c.metrics, c.config);
  registerIotDialect(server, { ...caDeps, accounts: c.accounts, sessions: c.sessions, identities: c.identities, identityQueries: c.identityQueries });
  registerBenefitsDialect(server, {
    access: c.access,
    tokens: c.tokens,
    rateLimiter: c.rateLimiter,
    now: c.now,
    employees: c.benefitsEmployees,
    departments: c.departments,
    employeesMore: c.benefitsEmployeesMore,
    departmentsMore: c.departmentsMore,
    batches: c.batches,
  });
  // Batches accepted before a restart resume as soon as the server is up; closing waits for the row in progress.
  server.addHook('onReady', async function startBatchWorker() {
    c.batchWorker.start((err) => server.log.error({ err }, 'batch worker'));
    c.admin.importWorker.start((err) => server.log.error({ err }, 'import worker'));
  });
  server.addHook('onClose', async function stopBatchWorker() {
    await c.batchWorker.stop();
    await c.admin.importWorker.stop();
  });
  registerAdminApi(server, c);
  registerConsole(server);
  return server;
}
