import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { BenefitsEmployeeService } from '#src/app/benefits-employee.service.js';
import type { DepartmentService } from '#src/app/department.service.js';
import type { MoreBenefitsDeps } from './more-routes.js';
import { moreBenefitsRoutes } from './more-routes.js';
import { DomainError } from '#src/domain/errors.js';
import { beginDialectRequest, noteApp, type RequestContext } from '../http/request-context.js';
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
  const noteError = (ctx: RequestContext, error: DomainError) => {
    ctx.error = error.code;
    ctx.businessCode = benefitsErrorOf(error.code, error.details).code;
  };
  const serve = (
    path: string,
    work: (params: BenefitsParams, ctx: RequestContext) => Promise<unknown>,
    methods: ReadonlyArray<'GET' | 'POST'> = ['POST'],
  ) => {
    server.route({
      method: [...methods],
      url: path,
      handler: async function benefitsEndpoint(req: FastifyRequest, reply: FastifyReply) {
        const ctx = beginDialectRequest(req, 'benefits', path);
        try {
          const params = decodeBenefitsParams(req.url, req.headers['content-type'], req.body as Buffer | undefined);
          refuseControlCharacters(params);
          const data = await work(params, ctx);
          ctx.businessCode = 0;
          return reply.code(200).type(JSON_UTF8).send(encodeBenefitsOk(data));
        } catch (error) {
          if (error instanceof DomainError) {
            noteError(ctx, error);
            return sendBenefitsError(reply, error);
          }
          // Only the error object: parameters may hold identity numbers and never reach a log.
          req.log.error({ err: error }, 'benefits request failed');
          noteError(ctx, new DomainError('internal'));
          return sendBenefitsError(reply, new DomainError('internal'));
        }
      },
    });
  };

  serve(BENEFITS_PATHS.tokenCreate, async (params, ctx) => {
    const token = await createAccessToken(params, deps);
    ctx.appKey = params.get('appid'); // verified by now: the sign held for this app
    return token;
  });
  const routes = [...employeeRoutes(deps.employees, deps.now), ...departmentRoutes(deps.employees, deps.departments), ...moreBenefitsRoutes(deps)];
  for (const route of routes) {
    serve(
      route.path,
      async (received, ctx) => {
        const params = route.prepare ? await route.prepare(received) : received;
        const app = await verifyAccessToken(params, deps, route.mutating);
        noteApp(ctx, app);
        // A mutating call's sign was spent by verifyAccessToken and stays spent whatever the outcome: a
        // refused call released for another try could be captured and replayed once the refusal's
        // reason is gone (a department added, a phone freed). A client retries with a fresh timestamp.
        return route.handle({ app, params });
      },
      route.methods,
    );
  }
}
