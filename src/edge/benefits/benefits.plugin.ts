import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { BenefitsEmployeeService } from '#src/app/benefits-employee.service.js';
import type { DepartmentService } from '#src/app/department.service.js';
import type { MoreBenefitsDeps } from './more-routes.js';
import { moreBenefitsRoutes } from './more-routes.js';
import { DomainError } from '#src/domain/errors.js';
import { departmentRoutes } from './department.routes.js';
import { employeeRoutes } from './employee.routes.js';
import { encodeBenefitsError, encodeBenefitsOk, JSON_UTF8 } from './envelope.js';
import { benefitsErrorOf } from './error-map.js';
import { decodeBenefitsParams, type BenefitsParams } from './form-codec.js';
import { refuseControlCharacters } from './control-characters.js';
import { BENEFITS_PATHS } from './routes.js';
import { createAccessToken } from './token.route.js';
import { verifyAccessToken, type BenefitsAuthDeps } from './verify-benefits-sign.js';

/** What the benefits dialect needs from the container. */
export interface BenefitsDialectDeps extends BenefitsAuthDeps, MoreBenefitsDeps {
  employees: BenefitsEmployeeService;
  departments: DepartmentService;
}

/**
 * Sends a catalogue error the benefits way: HTTP 200 (both SDKs treat any other status as a network
 * failure) and `{code, msg, data: null}`. The lower-case `x-trace-id` the Java SDK puts in its
 * exception is stamped on every reply by the server.
 */
export function sendBenefitsError(reply: FastifyReply, error: DomainError): FastifyReply {
  const { code, msg } = benefitsErrorOf(error.code, error.details);
  return reply.code(200).type(JSON_UTF8).send(encodeBenefitsError(code, msg));
}

/** The benefits open-API dialect: form (or query) parameters signed with the app secret, over POST. */
export function registerBenefitsDialect(server: FastifyInstance, deps: BenefitsDialectDeps): void {
  const serve = (path: string, work: (params: BenefitsParams) => Promise<unknown>, methods: ReadonlyArray<'GET' | 'POST'> = ['POST']) => {
    server.route({ method: [...methods], url: path, handler: async function benefitsEndpoint(req: FastifyRequest, reply: FastifyReply) {
      try {
        const params = decodeBenefitsParams(req.url, req.headers['content-type'], req.body as Buffer | undefined);
        refuseControlCharacters(params);
        const data = await work(params);
        return reply.code(200).type(JSON_UTF8).send(encodeBenefitsOk(data));
      } catch (error) {
        if (error instanceof DomainError) return sendBenefitsError(reply, error);
        // Only the error object: parameters may hold identity numbers and never reach a log.
        req.log.error({ err: error }, 'benefits request failed');
        return sendBenefitsError(reply, new DomainError('internal'));
      }
    } });
  };

  serve(BENEFITS_PATHS.tokenCreate, (params) => createAccessToken(params, deps));
  const routes = [...employeeRoutes(deps.employees, deps.now), ...departmentRoutes(deps.employees, deps.departments), ...moreBenefitsRoutes(deps)];
  for (const route of routes) {
    serve(route.path, async (received) => {
      const params = route.prepare ? await route.prepare(received) : received;
      if (!route.mutating) return route.handle({ app: await verifyAccessToken(params, deps), params });
      const app = await verifyAccessToken(params, deps, true);
      try {
        return await route.handle({ app, params });
      } catch (error) {
        // A business refusal changed nothing, so sending the same call again is no replay. After any
        // other failure the write may have committed: the sign stays spent.
        if (error instanceof DomainError) await deps.tokens.signs.release(app.appKey, params.get('sign')!).catch(() => undefined);
        throw error;
      }
    }, route.methods);
  }
}
