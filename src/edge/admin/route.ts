import type { Readable } from 'node:stream';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { z } from 'zod';
import type { OperatorToken } from '#src/domain/admin-ports.js';
import type { ErrorCode } from '#src/domain/errors.js';
import type { AdminServices } from '#src/app/admin/admin.services.js';

export type HttpMethod = 'GET' | 'POST' | 'PATCH' | 'DELETE';

/**
 * Who may call a route: any operator token or admin session (company-scoped ones are checked per
 * company), installation tokens only, or anyone (the console's sign-in).
 */
export type RouteAccess = 'operator' | 'installation' | 'public';

/** What a handler receives: validated inputs and the caller. */
export interface RouteInput<P, Q, B> {
  params: P;
  query: Q;
  body: B;
  caller: OperatorToken;
  services: AdminServices;
  /** Only for routes declaring `withRequest`. */
  req?: FastifyRequest;
}

/**
 * One admin route, declared once: its schemas validate the request, strip and check the response,
 * and become the OpenAPI operation (and so the SDK's types).
 */
export interface AdminRoute<P extends z.ZodType = z.ZodType, Q extends z.ZodType = z.ZodType, B extends z.ZodType = z.ZodType, R extends z.ZodType = z.ZodType> {
  method: HttpMethod;
  /** OpenAPI-style path below /admin/v1, e.g. `/companies/{companyId}`. */
  path: string;
  operationId: string;
  summary: string;
  description?: string;
  tag: string;
  access: RouteAccess;
  params?: P;
  query?: Q;
  body?: B;
  /** The success status; 204 has no body; 202 accepted for background work; 302 redirects the browser to the `location` the handler returns. */
  status: 200 | 201 | 202 | 204 | 302;
  response?: R;
  /** The catalogue codes this route can answer with besides the common ones (auth, validation). */
  errors: ErrorCode[];
  handle(input: RouteInput<z.output<P>, z.output<Q>, z.output<B>>): Promise<R extends z.ZodType ? z.input<R> : void>;
  /** A step after the service and before the answer, for what goes in headers (the session cookie). */
  respond?(reply: FastifyReply, result: unknown, req: FastifyRequest): void;
  /** The handler needs the raw request (the session cookie); it gets it here. */
  withRequest?: boolean;
  /**
   * The body is a file of one of these media types, handed to the handler unread as `req.body` (a
   * stream: no body limit applies, the handler bounds it). Implies `withRequest`.
   */
  rawBody?: { mediaTypes: string[]; description: string };
  /** The answer is a file (the handler returns a FileAnswer) of one of these media types. */
  download?: { mediaTypes: string[] };
}

/** A file answer: streamed to the client with its type and a download name. */
export interface FileAnswer {
  stream: Readable;
  contentType: string;
  fileName: string;
}

/** Declares a route with its types inferred from its schemas. */
export function defineRoute<P extends z.ZodType, Q extends z.ZodType, B extends z.ZodType, R extends z.ZodType>(
  route: AdminRoute<P, Q, B, R>,
): AdminRoute {
  return route as unknown as AdminRoute;
}
