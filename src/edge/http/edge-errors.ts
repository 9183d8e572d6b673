import type { FastifyReply, FastifyRequest } from 'fastify';
import { DomainError, type ErrorCode } from '#src/domain/errors.js';
import { encodeBenefitsError } from '../benefits/envelope.js';
import { benefitsErrorOf } from '../benefits/error-map.js';
import { BENEFITS_PATHS } from '../benefits/routes.js';
import { sendBenefitsError } from '../benefits/benefits.plugin.js';
import { IOT_ERRORS } from '../iot/error-map.js';
import { IOT_PATHS } from '../iot/iot.routes.js';
import { sendIotError } from '../iot/iot.plugin.js';

export type EdgeDialect = 'iot' | 'benefits' | 'unknown';

const IOT_PATH_SET: ReadonlySet<string> = new Set(Object.values(IOT_PATHS));
const BENEFITS_PATH_SET: ReadonlySet<string> = new Set(Object.values(BENEFITS_PATHS));

/** Which dialect a request target (path and query) belongs to, when the path or query says so. */
export function dialectOfTarget(target: string): EdgeDialect {
  const path = target.split('?')[0] ?? '';
  if (IOT_PATH_SET.has(path)) return 'iot';
  if (BENEFITS_PATH_SET.has(path) || /[?&](access_token|appid)=/.test(target)) return 'benefits';
  return 'unknown';
}

/** Which dialect a request speaks, judged from what it carries, for errors raised before routing. */
export function dialectOf(req: FastifyRequest): EdgeDialect {
  if (req.headers['x-ca-key'] || req.headers['x-ca-signature']) return 'iot';
  const contentType = String(req.headers['content-type'] ?? '');
  if (/x-www-form-urlencoded/i.test(contentType) || /[?&](access_token|appid)=/.test(req.url)) return 'benefits';
  return 'unknown';
}

/** Answers an error raised before any dialect's handler ran, in the dialect the request speaks. */
export function sendEdgeError(req: FastifyRequest, reply: FastifyReply, code: ErrorCode): FastifyReply {
  // A HEAD answer has no body to carry a dialect's envelope, whose status may be 200: say 404 plainly.
  if (code === 'request.not_found' && req.method === 'HEAD') return reply.code(404).send();
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
 * A complete HTTP/1.1 error response as bytes, for when there is no request object to reply on (the
 * HTTP parser refused the request). It closes the connection: what follows on it cannot be parsed.
 */
export function rawEdgeError(dialect: EdgeDialect, code: ErrorCode): string {
  let status: number;
  let headers = '';
  let body: string;
  if (dialect === 'iot') {
    const mapped = IOT_ERRORS[code];
    if (mapped.kind === 'gateway') {
      status = mapped.http;
      headers = `X-Ca-Error-Message: ${mapped.message}\r\n`;
      body = '';
    } else {
      status = 200;
      body = JSON.stringify({ id: null, code: mapped.code, message: mapped.message, localizedMsg: mapped.zh, data: null });
    }
  } else if (dialect === 'benefits') {
    const { code: number, msg } = benefitsErrorOf(code, {});
    status = 200;
    body = encodeBenefitsError(number, msg);
  } else {
    status = code === 'request.not_found' ? 404 : 400;
    body = JSON.stringify({ code, message: code });
  }
  const reason = status === 200 ? 'OK' : status === 400 ? 'Bad Request' : status === 404 ? 'Not Found' : 'Error';
  const type = body === '' ? '' : 'Content-Type: application/json;charset=UTF-8\r\n';
  return (
    `HTTP/1.1 ${status} ${reason}\r\n${headers}${type}Content-Length: ${Buffer.byteLength(body)}\r\n` +
    `Date: ${new Date().toUTCString()}\r\nConnection: close\r\n\r\n${body}`
  );
}
