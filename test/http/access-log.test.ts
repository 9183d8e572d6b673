import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config/load.js';
import { buildContainer, type Container } from '../../src/container.js';
import { buildServer } from '../../src/edge/http/server.js';
import { openRaw } from './support/raw-socket.js';

interface AccessLine {
  msg: string;
  method: string;
  path: string;
  status: number;
  aborted?: boolean;
}

/** Every request that reached Roster leaves exactly one access line, also when its client left early. */
describe('access log', () => {
  const lines: Array<Record<string, unknown>> = [];
  const accessLines = (path: string) => lines.filter((l) => l['path'] === path && String(l['msg']).startsWith('request')) as unknown as AccessLine[];
  let c: Container;
  let server: FastifyInstance;
  let baseUrl: string;
  let dataDir: string;
  let releaseSlow: () => void = () => {};
  let slowStarted: Promise<void>;
  let slowFinished: Promise<void>;

  beforeAll(async () => {
    dataDir = mkdtempSync(join(tmpdir(), 'roster-log-'));
    c = await buildContainer(loadConfig({}, { dataDir, logLevel: 'info', requestTimeoutMs: 500, headersTimeoutMs: 300 }));
    server = await buildServer(c, { logStream: { write: (line: string) => void lines.push(JSON.parse(line) as Record<string, unknown>) } });
    // Stands in for a write still running when its client goes: it finishes after the client left.
    let started!: () => void;
    let finished!: () => void;
    slowStarted = new Promise((resolve) => (started = resolve));
    slowFinished = new Promise((resolve) => (finished = resolve));
    const gate = new Promise<void>((resolve) => (releaseSlow = resolve));
    server.post('/test/slow-write', async (_req, reply) => {
      started();
      await gate;
      finished();
      return reply.code(200).send({ written: true });
    });
    baseUrl = await server.listen({ port: 0, host: '127.0.0.1' });
  });
  afterAll(async () => {
    await server.close();
    await c.close();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('writes one line with method, path (no query) and status for an answered request', async () => {
    expect((await fetch(`${baseUrl}/healthz?secret=x`)).status).toBe(200);
    await new Promise((resolve) => setImmediate(resolve));
    expect(accessLines('/healthz')).toEqual([expect.objectContaining({ msg: 'request', method: 'GET', path: '/healthz', status: 200 })]);
    expect(JSON.stringify(lines)).not.toContain('secret');
  });

  it('writes one line, marked aborted, for a write whose client half-closed before the answer', async () => {
    const client = await openRaw(baseUrl, 'POST /test/slow-write HTTP/1.1\r\nHost: roster\r\nContent-Length: 0\r\n\r\n');
    await slowStarted;
    client.socket.end(); // half-close: the request is complete, the client stops listening
    await client.closed;
    releaseSlow();
    await slowFinished;
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(accessLines('/test/slow-write')).toEqual([
      expect.objectContaining({ msg: 'request aborted', method: 'POST', path: '/test/slow-write', status: 499, aborted: true }),
    ]);
  });

  it('writes one line with the 408 it was refused with for an upload that came too slowly', async () => {
    const upload = await openRaw(baseUrl, 'POST /employee/add HTTP/1.1\r\nHost: roster\r\nContent-Type: application/x-www-form-urlencoded\r\nContent-Length: 100\r\n\r\nuserid=');
    await upload.closed;
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(accessLines('/employee/add')).toEqual([
      expect.objectContaining({ msg: 'request aborted', method: 'POST', path: '/employee/add', status: 408, aborted: true }),
    ]);
  });
});
