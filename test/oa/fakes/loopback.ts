/**
 * A scripted HTTP server on 127.0.0.1 for an OA provider's fake: real sockets, real JSON, no
 * interception. Each fake routes `METHOD /path` to a handler; `slowMs` and `failWith` let a test make
 * the whole provider slow or broken mid-run.
 */
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface FakeRequest {
  method: string;
  path: string;
  query: URLSearchParams;
  headers: IncomingMessage['headers'];
  /** The parsed JSON or form body (form: an object of strings). */
  body: Record<string, unknown>;
}

export interface FakeAnswer {
  status?: number;
  body: unknown;
}

export type FakeHandler = (req: FakeRequest) => FakeAnswer | Promise<FakeAnswer>;

export interface Loopback {
  url: string;
  /** Every request seen, `METHOD /path` in order. */
  calls: string[];
  /** Answer every request after this delay (ms); 0 = at once. */
  slowMs: number;
  /** Answer every request with this HTTP status and body instead (e.g. 502). */
  failWith: FakeAnswer | undefined;
  close(): Promise<void>;
}

async function readBody(req: IncomingMessage): Promise<Record<string, unknown>> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  const text = Buffer.concat(chunks).toString('utf8');
  if (!text) return {};
  if ((req.headers['content-type'] ?? '').startsWith('application/x-www-form-urlencoded')) return Object.fromEntries(new URLSearchParams(text));
  return JSON.parse(text) as Record<string, unknown>;
}

export async function startLoopback(routes: Record<string, FakeHandler>): Promise<Loopback> {
  const state: Omit<Loopback, 'url' | 'close'> = { calls: [], slowMs: 0, failWith: undefined };
  const server: Server = createServer(async (req, res) => {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    const key = `${req.method} ${url.pathname}`;
    state.calls.push(key);
    let answer: FakeAnswer;
    try {
      const body = await readBody(req);
      if (state.slowMs) await new Promise((r) => setTimeout(r, state.slowMs));
      const handler = routes[key] ?? Object.entries(routes).find(([k]) => k.endsWith('*') && key.startsWith(k.slice(0, -1)))?.[1];
      answer = state.failWith ?? (handler ? await handler({ method: req.method!, path: url.pathname, query: url.searchParams, headers: req.headers, body }) : { status: 404, body: { error: 'no route' } });
    } catch (error) {
      answer = { status: 500, body: { error: String(error) } };
    }
    if (res.destroyed) return;
    res.writeHead(answer.status ?? 200, { 'content-type': 'application/json' });
    res.end(typeof answer.body === 'string' ? answer.body : JSON.stringify(answer.body));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  const loopback = state as Loopback;
  loopback.url = `http://127.0.0.1:${port}`;
  loopback.close = () =>
    new Promise((resolve) => {
      server.closeAllConnections();
      server.close(() => resolve());
    });
  return loopback;
}

let counter = 0;
/** A fresh opaque code, like the providers' (never guessable across tests). */
export const freshCode = (prefix: string) => `${prefix}${Date.now().toString(36)}${(counter++).toString(36)}${Math.random().toString(36).slice(2, 10)}`;
