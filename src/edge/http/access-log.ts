import type { FastifyInstance } from 'fastify';
import { refusedStatusOf } from './client-errors.js';
import type { Metrics } from './metrics.js';

/** nginx's "client closed request": the client went away before its answer was written. */
const CLIENT_CLOSED = 499;

/**
 * One access line per request, and its count in the metrics, written when its response closes, from
 * what the dialect edge put on the request context: request id (`reqId`), method, path (no query
 * string), HTTP status, business code, catalogue error, dialect, endpoint, app key, company, client
 * address (`X-Forwarded-For` only from a trusted proxy, ROSTER_TRUST_PROXY) and duration. Never
 * parameters, bodies, signatures, tokens or personal data. A request whose client went away before
 * the answer was written — the handler may still be running, and a write may still commit — gets its
 * line too, as `request aborted` with status 499, or with the status it was refused with (408 for a
 * body that came too slowly), so every write that reached Roster leaves a trace.
 */
export function registerAccessLog(server: FastifyInstance, metrics: Metrics | undefined): void {
  server.decorateRequest('rosterContext', null);
  server.addHook('onRequest', (req, reply, done) => {
    const socket = req.raw.socket;
    reply.raw.once('close', function accessLog() {
      const ctx = req.rosterContext ?? {};
      const aborted = !reply.raw.writableFinished;
      const status = aborted ? (refusedStatusOf(socket) ?? CLIENT_CLOSED) : reply.statusCode;
      const dialect = ctx.dialect ?? 'http';
      // Unmatched paths share one label: label values must not be chosen by clients.
      const endpoint = ctx.endpoint ?? (req.is404 ? 'unmatched' : (req.routeOptions.url ?? 'unmatched'));
      const code = ctx.businessCode ?? status;
      metrics?.observe({ dialect, endpoint, code, seconds: reply.elapsedTime / 1000, error: ctx.error });
      // Built key by key in the line's order (no spreads, no split): this runs once per request.
      const queryAt = req.url.indexOf('?');
      const line: Record<string, unknown> = { method: req.method, path: queryAt < 0 ? req.url : req.url.slice(0, queryAt), status };
      if (aborted) line.aborted = true;
      line.code = code;
      if (ctx.error) line.error = ctx.error;
      line.dialect = dialect;
      line.endpoint = endpoint;
      if (ctx.appKey) line.app = ctx.appKey;
      if (ctx.companyId) line.company = ctx.companyId;
      line.ip = req.ip;
      line.ms = Math.round(reply.elapsedTime * 10) / 10;
      req.log.info(line, aborted ? 'request aborted' : 'request');
    });
    done();
  });
}

/**
 * Fastify's `trustProxy` from ROSTER_TRUST_PROXY: a number trusts that many hops from Roster
 * (`X-Forwarded-For` is read right to left), a string names the trusted proxies' addresses/CIDRs.
 */
export function trustProxyOption(value: boolean | number | string): boolean | string | ((address: string, hop: number) => boolean) {
  if (typeof value !== 'number') return value;
  return (_address, hop) => hop < value;
}
