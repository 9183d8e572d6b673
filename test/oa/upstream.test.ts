/** Upstream calls: bounded retries for safe calls only, deadlines, and failures as OaFailure reasons. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { callUpstream } from '../../src/app/oa/upstream.js';
import { startLoopback, type Loopback } from './fakes/loopback.js';
import { failureOf } from './support.js';

describe('callUpstream', () => {
  let lb: Loopback;
  let failuresLeft = 0;
  beforeAll(async () => {
    lb = await startLoopback({
      'GET /flaky': () => (failuresLeft-- > 0 ? { status: 503, body: { error: 'busy' } } : { body: { ok: true } }),
      'GET /error400': () => ({ status: 400, body: { code: 20003 } }),
      'GET /html': () => ({ status: 200, body: '<html>' }),
    });
  });
  afterAll(() => lb.close());
  const budget = () => ({ deadline: Date.now() + 2000 });

  it('retries a safe call once after a 503, and no more', async () => {
    failuresLeft = 1;
    const before = lb.calls.length;
    expect(await callUpstream(`${lb.url}/flaky`, { retry: 'safe' }, budget())).toEqual({ status: 200, body: { ok: true } });
    expect(lb.calls.length - before).toBe(2);
    failuresLeft = 2;
    expect(await failureOf(callUpstream(`${lb.url}/flaky`, { retry: 'safe' }, budget()))).toBe('upstream');
    failuresLeft = 0;
  });

  it('never retries a code exchange (retry none): a lost answer may have spent the code', async () => {
    failuresLeft = 1;
    const before = lb.calls.length;
    expect(await failureOf(callUpstream(`${lb.url}/flaky`, {}, budget()))).toBe('upstream');
    expect(lb.calls.length - before).toBe(1);
    failuresLeft = 0;
  });

  it('hands 4xx answers back to the connector, refuses bodies that are not JSON, and stops at the deadline', async () => {
    expect(await callUpstream(`${lb.url}/error400`, {}, budget())).toEqual({ status: 400, body: { code: 20003 } });
    expect(await failureOf(callUpstream(`${lb.url}/html`, {}, budget()))).toBe('upstream');
    expect(await failureOf(callUpstream(`${lb.url}/flaky`, {}, { deadline: Date.now() - 1 }))).toBe('timeout');
  });
});
