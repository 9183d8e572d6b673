import { describe, expect, it } from 'vitest';
import { createFairQueue } from './fair-queue.js';

class Busy extends Error {}

/** A job whose end the test decides; records when it started. */
function jobs() {
  const started: string[] = [];
  const finish = new Map<string, () => void>();
  const job = (name: string) => () =>
    new Promise<string>((resolve) => {
      started.push(name);
      finish.set(name, () => resolve(name));
    });
  const settle = () => new Promise((r) => setImmediate(r));
  return { started, job, done: async (name: string) => (finish.get(name)!(), settle()), settle };
}

describe('fair queue', () => {
  it('gives a freed slot to a waiting key that has not been served, ahead of the flooding key', async () => {
    const q = createFairQueue({ concurrency: 1, maxWaitingPerKey: 3, maxWaiting: 10 }, () => new Busy());
    const { started, job, done, settle } = jobs();
    const runs = ['A1', 'A2', 'A3'].map((n) => q.run('A', job(n)));
    const b = q.run('B', job('B1'));
    await settle();
    expect(started).toEqual(['A1']);
    await done('A1');
    expect(started).toEqual(['A1', 'B1']);
    await done('B1');
    await done('A2');
    await done('A3');
    expect(started).toEqual(['A1', 'B1', 'A2', 'A3']);
    expect(await Promise.all([...runs, b])).toEqual(['A1', 'A2', 'A3', 'B1']);
    expect(q.stats()).toEqual({ running: 0, waiting: 0, started: 4 });
  });

  it("refuses at once past a key's share of waiting places, while other keys still get theirs", async () => {
    const q = createFairQueue({ concurrency: 2, maxWaitingPerKey: 2, maxWaiting: 10 }, () => new Busy());
    const { started, job, done, settle } = jobs();
    const accepted = ['A1', 'A2', 'A3', 'A4'].map((n) => q.run('A', job(n)));
    await expect(q.run('A', job('A5'))).rejects.toBeInstanceOf(Busy);
    const b = q.run('B', job('B1'));
    await settle();
    expect(q.stats()).toMatchObject({ running: 2, waiting: 3 });
    await done('A1');
    expect(started).toEqual(['A1', 'A2', 'B1']);
    for (const n of ['A2', 'B1', 'A3', 'A4']) await done(n);
    await Promise.all([...accepted, b]);
    expect(started).not.toContain('A5');
  });

  it('refuses past the total of waiting places, and frees everything after a failing job', async () => {
    const q = createFairQueue({ concurrency: 1, maxWaitingPerKey: 5, maxWaiting: 2 }, () => new Busy());
    const { job, done, settle } = jobs();
    const first = q.run('A', job('A1'));
    const waiting = [q.run('B', job('B1')), q.run('C', job('C1'))];
    await expect(q.run('D', job('D1'))).rejects.toBeInstanceOf(Busy);
    await done('A1');
    await done('B1');
    await done('C1');
    await Promise.all([first, ...waiting]);
    await expect(q.run('E', () => Promise.reject(new Error('boom')))).rejects.toThrow('boom');
    await settle();
    expect(q.stats()).toMatchObject({ running: 0, waiting: 0 });
  });
});
