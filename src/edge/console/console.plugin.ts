import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import fastifyStatic from '@fastify/static';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { CONSOLE_HEADERS, IMMUTABLE, REVALIDATE } from './console-headers.js';

/** Where the console is served. */
export const CONSOLE_PREFIX = '/console';

/** `console/dist` of this checkout: src/edge/console and dist/edge/console are both three levels down. */
const DEFAULT_DIST_DIR = fileURLToPath(new URL('../../../console/dist/', import.meta.url));

export interface ConsoleOptions {
  /** The built console (default: `console/dist` of this checkout). */
  distDir?: string;
}

const NOT_BUILT = 'The Roster console is not built: run `npm run build` (or `npm install`) in the Roster folder, then restart.\n';

function setConsoleHeaders(_req: FastifyRequest, reply: FastifyReply, done: () => void): void {
  reply.headers(CONSOLE_HEADERS);
  done();
}

/** index.html for the console's own deep links (the browser-side router reads the path). */
function sendIndex(reply: FastifyReply): FastifyReply {
  return reply.header('cache-control', REVALIDATE).type('text/html; charset=utf-8').sendFile('index.html');
}

/**
 * The web console: the files Vite built into `console/dist`, at /console. Hashed assets are cached
 * for a year (their names change with their content); index.html is revalidated every time, so a new
 * build reaches browsers at once. Every answer carries a strict Content-Security-Policy: the console
 * is same-origin scripts and styles only, and talks to nothing but this server's admin API.
 */
export function registerConsole(server: FastifyInstance, options: ConsoleOptions = {}): void {
  const distDir = options.distDir ?? DEFAULT_DIST_DIR;
  server.get('/', async function rootToConsole(_req, reply) {
    return reply.redirect(`${CONSOLE_PREFIX}/`, 302);
  });
  server.register(
    async function webConsole(app) {
      app.addHook('onRequest', setConsoleHeaders);
      if (!existsSync(`${distDir}/index.html`)) {
        // A checkout that was never built: say what to do instead of a bare 404.
        const notBuilt = async (_req: FastifyRequest, reply: FastifyReply) =>
          reply.code(503).header('cache-control', 'no-store').type('text/plain; charset=utf-8').send(NOT_BUILT);
        app.get('/', notBuilt);
        app.get('/*', notBuilt);
        return;
      }
      await app.register(fastifyStatic, {
        root: distDir,
        prefix: '/',
        index: false,
        cacheControl: false,
        dotfiles: 'deny',
        setHeaders(res, path) {
          res.setHeader('cache-control', /[\\/]assets[\\/]/.test(path) ? IMMUTABLE : REVALIDATE);
        },
      });
      app.get('/', async function consoleIndex(_req, reply) {
        return sendIndex(reply);
      });
      app.setNotFoundHandler(async function consoleDeepLink(req, reply) {
        // A missing asset is a real 404 (a stale page asking for an old hash); any other path is a console route.
        const isPageRoute = (req.method === 'GET' || req.method === 'HEAD') && !/^\/console\/assets\//.test(req.url) && !/\.[a-z0-9]+(\?|$)/i.test(req.url);
        if (!isPageRoute) return reply.code(404).header('cache-control', 'no-store').type('text/plain; charset=utf-8').send('Not found\n');
        return sendIndex(reply);
      });
    },
    { prefix: CONSOLE_PREFIX },
  );
}
