import { existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Fastify from 'fastify';
import { describe, expect, it } from 'vitest';
import { registerConsole } from '../../src/edge/console/console.plugin.js';
import { testDatabases } from '../support/databases.js';
import { useRoster } from '../support/roster.js';
import { CONSOLE_DIST } from './support/browser.js';

const CSP = "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; frame-ancestors 'none'; base-uri 'none'; form-action 'self'";

// Serving does not touch the store: SQLite is enough.
const sqlite = testDatabases()[0]!;

describe('the console is served at /console', () => {
  const ctx = useRoster(sqlite);
  const get = (path: string, init?: RequestInit) => fetch(`${ctx().baseUrl}${path}`, { redirect: 'manual', ...init });

  it('answers index.html at /console and /console/ with no-cache and the strict security headers', async () => {
    expect(existsSync(join(CONSOLE_DIST, 'index.html')), 'console/dist is missing: run npm run build').toBe(true);
    for (const path of ['/console', '/console/']) {
      const res = await get(path);
      expect(res.status).toBe(200);
      expect(res.headers.get('content-type')).toMatch(/^text\/html/);
      expect(res.headers.get('cache-control')).toBe('no-cache');
      expect(res.headers.get('content-security-policy')).toBe(CSP);
      expect(res.headers.get('x-content-type-options')).toBe('nosniff');
      expect(res.headers.get('referrer-policy')).toBe('same-origin');
      expect(await res.text()).toContain('<div id="root">');
    }
  });

  it('serves hashed assets as immutable for a year, and a missing asset is a 404, not the page', async () => {
    const script = readdirSync(join(CONSOLE_DIST, 'assets')).find((f) => f.endsWith('.js'))!;
    const res = await get(`/console/assets/${script}`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/javascript/);
    expect(res.headers.get('cache-control')).toBe('public, max-age=31536000, immutable');
    expect(res.headers.get('content-security-policy')).toBe(CSP);
    const missing = await get('/console/assets/index-deadbeef.js');
    expect(missing.status).toBe(404);
    expect(missing.headers.get('content-type')).toMatch(/^text\/plain/);
  });

  it('answers deep links with index.html so a reload of /console/employees/X works', async () => {
    const res = await get('/console/employees/ABC?x=1');
    expect(res.status).toBe(200);
    expect(res.headers.get('cache-control')).toBe('no-cache');
    expect(await res.text()).toContain('<div id="root">');
  });

  it('redirects / to /console/ and leaves the dialects and the admin API alone', async () => {
    const root = await get('/');
    expect(root.status).toBe(302);
    expect(root.headers.get('location')).toBe('/console/');
    const health = await get('/healthz');
    expect(health.status).toBe(200);
    expect(health.headers.get('content-security-policy')).toBeNull();
    const admin = await get('/admin/v1/nope');
    expect(admin.status).toBe(404);
    expect((await admin.json()).code).toBe('request.not_found');
  });
});

describe('a checkout whose console was never built', () => {
  it('answers 503 with a text that says to run npm run build', async () => {
    const empty = mkdtempSync(join(tmpdir(), 'roster-console-'));
    const server = Fastify();
    try {
      registerConsole(server, { distDir: empty });
      for (const url of ['/console/', '/console/employees']) {
        const res = await server.inject({ method: 'GET', url });
        expect(res.statusCode).toBe(503);
        expect(res.headers['content-type']).toMatch(/^text\/plain/);
        expect(res.body).toContain('npm run build');
        expect(res.headers['content-security-policy']).toBe(CSP);
      }
    } finally {
      await server.close();
      rmSync(empty, { recursive: true, force: true });
    }
  });
});
