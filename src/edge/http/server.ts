import { randomUUID } from 'node:crypto';
import Fastify, { LogController, type FastifyError, type FastifyInstance, type FastifyReply, type FastifyRequest } from 'fastify';
import { CA_WINDOW_MS, type Container } from '#src/container.js';
import { DomainError, type ErrorCode } from '#src/domain/errors.js';
import { registerBenefitsDialect, sendBenefitsError } from '../benefits/benefits.plugin.js';
import { registerIotDialect, sendIotError } from '../iot/iot.plugin.js';
import { registerAccessLog, trustProxyOption } from './access-log.js';
import { registerHealthRoute } from './health.route.js';
import { createLogging } from './logging.js';
import { registerMetricsEndpoint } from './metrics.route.js';

/** Which dialect a request speaks, judged from what it carries, for errors raised before routing. */
function dialectOf(req: FastifyRequest): 'iot' | 'benefits' | 'unknown' {
  if (req.headers['x-ca-key'] || req.headers['x-ca-signature']) return 'iot';
  const contentType = String(req.headers['content-type'] ?? '');
  if (/x-www-form-urlencoded/i.test(contentType) || /[?&](access_token|appid)=/.test(req.url)) return 'benefits';
  return 'unknown';
}

function sendEdgeError(req: FastifyRequest, reply: FastifyReply, code: ErrorCode): FastifyReply {
  const error = new DomainError(code);
  switch (dialectOf(req)) {
    case 'iot':
      return sendIotError(reply, error, null, false);
    case 'benefits':
      return sendBenefitsError(reply, error);
    default:
      return reply.code(code === 'request.not_found' ? 404 : 400).send({ code, message: code });
  }
}

/**
 * The HTTP server: both dialects on one port. Bodies are kept raw (signatures cover bytes, not parsed
 * values); each dialect decodes its own. Logs carry identifiers and codes (access-log.ts), never
 * query strings, bodies or credentials.
 */
export async function buildServer(c: Container): Promise<FastifyInstance> {
  const logging = createLogging(c.config);
  const server = Fastify({
    bodyLimit: c.config.bodyLimit,
    genReqId: () => randomUUID().toUpperCase(),
    // One access line per request (access-log.ts) instead of Fastify's two.
    logController: new LogController({ disableRequestLogging: true }),
    logger: logging.options,
    trustProxy: trustProxyOption(c.config.trustProxy),
  });

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
  registerIotDialect(server, { ...caDeps, accounts: c.accounts });
  registerBenefitsDialect(server, {
    access: c.access,
    tokens: c.tokens,
    rateLimiter: c.rateLimiter,
    now: c.now,
    employees: c.benefitsEmployees,
    departments: c.departments,
  });
  return server;
}
