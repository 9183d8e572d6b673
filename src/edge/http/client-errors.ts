import type { Socket } from 'node:net';
import type { FastifyBaseLogger } from 'fastify';
import { dialectOfTarget, rawEdgeError } from './edge-errors.js';

/** What Node's HTTP parser hands to 'clientError': the bytes it refused, when there were any. */
interface ClientError extends Error {
  code?: string;
  rawPacket?: unknown;
  /** How far into rawPacket the parser got before it refused. */
  bytesParsed?: number;
}

/** Node's http server keeps the response being written on the socket (pipelined ones queue behind it). */
interface PendingResponse {
  headersSent: boolean;
  req?: { complete: boolean };
  once(event: 'finish' | 'close', listener: () => void): unknown;
}
type HttpSocket = Socket & { _httpMessage?: PendingResponse | null };

/**
 * Sockets already answered, with the status sent: the parser may report more errors for bytes that
 * follow the first one, and the access log reports what a request still in flight was told.
 */
const answered = new WeakMap<Socket, number>();

/** The status written straight to `socket` for a request the parser refused, if any. */
export function refusedStatusOf(socket: Socket | null | undefined): number | undefined {
  return socket ? answered.get(socket) : undefined;
}

/** Gives a peer that never closes its side this long to read the answer before the socket goes. */
const LINGER_MS = 5_000;

const TIMEOUT_RESPONSE = 'HTTP/1.1 408 Request Timeout\r\nContent-Length: 0\r\nConnection: close\r\n\r\n';

/** A request line's method and target; the target may be cut short (a request line over the limit). */
const REQUEST_LINE = /(?:^|\r\n)[!-9;-~]+ (\/\S*)/g;

/**
 * The request target of the refused request: the last request line (`METHOD SP target SP version`)
 * starting before the point the parser stopped. The packet may hold pipelined requests before it.
 */
function targetOf(err: ClientError): string {
  if (!Buffer.isBuffer(err.rawPacket)) return '';
  const text = err.rawPacket.toString('latin1');
  const stop = err.bytesParsed ?? text.length;
  let target = '';
  for (const match of text.matchAll(REQUEST_LINE)) {
    if (target !== '' && match.index > stop) break;
    target = match[1] ?? '';
  }
  return target;
}

/**
 * Runs `then` once the answers to earlier (pipelined) requests on this socket are written, so ours
 * comes last. A pending response whose request never finished arriving belongs to the refused
 * request itself (a body cut short, or too slow): its handler waits for bytes that will not come,
 * so answer now — or, if it already began its answer, just close.
 */
function afterPendingResponses(socket: HttpSocket, then: () => void): void {
  const pending = socket._httpMessage;
  if (!pending) return then();
  if (pending.req && !pending.req.complete) {
    if (pending.headersSent) socket.destroy();
    else then();
    return;
  }
  let done = false;
  const next = () => {
    if (done) return;
    done = true;
    setImmediate(() => afterPendingResponses(socket, then));
  };
  pending.once('finish', next);
  pending.once('close', next);
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
  this.log.debug({ err: { type: err.name, message: err.message, code: err.code } }, 'client error');
  const response = err.code === 'ERR_HTTP_REQUEST_TIMEOUT'
    ? TIMEOUT_RESPONSE
    : rawEdgeError(dialectOfTarget(targetOf(err)), 'request.malformed');
  answered.set(socket, Number(response.slice(9, 12)));
  afterPendingResponses(socket, () => {
    if (socket.writable) socket.end(response);
    setTimeout(() => socket.destroy(), LINGER_MS).unref();
  });
}
