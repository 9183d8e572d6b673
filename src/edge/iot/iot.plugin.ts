import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { AccountService } from '#src/app/account.service.js';
import type { SessionService } from '#src/app/session.service.js';
import { DomainError, type ErrorCode } from '#src/domain/errors.js';
import { beginDialectRequest, noteApp, type RequestContext } from '../http/request-context.js';
import { checkIotParams, decodeIotRequest, encodeIotError, encodeIotSuccess } from './envelope.js';
import { IOT_ERRORS } from './error-map.js';
import { iotErrorDetail } from './param-message.js';
import { iotSuccess, iotSuccessSchema } from './response-schemas.js';
import { iotRoutes, type IotRoute } from './iot.routes.js';
import { employeeMoreRoutes } from './employee-more.routes.js';
import { identityRoutes } from './identity.routes.js';
import type { IdentityService } from '#src/app/identity.service.js';
import type { IdentityQueryService } from '#src/app/identity-query.service.js';
import { sessionRoutes } from './session.routes.js';
import { verifyCaSignature, type CaVerifyDeps } from './verify-ca-signature.js';

export interface IotDialectDeps extends CaVerifyDeps {
  accounts: AccountService;
  sessions: SessionService;
  identities: IdentityService;
  identityQueries: IdentityQueryService;
}

/** Every IoT route: the seeds' and the rest of the account family's. */
export function allIotRoutes(deps: Pick<IotDialectDeps, 'accounts' | 'sessions' | 'identities' | 'identityQueries'>): IotRoute[] {
  return [
    ...iotRoutes(deps.accounts, deps.sessions),
    ...sessionRoutes(deps.sessions),
    ...employeeMoreRoutes(deps.identities),
    ...identityRoutes(deps.identityQueries),
  ];
}

/** The apiVers a route serves, as a list. */
export const servedVersions = (route: IotRoute): readonly string[] => (typeof route.apiVer === 'string' ? [route.apiVer] : route.apiVer);

const JSON_UTF8 = 'application/json;charset=UTF-8';

/** Records an error answer's catalogue code and what the client saw: the envelope code, or the gateway's HTTP status. */
function noteIotError(ctx: RequestContext, error: DomainError): void {
  const mapped = IOT_ERRORS[error.code];
  ctx.error = error.code;
  ctx.businessCode = mapped.kind === 'gateway' ? mapped.http : mapped.code;
}

/**
 * Sends a catalogue error the IoT way: a bare gateway status, or an envelope with HTTP 200.
 * `localized` holds an endpoint's own Chinese wording where its seed table differs from the default.
 */
export function sendIotError(
  reply: FastifyReply,
  error: DomainError,
  id: string | null,
  english: boolean,
  localized: Partial<Record<ErrorCode, string>> = {},
): FastifyReply {
  const mapped = IOT_ERRORS[error.code];
  if (mapped.kind === 'gateway') {
    const detail = error.code === 'auth.invalid_signature' && error.details.stringToSign !== undefined
      ? `, Server StringToSign:${error.details.stringToSign.replaceAll('\n', '#')}`
      : '';
    // Header values must be Latin-1 without control characters; the string-to-sign may hold neither.
    const message = (mapped.message + detail).replace(/[^\x20-\x7e]/g, '?');
    return reply.code(mapped.http).header('x-ca-error-message', message).send();
  }
  const detail = iotErrorDetail(error);
  const en = mapped.message + (detail?.en ?? '');
  const zh = (localized[error.code] ?? mapped.zh) + (detail?.zh ?? '');
  return reply.code(200).type(JSON_UTF8).send(encodeIotError(id, mapped.code, en, english ? en : zh));
}

/** The IoT account dialect: signed JSON envelopes over POST. */
export function registerIotDialect(server: FastifyInstance, deps: IotDialectDeps): void {
  for (const route of allIotRoutes(deps)) {
    const served = servedVersions(route);
    // With a data schema the success answer is an object Fastify writes through the compiled serializer;
    // every other answer (and every error) is a string, which Fastify sends as it is.
    const schema = route.dataSchema ? { response: { 200: iotSuccessSchema(route.dataSchema) } } : undefined;
    const success = route.dataSchema ? iotSuccess : encodeIotSuccess;
    server.post(route.path, { schema }, async function iotEndpoint(req: FastifyRequest, reply: FastifyReply) {
      let id: string | null = null;
      let english = false;
      const ctx = beginDialectRequest(req, 'iot', route.path);
      try {
        const raw = req.body as Buffer | undefined;
        const app = await verifyCaSignature(req, raw, deps);
        noteApp(ctx, app);
        const envelope = decodeIotRequest(raw, req.headers['accept-language']);
        id = envelope.id;
        english = envelope.english;
        if (!served.includes(envelope.apiVer)) throw new DomainError('request.unsupported_version', { param: 'apiVer', rule: `serves ${served.join(', ')}` });
        const request = checkIotParams(envelope);
        // A shared app names the company it acts on in the params; logged only if it looks like a company id.
        const named = request.params.companyId;
        if (!ctx.companyId && typeof named === 'string' && /^[0-9A-Fa-f]{32}$/.test(named)) ctx.companyId = named;
        const data = await route.handle(app, request);
        ctx.businessCode = 200;
        return reply.code(200).type(JSON_UTF8).send(success(id, data));
      } catch (error) {
        if (error instanceof DomainError) {
          noteIotError(ctx, error);
          // The caller sees 20004 / 20056 only; the operator needs the OA's own words (never secrets).
          if (error.code === 'oa.upstream_error' || error.code === 'oa.upstream_timeout') req.log.warn({ code: error.code, detail: error.details.rule }, 'OA connector failed');
          return sendIotError(reply, error, id, english, route.localized);
        }
        req.log.error({ err: error }, 'iot request failed');
        noteIotError(ctx, new DomainError('internal'));
        return sendIotError(reply, new DomainError('internal'), id, english);
      }
    });
  }
}
