import { randomUUID } from 'node:crypto';
import { pino } from 'pino';
import Fastify, { LogController, type FastifyError, type FastifyInstance, type FastifyReply, type FastifyRequest } from 'fastify';
import { CA_WINDOW_MS, type Container } from '#src/container.js';
import { DomainError, type ErrorCode } from '#src/domain/errors.js';
import { registerAdminApi } from '../admin/admin.plugin.js';
import { registerBenefitsDialect, sendBenefitsError } from '../benefits/benefits.plugin.js';
import { registerIotDialect, sendIotError } from '../iot/iot.plugin.js';
import { registerHealthRoute } from './health.route.js';

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
 * values); each dialect decodes its own. Logs carry method, path and status, never query strings,
 * bodies or credentials.
 */
export async function buildServer(c: Container): Promise<FastifyInstance> {
  // Buffered, asynchronous log writes: a synchronous write per access line cost a quarter of the
  // signed get's throughput. Up to 4 KiB of the newest lines can be lost if the process is killed;
  // a clean stop flushes them (onClose below).
  const logStream = c.config.logLevel === 'silent' ? undefined : pino.destination({ dest: 1, sync: false, minLength: 4096 });
  const server = Fastify({
    bodyLimit: c.config.bodyLimit,
    genReqId: () => randomUUID().toUpperCase(),
    // One access line per request (below) instead of Fastify's two.
    logController: new LogController({ disableRequestLogging: true }),
    logger:
      c.config.logLevel === 'silent'
        ? false
        : {
            level: c.config.logLevel,
            stream: logStream,
            serializers: {
              req: (req: { method: string; url: string; id: string }) => ({ id: req.id, method: req.method, path: req.url.split('?')[0] }),
              res: (res: { statusCode: number }) => ({ statusCode: res.statusCode }),
              // Name, message, code and stack only: driver errors carry row data in extra fields
              // (PostgreSQL's `detail` quotes the conflicting phone or email), which must not reach logs.
              err: (err: FastifyError) => ({ type: err.name, message: err.message, code: err.code, stack: err.stack ?? '' }),
            },
          },
  });

  server.addHook('onClose', async function flushLogs() {
    logStream?.flushSync();
  });

  server.removeAllContentTypeParsers();
  server.addContentTypeParser('*', { parseAs: 'buffer' }, (_req, body, done) => done(null, body));

  server.addHook('onRequest', async function stampRequestId(req, reply) {
    reply.header('x-ca-request-id', req.id);
    reply.header('x-trace-id', req.id.toLowerCase());
  });

  server.addHook('onResponse', async function accessLog(req, reply) {
    req.log.info({ method: req.method, path: req.url.split('?')[0], status: reply.statusCode, ms: Math.round(reply.elapsedTime * 10) / 10 }, 'request');
  });

  server.setNotFoundHandler((req, reply) => sendEdgeError(req, reply, 'request.not_found'));
  server.setErrorHandler((error: FastifyError, req, reply) => {
    if (error.code === 'FST_ERR_CTP_BODY_TOO_LARGE') return sendEdgeError(req, reply, 'request.too_large');
    if ((error.statusCode ?? 500) < 500) return sendEdgeError(req, reply, 'request.malformed');
    req.log.error({ err: error }, 'unhandled error');
    return sendEdgeError(req, reply, 'internal');
  });

  const caDeps = { access: c.access, nonces: c.nonces, rateLimiter: c.rateLimiter, now: c.now, windowMs: CA_WINDOW_MS };
  registerHealthRoute(server, c.store);
  registerIotDialect(server, { ...caDeps, accounts: c.accounts });
  registerBenefitsDialect(server, {
    access: c.access,
    tokens: c.tokens,
    rateLimiter: c.rateLimiter,
    now: c.now,
    employees: c.benefitsEmployees,
    departments: c.departments,
  });
  registerAdminApi(server, c);
  return server;
}
