// Bearer tokens issued by the OAuth2 client-credentials endpoint, expiring on the simulator clock.
// Bounded: past maxTokens the oldest token is forgotten (its holder gets 50003 and asks again).
import type { Clock } from '../../kit/clock.ts';
import type { Rng } from '../../kit/rng.ts';

export interface IssuedToken {
  token: string;
  clientId: string;
  expiresAt: number;
}

export type TokenCheck = { ok: true; clientId: string } | { ok: false; reason: 'invalid' | 'expired' };

export interface TokenStore {
  issue(clientId: string): IssuedToken;
  check(token: string): TokenCheck;
  size(): number;
}

export function createTokenStore(opts: { clock: Clock; rng: Rng; ttlMs: number; maxTokens: number; neverExpire?: boolean }): TokenStore {
  const tokens = new Map<string, IssuedToken>();
  let serial = 0;

  const mint = (): string => {
    let s = `t${(++serial).toString(36)}.`;
    for (let i = 0; i < 4; i++) s += opts.rng.int(0, 0x7fffffff).toString(36).padStart(6, '0');
    return s;
  };

  return {
    issue(clientId) {
      const now = opts.clock.now();
      // Insertion order is expiry order (one ttl). An expired token is kept for one more ttl so its
      // holder hears 'expired' (50004) rather than 'invalid'.
      for (const [k, t] of tokens) {
        if (t.expiresAt + opts.ttlMs > now && tokens.size < opts.maxTokens) break;
        tokens.delete(k);
      }
      const issued = { token: mint(), clientId, expiresAt: now + opts.ttlMs };
      tokens.set(issued.token, issued);
      return issued;
    },
    check(token) {
      const t = tokens.get(token);
      if (t === undefined) return { ok: false, reason: 'invalid' };
      if (!opts.neverExpire && opts.clock.now() >= t.expiresAt) return { ok: false, reason: 'expired' };
      return { ok: true, clientId: t.clientId };
    },
    size: () => tokens.size,
  };
}
