import type { FastifyRequest } from 'fastify';
import type { OperatorTokenService } from '#src/app/admin/operator-token.service.js';
import type { OperatorToken } from '#src/domain/admin-ports.js';
import { DomainError } from '#src/domain/errors.js';

/** `Authorization: Bearer <token>` → the live operator token; 401 auth.missing_credentials / auth.invalid_token. */
export async function authenticateOperator(req: FastifyRequest, tokens: OperatorTokenService): Promise<OperatorToken> {
  const header = req.headers.authorization;
  const match = header ? /^Bearer\s+(\S+)\s*$/i.exec(header) : null;
  if (!match) throw new DomainError('auth.missing_credentials');
  const token = await tokens.authenticate(match[1]!);
  if (!token) throw new DomainError('auth.invalid_token');
  return token;
}
