import type { FastifyRequest } from 'fastify';
import { acceptedSecrets, type AppCredentials } from '#src/domain/app.js';
import { DomainError } from '#src/domain/errors.js';
import type { AccessService } from '#src/app/access.service.js';
import { constantEquals } from '../http/constant-equals.js';
import type { NonceStore } from '../http/nonce-store.js';
import type { RateLimiter } from '../http/rate-limiter.js';
import {
  caEchoedStringToSign,
  caSign,
  caSignatureMethod,
  caStringToSign,
  contentMd5,
  isFormContentType,
  serverSignedHeaderNames,
  type CaSignInput,
} from './ca-signature.js';

export interface CaVerifyDeps {
  access: AccessService;
  nonces: NonceStore;
  rateLimiter: RateLimiter;
  now: () => number;
  windowMs: number;
}

const header = (req: FastifyRequest, name: string): string | undefined => {
  const v = req.headers[name];
  return Array.isArray(v) ? v[0] : v;
};

/** The request as the signature sees it: path, decoded query and (for a form body) form parameters. */
function signInput(req: FastifyRequest, rawBody: Buffer | undefined): CaSignInput {
  const queryAt = req.url.indexOf('?');
  const path = queryAt < 0 ? req.url : req.url.slice(0, queryAt);
  const query = queryAt < 0 ? {} : Object.fromEntries(new URLSearchParams(req.url.slice(queryAt + 1)));
  const form = isFormContentType(header(req, 'content-type') ?? '') && rawBody
    ? Object.fromEntries(new URLSearchParams(rawBody.toString('utf8')))
    : undefined;
  return { method: req.method, path, headers: req.headers, query, form };
}

/**
 * A JSON (or any non-form) body is signed only through Content-MD5, so such a body must carry one
 * and it must match; a form body is signed through its parameters instead. A missing Content-MD5
 * answers `Invalid Content-MD5` too: the gateway documents no message of its own for it.
 */
function checkContentMd5(req: FastifyRequest, rawBody: Buffer | undefined): void {
  const md5 = header(req, 'content-md5');
  const hasBody = rawBody !== undefined && rawBody.length > 0;
  if (md5 === undefined) {
    if (hasBody && !isFormContentType(header(req, 'content-type') ?? '')) {
      throw new DomainError('auth.invalid_content_md5', { rule: 'Content-MD5 is required for a non-form body' });
    }
    return;
  }
  if (!constantEquals(md5, contentMd5(rawBody ?? Buffer.alloc(0)))) throw new DomainError('auth.invalid_content_md5');
}

/**
 * The API gateway's checks, in the gateway's order: signature present → key, timestamp and nonce
 * present → timestamp → app → signature (always over the timestamp and nonce) → Content-MD5 → nonce →
 * rate limit. The nonce is remembered only once the signature holds, so a forger cannot burn another
 * app's nonces or budget; and it is checked before the budget is spent, so replaying a captured
 * request cannot use up its owner's rate limit. Returns the authenticated app.
 */
export async function verifyCaSignature(req: FastifyRequest, rawBody: Buffer | undefined, deps: CaVerifyDeps): Promise<AppCredentials> {
  const signature = header(req, 'x-ca-signature');
  if (!signature) throw new DomainError('auth.missing_signature');
  const appKey = header(req, 'x-ca-key');
  const timestamp = header(req, 'x-ca-timestamp');
  if (!appKey || !timestamp) throw new DomainError('auth.missing_credentials');
  const nonce = header(req, 'x-ca-nonce');
  if (!nonce || nonce.length > 100) throw new DomainError('auth.missing_credentials', { rule: 'X-Ca-Nonce missing' });
  if (!/^[0-9]{1,16}$/.test(timestamp)) throw new DomainError('auth.invalid_timestamp');
  const now = deps.now();
  if (Math.abs(now - Number(timestamp)) > deps.windowMs) throw new DomainError('auth.timestamp_expired');

  const app = await deps.access.credentials(appKey);
  if (!app) throw new DomainError('auth.invalid_app');
  const method = caSignatureMethod(header(req, 'x-ca-signature-method'));
  if (!method) throw new DomainError('auth.invalid_signature', { rule: 'unsupported X-Ca-Signature-Method' });

  const input = signInput(req, rawBody);
  const signedNames = serverSignedHeaderNames(header(req, 'x-ca-signature-headers'));
  const stringToSign = caStringToSign(input, signedNames);
  // During a rotation's overlap window the previous secret signs too (admin API rotate-secret).
  if (!acceptedSecrets(app, now).some((secret) => constantEquals(caSign(secret, stringToSign, method), signature))) {
    throw new DomainError('auth.invalid_signature', { stringToSign: caEchoedStringToSign(input, signedNames) });
  }
  checkContentMd5(req, rawBody);
  if (!(await deps.nonces.remember(app.appKey, nonce, { now, timestamp: Number(timestamp) }))) {
    throw new DomainError('auth.nonce_used');
  }
  if (!deps.rateLimiter.take(app.appKey, app.rateLimit)) throw new DomainError('auth.rate_limited');
  return app;
}
