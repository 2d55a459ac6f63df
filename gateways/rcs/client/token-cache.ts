// The OAuth2 client-credentials token, held once per client. A token within `refreshBeforeMs` of its
// expiry is still handed out while one background fetch replaces it, so traffic never waits on a
// refresh; only a missing or expired token makes callers wait, and concurrent waiters share one fetch.
import type { Clock } from '../../kit/clock.ts';

export interface IssuedToken {
  token: string;
  /** Lifetime the server granted (expires_in), in ms. */
  expiresInMs: number;
}

export interface TokenCacheOptions {
  clock: Clock;
  fetchToken(): Promise<IssuedToken>;
  /** Refresh this long before expiry (default: a tenth of the lifetime, at most 60 s). */
  refreshBeforeMs?: number;
}

export interface TokenCacheStats {
  fetches: number;
  /** Fetches started while the old token was still valid. */
  earlyRefreshes: number;
  invalidations: number;
  fetchFailures: number;
}

export interface TokenCache {
  /** A token that is valid now; fetches one when there is none. Rejects when the fetch fails. */
  get(): Promise<string>;
  /** The server refused `token` (HTTP 401): forget it unless it was already replaced. */
  invalidate(token: string): void;
  /** The token held now, valid or not, without fetching. */
  peek(): string | null;
  stats(): TokenCacheStats;
}

interface Held {
  token: string;
  refreshAt: number;
  expiresAt: number;
}

export function createTokenCache(opts: TokenCacheOptions): TokenCache {
  const { clock } = opts;
  let held: Held | null = null;
  let inFlight: Promise<string> | null = null;
  const counts: TokenCacheStats = { fetches: 0, earlyRefreshes: 0, invalidations: 0, fetchFailures: 0 };

  function fetchNow(): Promise<string> {
    if (inFlight) return inFlight;
    counts.fetches++;
    const p = opts.fetchToken().then(
      (t) => {
        const now = clock.now();
        const lifetime = Math.max(0, t.expiresInMs);
        const margin = Math.min(opts.refreshBeforeMs ?? Math.min(60_000, lifetime / 10), lifetime);
        held = { token: t.token, refreshAt: now + lifetime - margin, expiresAt: now + lifetime };
        return t.token;
      },
      (err: unknown) => {
        counts.fetchFailures++;
        throw err;
      },
    );
    inFlight = p;
    const clear = () => {
      if (inFlight === p) inFlight = null;
    };
    p.then(clear, clear);
    return p;
  }

  return {
    get() {
      const now = clock.now();
      if (held && now < held.expiresAt) {
        if (now >= held.refreshAt && !inFlight) {
          counts.earlyRefreshes++;
          // The current token stays in use; a failed early refresh is retried on the next get().
          fetchNow().catch(() => {});
        }
        return Promise.resolve(held.token);
      }
      return fetchNow();
    },
    invalidate(token) {
      if (held?.token !== token) return;
      counts.invalidations++;
      held = null;
    },
    peek: () => held?.token ?? null,
    stats: () => ({ ...counts }),
  };
}
