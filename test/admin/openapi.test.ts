import { readFileSync } from 'node:fs';
import { Validator } from '@seriousme/openapi-schema-validator';
import { describe, expect, it } from 'vitest';
import { buildOpenApiDocument } from '../../src/edge/admin/openapi.js';
import { ADMIN_ROUTES } from '../../src/edge/admin/routes.js';
import { testDatabases } from '../support/databases.js';
import { useRoster } from '../support/roster.js';

const committed = JSON.parse(readFileSync(new URL('../../docs/openapi.json', import.meta.url), 'utf8'));

describe('admin OpenAPI document', () => {
  it('is the committed docs/openapi.json (run `npm run docs` after changing a route schema)', () => {
    expect(buildOpenApiDocument()).toEqual(committed);
  });

  it('is a valid OpenAPI 3.1 document (checked by a real OpenAPI validator)', async () => {
    const validator = new Validator();
    const result = await validator.validate(structuredClone(committed));
    expect(result.errors ?? []).toEqual([]);
    expect(result.valid).toBe(true);
    expect(validator.version).toBe('3.1');
    // The validator is not a rubber stamp: a response without its description is refused.
    const broken = structuredClone(committed);
    delete broken.paths['/companies'].get.responses['200'].description;
    expect((await new Validator().validate(broken)).valid).toBe(false);
  });

  it('describes every route with its operationId, success status and error codes', () => {
    for (const route of ADMIN_ROUTES) {
      const op = committed.paths[route.path][route.method.toLowerCase()];
      expect(op.operationId).toBe(route.operationId);
      expect(op.responses[String(route.status)]).toBeDefined();
      if (route.access === 'public') expect(op.security).toEqual([]);
      else expect(op.responses['401'].description).toContain('auth.invalid_token');
      for (const code of route.errors) expect(JSON.stringify(op.responses)).toContain(`\`${code}\``);
    }
  });
});

const [sqlite] = testDatabases();
describe('GET /admin/v1/openapi.json', () => {
  const ctx = useRoster(sqlite!);
  it('serves the committed document without a token', async () => {
    const res = await fetch(`${ctx().baseUrl}/admin/v1/openapi.json`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toContain('application/json');
    expect(await res.json()).toEqual(committed);
  });
});
