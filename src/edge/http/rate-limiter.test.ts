import { describe, expect, it } from 'vitest';
import { createRateLimiter } from './rate-limiter.js';

describe('rate limiter', () => {
  it('allows a burst of the limit, then refills at the limit per second', () => {
    let t = 0;
    const limiter = createRateLimiter(() => t);
    const burst = Array.from({ length: 12 }, () => limiter.take('a', 10));
    expect(burst.filter(Boolean)).toHaveLength(10);
    t = 500;
    expect(Array.from({ length: 6 }, () => limiter.take('a', 10)).filter(Boolean)).toHaveLength(5);
  });

  it('keeps apps apart and treats 0 as unlimited', () => {
    const limiter = createRateLimiter(() => 0);
    for (let i = 0; i < 3; i++) limiter.take('a', 3);
    expect(limiter.take('a', 3)).toBe(false);
    expect(limiter.take('b', 3)).toBe(true);
    expect(Array.from({ length: 1000 }, () => limiter.take('c', 0)).every(Boolean)).toBe(true);
  });
});
