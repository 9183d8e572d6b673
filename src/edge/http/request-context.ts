import type { FastifyRequest } from 'fastify';
import type { ErrorCode } from '#src/domain/errors.js';

/**
 * What a dialect edge learned about a request, for the access log line and the metrics: which
 * dialect and endpoint, the authenticated app and its company, and the business outcome. Only
 * identifiers and codes — never parameters, bodies, secrets or personal data.
 */
export interface RequestContext {
  dialect?: 'iot' | 'benefits';
  /** The route path (never the raw URL: no query string, no client-chosen label values). */
  endpoint?: string;
  appKey?: string;
  companyId?: string;
  /** The code the client saw in the envelope (IoT 200/460/…, benefits 0/1000…); for a gateway error, its HTTP status. */
  businessCode?: number;
  /** The catalogue code of an error answer (`auth.invalid_signature`, `request.invalid_params`, …). */
  error?: ErrorCode;
}

declare module 'fastify' {
  interface FastifyRequest {
    rosterContext: RequestContext | null;
  }
}

/** The request's context, created on first use. */
export function contextOf(req: FastifyRequest): RequestContext {
  return (req.rosterContext ??= {});
}

/** Starts a dialect request's context: every answer of it will be logged and counted under these. */
export function beginDialectRequest(req: FastifyRequest, dialect: RequestContext['dialect'], endpoint: string): RequestContext {
  const ctx = contextOf(req);
  ctx.dialect = dialect;
  ctx.endpoint = endpoint;
  return ctx;
}

/** Records the authenticated app (and its company, for an app hosted by one). */
export function noteApp(ctx: RequestContext, app: { appKey: string; companyId: string | null }): void {
  ctx.appKey = app.appKey;
  if (app.companyId) ctx.companyId = app.companyId;
}
