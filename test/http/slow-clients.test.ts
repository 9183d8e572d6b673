import { describe, expect, it } from 'vitest';
import { testDatabases } from '../support/databases.js';
import { useRoster } from '../support/roster.js';
import { openRaw, parseResponse } from './support/raw-socket.js';

const sqlite = testDatabases()[0]!;
const HEALTHZ = 'GET /healthz HTTP/1.1\r\nHost: roster\r\n\r\n';

/**
 * Slowloris: clients that trickle a request must not hold sockets, and a flood of connections must
 * not starve the ones already open. The limits are settings; these suites set them short or small.
 */
describe('request and header timeouts', () => {
  const ctx = useRoster(sqlite, { config: { requestTimeoutMs: 600, headersTimeoutMs: 300 } });

  it('closes a connection that sent its headers and part of its body, with 408 and Connection: close', async () => {
    const upload = await openRaw(
      ctx().baseUrl,
      'POST /employee/add HTTP/1.1\r\nHost: roster\r\nContent-Type: application/x-www-form-urlencoded\r\nContent-Length: 1000\r\n\r\n0123456789',
    );
    expect(await upload.closed).toBe('end');
    const { status, headers } = parseResponse(upload.received());
    expect(status).toBe(408);
    expect(headers['connection']).toBe('close');
  });

  it('closes a connection whose headers never finish', async () => {
    const trickle = await openRaw(ctx().baseUrl, 'GET /healthz HTTP/1.1\r\nHost: roster\r\nX-Slow: ');
    expect(await trickle.closed).toBe('end');
    expect(parseResponse(trickle.received()).status).toBe(408);
  });

  it('still answers a client that sends its request in time', async () => {
    const client = await openRaw(ctx().baseUrl, HEALTHZ);
    expect(parseResponse(await client.waitFor(/\{"status":"ok"\}/)).status).toBe(200);
    client.socket.destroy();
  });
});

describe('connection cap', () => {
  const ctx = useRoster(sqlite, { config: { maxConnections: 3 } });

  it('refuses connections over the cap while an open keep-alive connection keeps being served', async () => {
    const keepAlive = await openRaw(ctx().baseUrl, HEALTHZ);
    await keepAlive.waitFor(/\{"status":"ok"\}/);
    const idle = [await openRaw(ctx().baseUrl), await openRaw(ctx().baseUrl)];

    const overCap = await openRaw(ctx().baseUrl, HEALTHZ);
    await overCap.closed;
    expect(overCap.received()).toBe('');

    keepAlive.socket.write(HEALTHZ);
    const both = await keepAlive.waitFor(/\{"status":"ok"\}[\s\S]*\{"status":"ok"\}/);
    expect(both.match(/HTTP\/1\.1 200 OK/g)).toHaveLength(2);

    // A freed slot is usable again, as soon as the server has seen the close.
    idle[0]!.socket.destroy();
    let answer = 'refused';
    for (let attempt = 0; attempt < 50 && answer === 'refused'; attempt++) {
      const next = await openRaw(ctx().baseUrl, HEALTHZ);
      answer = await next.waitFor(/\{"status":"ok"\}/).then(() => 'ok', () => 'refused');
      next.socket.destroy();
      if (answer === 'refused') await new Promise((resolve) => setTimeout(resolve, 20));
    }
    expect(answer).toBe('ok');
    for (const c of [keepAlive, idle[1]!]) c.socket.destroy();
  });
});
