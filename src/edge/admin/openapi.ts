import { z } from 'zod';
import type { ErrorCode } from '#src/domain/errors.js';
import { ADMIN_ERRORS } from './error-map.js';
import type { AdminRoute } from './route.js';
import { ADMIN_ROUTES } from './routes.js';
import { ErrorBody } from './schemas/common.js';

type JsonSchema = Record<string, unknown>;

/** The API's version in the document; bump on any change a client would notice. */
export const ADMIN_API_VERSION = '1.0.0';

/**
 * Turns zod schemas into OpenAPI 3.1 schema objects (JSON Schema 2020-12). Schemas named with
 * `.meta({id})` become `components.schemas` entries referenced by `$ref`, so the SDK gets one type per
 * named schema; a name used with different request and response shapes gets an `Input` twin.
 */
function createSchemaCollector() {
  const components: Record<string, JsonSchema> = {};
  const rename = (json: string, from: string, to: string) => json.replaceAll(`"#/$defs/${from}"`, `"#/components/schemas/${to}"`);

  function convert(schema: z.ZodType, io: 'input' | 'output'): JsonSchema {
    const raw = z.toJSONSchema(schema, { target: 'draft-2020-12', io, unrepresentable: 'any' }) as JsonSchema;
    const defs = (raw['$defs'] ?? {}) as Record<string, JsonSchema>;
    delete raw['$defs'];
    delete raw['$schema'];
    // Decide every def's component name first, then rewrite the references to them.
    const names = new Map(Object.keys(defs).map((id) => [id, id]));
    const rewrite = (value: JsonSchema): JsonSchema => {
      let text = JSON.stringify(value);
      for (const [id, name] of names) text = rename(text, id, name);
      return JSON.parse(text) as JsonSchema;
    };
    for (const [id, def] of Object.entries(defs)) {
      const taken = components[id];
      if (taken !== undefined && JSON.stringify(taken) !== JSON.stringify(rewrite(def))) names.set(id, `${id}Input`);
    }
    for (const [id, def] of Object.entries(defs)) components[names.get(id)!] = rewrite(def);
    return rewrite(raw);
  }

  return { convert, components };
}

/** Path or query parameters from a `z.object`'s properties. */
function parametersOf(schema: z.ZodType | undefined, where: 'path' | 'query', convert: (s: z.ZodType, io: 'input') => JsonSchema) {
  if (!schema) return [];
  const json = convert(schema, 'input');
  const properties = (json['properties'] ?? {}) as Record<string, JsonSchema>;
  const required = new Set((json['required'] ?? []) as string[]);
  return Object.entries(properties).map(([name, property]) => {
    const { description, ...rest } = property;
    return {
      name,
      in: where,
      required: where === 'path' || required.has(name),
      ...(description ? { description } : {}),
      schema: rest,
    };
  });
}

/** The catalogue codes a route can answer with, grouped by HTTP status. */
function errorResponses(route: AdminRoute): Record<string, unknown> {
  const codes = new Set<ErrorCode>([...(route.access === 'public' ? [] : (['auth.missing_credentials', 'auth.invalid_token'] as const)), ...route.errors, 'internal']);
  if (route.params || route.query || route.body) codes.add('request.invalid_params');
  if (route.rawBody) ['request.invalid_params', 'request.too_large'].forEach((c) => codes.add(c as ErrorCode));
  if (route.body) ['request.malformed', 'request.unsupported_media_type', 'request.too_large'].forEach((c) => codes.add(c as ErrorCode));
  if (route.access === 'installation') codes.add('auth.forbidden');
  const byStatus = new Map<number, ErrorCode[]>();
  for (const code of codes) {
    const status = ADMIN_ERRORS[code].status;
    byStatus.set(status, [...(byStatus.get(status) ?? []), code]);
  }
  const responses: Record<string, unknown> = {};
  for (const [status, list] of [...byStatus].sort((a, b) => a[0] - b[0])) {
    responses[String(status)] = {
      description: list.map((c) => `\`${c}\``).join(', '),
      content: { 'application/json': { schema: { $ref: '#/components/schemas/Error' } } },
    };
  }
  return responses;
}

/** The OpenAPI 3.1 document of the admin API, generated from the route declarations alone. */
export function buildOpenApiDocument(routes: AdminRoute[] = ADMIN_ROUTES): Record<string, unknown> {
  const { convert, components } = createSchemaCollector();
  convert(ErrorBody, 'output');
  const paths: Record<string, Record<string, unknown>> = {};
  for (const route of routes) {
    const binary = { schema: { type: 'string', format: 'binary' } };
    const success = route.download
      ? { description: 'The file.', content: Object.fromEntries(route.download.mediaTypes.map((t) => [t, binary])) }
      : route.status === 302
        ? { description: 'Redirects the browser (Location).', headers: { Location: { schema: { type: 'string' } } } }
        : route.status === 204 || !route.response
          ? { description: 'Done; no content.' }
          : { description: route.status === 202 ? 'Accepted' : 'OK', content: { 'application/json': { schema: convert(route.response, 'output') } } };
    const rawBody = route.rawBody
      ? { requestBody: { required: true, description: route.rawBody.description, content: Object.fromEntries(route.rawBody.mediaTypes.map((t) => [t, binary])) } }
      : {};
    const parameters = [...parametersOf(route.params, 'path', convert), ...parametersOf(route.query, 'query', convert)];
    const operation = {
      operationId: route.operationId,
      ...(route.access === 'public' ? { security: [] } : {}),
      summary: route.summary,
      ...(route.description ? { description: route.description } : {}),
      tags: [route.tag],
      ...(parameters.length ? { parameters } : {}),
      ...(route.body ? { requestBody: { required: true, content: { 'application/json': { schema: convert(route.body, 'input') } } } } : rawBody),
      responses: { [String(route.status)]: success, ...errorResponses(route) },
    };
    (paths[route.path] ??= {})[route.method.toLowerCase()] = operation;
  }
  return {
    openapi: '3.1.0',
    info: {
      title: 'Roster admin API',
      version: ADMIN_API_VERSION,
      description:
        'Manage companies, employees, departments and apps. Authenticate with an operator token (`roster admin token create`) as `Authorization: Bearer <token>`. Errors are `{code, message, details?}` with the catalogue codes of docs/errors.md.',
    },
    servers: [{ url: '/admin/v1' }],
    security: [{ bearerAuth: [] }, { adminSession: [] }],
    paths,
    components: {
      securitySchemes: {
        bearerAuth: { type: 'http', scheme: 'bearer', description: 'An operator token: `rst_` and 64 hex characters.' },
        adminSession: {
          type: 'apiKey',
          in: 'cookie',
          name: 'roster_admin_session',
          description: 'A company admin signed in with POST /session (HTTP-only, SameSite=Strict). Changes also need the X-CSRF-Token header.',
        },
      },
      schemas: Object.fromEntries(Object.entries(components).sort(([a], [b]) => a.localeCompare(b))),
    },
  };
}
