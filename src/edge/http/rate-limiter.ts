/**
 * Per-app request budget, per process: a token bucket refilled at `limit` per second with a burst of
 * `limit`. 0 means unlimited. Several processes each enforce the limit on their own share.
 */
export function createRateLimiter(now: () => number = Date.now) {
  const buckets = new Map<string, { tokens: number; at: number }>();
  return {
    /** Takes one token; false when the app is over its limit. */
    take(appKey: string, limit: number): boolean {
      if (limit <= 0) return true;
      const t = now();
      const bucket = buckets.get(appKey) ?? { tokens: limit, at: t };
      bucket.tokens = Math.min(limit, bucket.tokens + ((t - bucket.at) / 1000) * limit);
      bucket.at = t;
      if (bucket.tokens < 1) {
        buckets.set(appKey, bucket);
        return false;
      }
      bucket.tokens -= 1;
      buckets.set(appKey, bucket);
      return true;
    },
  };
}

export type RateLimiter = ReturnType<typeof createRateLimiter>;
