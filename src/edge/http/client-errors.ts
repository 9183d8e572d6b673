import type { Socket } from 'node:net';
import type { FastifyBaseLogger } from 'fastify';
import { dialectOfTarget, rawEdgeError } from './edge-errors.js';

/** What Node's HTTP parser hands to 'clientError': the bytes it refused, when there were any. */
interface ClientError extends Error {
  code?: string;
  rawPacket?: unknown;
}

/** Sockets already answered: the parser may report more errors for bytes that follow the first one. */
const answered = new WeakSet<Socket>();

/** Gives a peer that never closes its side this long to read the answer before the socket goes. */
const LINGER_MS = 5_000;

const TIMEOUT_RESPONSE = 'HTTP/1.1 408 Request Timeout\r\nContent-Length: 0\r\nConnection: close\r\n\r\n';

/** The request target of a raw request, from its request line (`METHOD SP target SP version`). */
function targetOf(rawPacket: unknown): string {
  if (!Buffer.isBuffer(rawPacket)) return '';
  const firstLine = rawPacket.subarray(0, 16_384).toString('latin1').split('\r\n', 1)[0] ?? '';
  return firstLine.split(' ')[1] ?? '';
}

/**
 * Answers a request Node's HTTP parser refused (unknown method, request line or headers over the
 * limit, broken framing) in the dialect its path names — IoT: the gateway's 400 with
 * `X-Ca-Error-Message`; benefits: 200 and `{code,msg,data}` — as a whole response with
 * `Connection: close`, then half-closes so the peer reads it rather than a reset. A request that
 * took too long gets 408. Fastify's `clientErrorHandler`; `this` is the Fastify instance.
 */
export function answerClientError(this: { log: FastifyBaseLogger }, err: ClientError, socket: Socket): void {
  if (err.code === 'ECONNRESET' || socket.destroyed || answered.has(socket)) return;
  answered.add(socket);
  this.log.debug({ err: { type: err.name, message: err.message, code: err.code } }, 'client error');
  if (socket.writable) {
    const response = err.code === 'ERR_HTTP_REQUEST_TIMEOUT'
      ? TIMEOUT_RESPONSE
      : rawEdgeError(dialectOfTarget(targetOf(err.rawPacket)), 'request.malformed');
    socket.end(response);
  }
  setTimeout(() => socket.destroy(), LINGER_MS).unref();
}
