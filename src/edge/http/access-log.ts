import type { FastifyInstance } from 'fastify';
import { refusedStatusOf } from './client-errors.js';

/** nginx's "client closed request": the client went away before its answer was written. */
const CLIENT_CLOSED = 499;

/**
 * One access line per request, written when its response closes: method, path (never the query
 * string), status and time. A request whose client went away before the answer was written — the
 * handler may still be running, and a write may still commit — gets its line too, as `aborted` with
 * status 499, or with the status it was refused with (408 for a body that came too slowly), so every
 * write that reached Roster leaves a trace.
 */
export function registerAccessLog(server: FastifyInstance): void {
  server.addHook('onRequest', (req, reply, done) => {
    const socket = req.raw.socket;
    reply.raw.once('close', function accessLog() {
      const path = req.url.split('?')[0];
      const ms = Math.round(reply.elapsedTime * 10) / 10;
      if (reply.raw.writableFinished) {
        req.log.info({ method: req.method, path, status: reply.statusCode, ms }, 'request');
      } else {
        const status = refusedStatusOf(socket) ?? CLIENT_CLOSED;
        req.log.info({ method: req.method, path, status, aborted: true, ms }, 'request aborted');
      }
    });
    done();
  });
}
