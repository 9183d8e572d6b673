import type { FastifyRequest } from 'fastify';
import { acceptedSecrets, type AppCredentials } from '#src/domain/app.js';
import { DomainError } from '#src/domain/errors.js';
import type { AccessService } from '#src/app/access.service.js';
import { constantEquals } from '../http/constant-equals.js';
import type { NonceStore } from '../http/nonce-store.js';
import type { RateLimiter } from '../http/rate-limiter.js';
import { caSign, caSignatureMethod, caStringToSign, contentMd5, parseSignedHeaderNames } from './ca-signature.js';

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

/**
 * The API gateway's checks, in the gateway's order: signature present → timestamp → app → signature
 * → Content-MD5 → rate limit → nonce. The nonce is remembered only once the signature holds, so a
 * forger cannot burn another app's nonces or budget. Returns the authenticated app.
 */
export async function verifyCaSignature(req: FastifyRequest, rawBody: Buffer | undefined, deps: CaVerifyDeps): Promise<AppCredentials> {
  const signature = header(req, 'x-ca-signature');
  if (!signature) throw new DomainError('auth.missing_signature');
  const appKey = header(req, 'x-ca-key');
  const timestamp = header(req, 'x-ca-timestamp');
  if (!appKey || !timestamp) throw new DomainError('auth.missing_credentials');
  if (!/^[0-9]{1,16}$/.test(timestamp)) throw new DomainError('auth.invalid_timestamp');
  const now = deps.now();
  if (Math.abs(now - Number(timestamp)) > deps.windowMs) throw new DomainError('auth.timestamp_expired');

  const app = await deps.access.credentials(appKey);
  if (!app) throw new DomainError('auth.invalid_app');
  const method = caSignatureMethod(header(req, 'x-ca-signature-method'));
  if (!method) throw new DomainError('auth.invalid_signature', { rule: 'unsupported X-Ca-Signature-Method' });

  const queryAt = req.url.indexOf('?');
  const path = queryAt < 0 ? req.url : req.url.slice(0, queryAt);
  const query = queryAt < 0 ? {} : Object.fromEntries(new URLSearchParams(req.url.slice(queryAt + 1)));
  const contentType = header(req, 'content-type') ?? '';
  const form = /^application\/x-www-form-urlencoded/i.test(contentType) && rawBody
    ? Object.fromEntries(new URLSearchParams(rawBody.toString('utf8')))
    : undefined;
  const stringToSign = caStringToSign(
    { method: req.method, path, headers: req.headers, query, form },
    parseSignedHeaderNames(header(req, 'x-ca-signature-headers')),
  );
  // During a rotation's overlap window the previous secret signs too (admin API rotate-secret).
  if (!acceptedSecrets(app, now).some((secret) => constantEquals(caSign(secret, stringToSign, method), signature))) {
    throw new DomainError('auth.invalid_signature', { stringToSign });
  }
  const md5 = header(req, 'content-md5');
  if (md5 !== undefined && !constantEquals(md5, contentMd5(rawBody ?? Buffer.alloc(0)))) {
    throw new DomainError('auth.invalid_content_md5');
  }
  if (!deps.rateLimiter.take(app.appKey, app.rateLimit)) throw new DomainError('auth.rate_limited');
  const nonce = header(req, 'x-ca-nonce');
  if (!nonce || nonce.length > 100) throw new DomainError('auth.missing_credentials', { rule: 'X-Ca-Nonce missing' });
  if (!(await deps.nonces.remember(app.appKey, nonce, now))) throw new DomainError('auth.nonce_used');
  return app;
}
