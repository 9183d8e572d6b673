import { describe, expect, it } from 'vitest';
import { testDatabases } from '../support/databases.js';
import { useRoster } from '../support/roster.js';
import { openRaw, parseResponse } from './support/raw-socket.js';

const sqlite = testDatabases()[0]!;
const IOT_GET = '/industry/user/account/get';
const BENEFITS_ADD = '/employee/add';
const LONG = 'a'.repeat(17 * 1024);

/**
 * Requests Node's HTTP parser refuses never reach a route. Their answer still speaks the dialect the
 * path names, says `Connection: close`, and the connection ends cleanly (FIN, not a reset), so a
 * keep-alive client reads the answer and reconnects instead of failing its next request.
 */
describe('requests the HTTP parser refuses', () => {
  const ctx = useRoster(sqlite);

  async function refused(raw: string) {
    const conversation = await openRaw(ctx().baseUrl, raw);
    const ending = await conversation.closed;
    return { ending, ...parseResponse(conversation.received()) };
  }

  it.each([
    ['an unknown method', `BREW ${IOT_GET} HTTP/1.1\r\nHost: roster\r\n\r\n`],
    ['a request line over 16 KiB', `POST ${IOT_GET}?${LONG} HTTP/1.1\r\nHost: roster\r\n\r\n`],
    ['headers over 16 KiB', `POST ${IOT_GET} HTTP/1.1\r\nHost: roster\r\nX-Ca-Key: 1\r\nX-Filler: ${LONG}\r\n\r\n`],
  ])('IoT path, %s: the gateway\'s 400 with X-Ca-Error-Message', async (_, raw) => {
    const res = await refused(raw);
    expect(res).toMatchObject({ ending: 'end', status: 400, body: '' });
    expect(res.headers['x-ca-error-message']).toBe('Request Format Error');
    expect(res.headers['connection']).toBe('close');
  });

  it.each([
    ['an unknown method', `BREW ${BENEFITS_ADD} HTTP/1.1\r\nHost: roster\r\n\r\n`],
    ['a request line over 16 KiB', `POST ${BENEFITS_ADD}?access_token=${LONG} HTTP/1.1\r\nHost: roster\r\n\r\n`],
    ['a broken Content-Length', `POST ${BENEFITS_ADD} HTTP/1.1\r\nHost: roster\r\nContent-Length: 12x\r\n\r\n`],
  ])('benefits path, %s: 200 and the dialect\'s {code,msg,data}', async (_, raw) => {
    const res = await refused(raw);
    expect(res).toMatchObject({ ending: 'end', status: 200 });
    expect(res.headers['connection']).toBe('close');
    expect(JSON.parse(res.body)).toEqual({ code: 1000210006, msg: 'parameter check failed!', data: null });
  });

  it('answers the good request before a bad one on the same keep-alive connection, then closes cleanly', async () => {
    const res = await refused(`GET /healthz HTTP/1.1\r\nHost: roster\r\n\r\nBREW ${BENEFITS_ADD} HTTP/1.1\r\nHost: roster\r\n\r\n`);
    expect(res.ending).toBe('end');
    expect(res.status).toBe(200);
    expect(res.body).toContain('{"status":"ok"}');
    expect(res.body).toContain('Connection: close');
    expect(res.body).toContain('"code":1000210006');
  });

  it('elsewhere: 400 with the catalogue code, and Connection: close', async () => {
    const res = await refused(`BREW /teapot HTTP/1.1\r\nHost: roster\r\n\r\n`);
    expect(res).toMatchObject({ ending: 'end', status: 400 });
    expect(res.headers['connection']).toBe('close');
    expect(JSON.parse(res.body)).toEqual({ code: 'request.malformed', message: 'request.malformed' });
  });
});

describe('HEAD on a path that does not exist', () => {
  const ctx = useRoster(sqlite);

  it.each([
    ['with no dialect marks', {}],
    ['as a benefits form call', { 'content-type': 'application/x-www-form-urlencoded' }],
    ['as a benefits token call', {}, '?access_token=abc'],
    ['as an IoT call', { 'x-ca-key': '123456789' }],
  ])('is 404 %s, never 200', async (_, headers: Record<string, string>, query = '') => {
    const res = await fetch(`${ctx().baseUrl}/no/such/path${query}`, { method: 'HEAD', headers });
    expect(res.status).toBe(404);
  });

  it('still answers 200 for HEAD /healthz', async () => {
    expect((await fetch(`${ctx().baseUrl}/healthz`, { method: 'HEAD' })).status).toBe(200);
  });
});
