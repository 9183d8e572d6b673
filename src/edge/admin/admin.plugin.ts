import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { AdminServices } from '#src/app/admin/admin.services.js';
import type { OperatorToken } from '#src/domain/admin-ports.js';
import { runRecording, type PendingChange } from '#src/app/audit-trail.js';
import { DomainError } from '#src/domain/errors.js';
import { describeChange, namesItsObject } from './audit-step.js';
import { authenticateCaller } from './bearer-auth.js';
import { adminErrorBody } from './error-map.js';
import { buildOpenApiDocument } from './openapi.js';
import { decodeJsonBody, parsePart } from './request-inputs.js';
import type { AdminRoute, FileAnswer } from './route.js';
import { ADMIN_ROUTES } from './routes.js';

/** Where the admin API lives; every route path below is relative to it. */
export const ADMIN_PREFIX = '/admin/v1';

const JSON_UTF8 = 'application/json; charset=utf-8';

/** The caller of a public route: scoped to no company, so it reaches nothing by accident. */
const ANONYMOUS: OperatorToken = { tokenId: 'anonymous', name: 'anonymous', companyId: '\u0000none', createdAt: 0, lastUsedAt: null, revokedAt: null };

/** What the admin API needs from the container. */
export interface AdminApiDeps {
  admin: AdminServices;
}

export function sendAdminError(reply: FastifyReply, error: DomainError): FastifyReply {
  const { status, body } = adminErrorBody(error.code, error.details);
  return reply.code(status).type(JSON_UTF8).send(JSON.stringify(body));
}

/** `/companies/{companyId}` → `/companies/:companyId`. */
const fastifyPath = (path: string) => path.replace(/\{(\w+)\}/g, ':$1');

/** One route's steps: authenticate → check access → validate inputs → service → audit → check and strip the answer. */
function handlerOf(route: AdminRoute, deps: AdminApiDeps) {
  return async function adminEndpoint(req: FastifyRequest, reply: FastifyReply) {
    const caller = route.access === 'public' ? ANONYMOUS : await authenticateCaller(req, deps.admin);
    if (route.access === 'installation' && caller.companyId !== null) {
      throw new DomainError('auth.forbidden', { rule: 'needs an installation token' });
    }
    const params = parsePart(route.params, req.params, 'path');
    const query = parsePart(route.query, req.query ?? {}, 'query');
    const body = route.body ? parsePart(route.body, decodeJsonBody(req.body as Buffer | undefined, req.headers['content-type']) ?? {}, 'body') : undefined;
    const changes = route.method !== 'GET' && route.access !== 'public';
    const describe = (result: unknown) => describeChange(route, params as Record<string, unknown> | undefined, body as Record<string, unknown> | undefined, result);
    const inTransaction = (result: unknown) => {
      const change = describe(result);
      return namesItsObject(route, change) ? change : null;
    };
    const pending: PendingChange = { actor: deps.admin.audit.actorOf(caller), describe: inTransaction, recorded: !changes };
    // A change's event is written by the first transaction the route's service runs, so it commits
    // (or rolls back) with the change; a change made without a transaction is recorded right after.
    const result = await runRecording(pending, () => route.handle({ params, query, body, caller, services: deps.admin, ...(route.withRequest || route.rawBody ? { req } : {}) }));
    if (!pending.recorded) await deps.admin.audit.record(caller, describe(result));
    if (changes) await deps.admin.audit.sweep();
    if (route.download) return sendFile(reply, result as FileAnswer);
    route.respond?.(reply, result, req);
    if (route.status === 302) return reply.code(302).header('location', (result as { location: string }).location).send();
    if (route.status === 204 || !route.response) return reply.code(204).send();
    // Parsing the answer strips every field the schema does not declare, so nothing leaks by accident.
    const shown = route.response.parse(result);
    return reply.code(route.status).type(JSON_UTF8).send(JSON.stringify(shown));
  };
}

/** A file answer, streamed (Fastify pipes it and honours backpressure); RFC 6266 names for non-ASCII. */
function sendFile(reply: FastifyReply, file: FileAnswer): FastifyReply {
  const ascii = file.fileName.replace(/[^\x20-\x7e]|["\\]/g, '_');
  return reply
    .code(200)
    .header('content-type', file.contentType)
    .header('content-disposition', `attachment; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(file.fileName)}`)
    .header('cache-control', 'no-store')
    .send(file.stream);
}

/** The raw-body routes' own context: their media types reach the handler as the unread request stream. */
function registerRawBodyRoutes(admin: FastifyInstance, routes: AdminRoute[], deps: AdminApiDeps): void {
  admin.register(async function rawBodyRoutes(scope) {
    const types = [...new Set(routes.flatMap((r) => r.rawBody!.mediaTypes))];
    scope.addContentTypeParser(types, function passStreamThrough(_req, payload, done) {
      done(null, payload);
    });
    for (const route of routes) scope.route({ method: route.method, url: fastifyPath(route.path), handler: handlerOf(route, deps) });
  });
}

/**
 * The admin API under /admin/v1: JSON over HTTP, operator tokens as bearer credentials, one error
 * shape. Registered in its own encapsulated context so its not-found and error handlers answer in
 * that shape without touching the dialects'.
 */
export function registerAdminApi(server: FastifyInstance, deps: AdminApiDeps): void {
  const document = JSON.stringify(buildOpenApiDocument());
  server.register(
    async function adminApi(admin) {
      admin.setNotFoundHandler((_req, reply) => sendAdminError(reply, new DomainError('request.not_found')));
      admin.setErrorHandler((error: FastifyError, req, reply) => {
        if (error instanceof DomainError) return sendAdminError(reply, error);
        if (error.code === 'FST_ERR_CTP_BODY_TOO_LARGE') return sendAdminError(reply, new DomainError('request.too_large'));
        if ((error.statusCode ?? 500) < 500) return sendAdminError(reply, new DomainError('request.malformed'));
        req.log.error({ err: error }, 'admin request failed');
        return sendAdminError(reply, new DomainError('internal'));
      });
      admin.get('/openapi.json', async function openApiDocument(_req, reply) {
        return reply.type(JSON_UTF8).send(document);
      });
      for (const route of ADMIN_ROUTES.filter((r) => !r.rawBody)) {
        admin.route({ method: route.method, url: fastifyPath(route.path), handler: handlerOf(route, deps) });
      }
      registerRawBodyRoutes(admin, ADMIN_ROUTES.filter((r) => r.rawBody), deps);
    },
    { prefix: ADMIN_PREFIX },
  );
}
