import { createHash } from 'node:crypto';
import { newHexToken } from '#src/domain/ids.js';
import type { Store } from '#src/domain/ports.js';

export interface TokenServiceDeps {
  store: Store;
  now: () => number;
  ttlSec: number;
}

const hashToken = (token: string) => createHash('sha256').update(token).digest('hex');

/**
 * Benefits access tokens. A new token never revokes older ones: the official SDK renews at 80 % of
 * the lifetime and retries forever on 1000210004, so revoking would make it loop. Tokens are stored
 * hashed; lookups are cached per process until the token's own expiry.
 */
export function createTokenService(deps: TokenServiceDeps) {
  const cache = new Map<string, { appKey: string; expiresAt: number }>();
  return {
    /** Issues a 32-hex token for the app; returns it with its lifetime in seconds. */
    async issue(appKey: string): Promise<{ accessToken: string; expiresIn: number }> {
      const token = newHexToken(16);
      await deps.store.repos.credentials.insertAccessToken(hashToken(token), appKey, deps.now() + deps.ttlSec * 1000);
      return { accessToken: token, expiresIn: deps.ttlSec };
    },

    /** The app key a live token was issued to, or undefined. */
    async resolve(token: string): Promise<string | undefined> {
      const now = deps.now();
      const hash = hashToken(token);
      const hit = cache.get(hash);
      if (hit) {
        if (hit.expiresAt > now) return hit.appKey;
        cache.delete(hash);
      }
      const appKey = await deps.store.repos.credentials.findAccessToken(hash, now);
      if (appKey) {
        if (cache.size > 50_000) cache.clear();
        // Cache no longer than the token lives; the store row is authoritative for other processes.
        cache.set(hash, { appKey, expiresAt: Math.min(now + deps.ttlSec * 1000, now + 60_000) });
      }
      return appKey;
    },
  };
}

export type TokenService = ReturnType<typeof createTokenService>;
