import type { FastifyInstance, FastifyReply } from 'fastify';
import type { AccessService } from '#src/app/access.service.js';
import type { BenefitsEmployeeService } from '#src/app/benefits-employee.service.js';
import type { DepartmentService } from '#src/app/department.service.js';
import type { TokenService } from '#src/app/token.service.js';
import type { DomainError } from '#src/domain/errors.js';
import type { RateLimiter } from '../http/rate-limiter.js';

export interface BenefitsDialectDeps {
  access: AccessService;
  tokens: TokenService;
  rateLimiter: RateLimiter;
  now: () => number;
  employees: BenefitsEmployeeService;
  departments: DepartmentService;
}

// TODO(0.1): placeholder until the benefits dialect lands.
export function sendBenefitsError(reply: FastifyReply, error: DomainError): FastifyReply {
  return reply.code(200).send({ code: 1000310010, msg: error.code, data: null });
}

export function registerBenefitsDialect(_server: FastifyInstance, _deps: BenefitsDialectDeps): void {}
