/** A company-level app token and how long the provider says it lives. */
export interface FetchedToken {
  token: string;
  expiresInSec: number;
}

export interface AppTokenCache<A> {
  /** The cached token, or a fresh one fetched with `arg` (e.g. the caller's time budget); concurrent callers share one fetch. */
  get(arg: A): Promise<string>;
  /** Forgets `token` (the provider called it invalid or expired); a newer token is kept. */
  drop(token: string): void;
}

/** Tokens are renewed this long before the provider's expiry (Feishu issues a new one with < 30 min left). */
const REFRESH_EARLY_MS = 5 * 60 * 1000;

/**
 * Caches one connector's app token: refreshed before expiry, fetched once when many sign-ins need it
 * at the same moment (single flight), dropped when the provider answers that it is invalid. A failed
 * fetch is not cached, so the next sign-in tries again.
 */
export function createAppTokenCache<A>(fetchToken: (arg: A) => Promise<FetchedToken>, now: () => number = Date.now): AppTokenCache<A> {
  let current: { token: string; renewAt: number } | undefined;
  let inflight: Promise<string> | undefined;
  return {
    get(arg) {
      if (current && current.renewAt > now()) return Promise.resolve(current.token);
      inflight ??= fetchToken(arg)
        .then(({ token, expiresInSec }) => {
          const lifeMs = Math.max(0, expiresInSec * 1000);
          current = { token, renewAt: now() + Math.max(lifeMs - REFRESH_EARLY_MS, lifeMs / 2) };
          return token;
        })
        .finally(() => {
          inflight = undefined;
        });
      return inflight;
    },
    drop(token) {
      if (current?.token === token) current = undefined;
    },
  };
}

/**
 * Runs `call` with the app token; when the provider answers that the token is invalid or expired
 * (`isInvalid`), drops it and runs once more with a fresh one.
 */
export async function withAppToken<A, T>(
  cache: AppTokenCache<A>,
  arg: A,
  call: (token: string) => Promise<T>,
  isInvalid: (result: T) => boolean,
): Promise<T> {
  const token = await cache.get(arg);
  const result = await call(token);
  if (!isInvalid(result)) return result;
  cache.drop(token);
  return call(await cache.get(arg));
}
