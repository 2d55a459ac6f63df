import { describe, expect, it } from 'vitest';
import { createManualClock } from '../../../../gateways/kit/clock.ts';
import { createTokenCache, type IssuedToken } from '../../../../gateways/rcs/client/token-cache.ts';

function scriptedIssuer() {
  const calls: Array<{ resolve: (t: IssuedToken) => void; reject: (e: Error) => void }> = [];
  return {
    calls,
    fetchToken: () => new Promise<IssuedToken>((resolve, reject) => calls.push({ resolve, reject })),
  };
}

describe('token cache', () => {
  it('fetches once for concurrent callers and reuses the token until the refresh margin', async () => {
    const clock = createManualClock(0);
    const issuer = scriptedIssuer();
    const cache = createTokenCache({ clock, fetchToken: issuer.fetchToken, refreshBeforeMs: 60_000 });
    const a = cache.get();
    const b = cache.get();
    expect(issuer.calls).toHaveLength(1);
    issuer.calls[0].resolve({ token: 't1', expiresInMs: 3_600_000 });
    expect(await a).toBe('t1');
    expect(await b).toBe('t1');
    clock.advance(3_600_000 - 60_001);
    expect(await cache.get()).toBe('t1');
    expect(issuer.calls).toHaveLength(1);
  });

  it('inside the refresh margin hands out the old token while one background fetch replaces it', async () => {
    const clock = createManualClock(0);
    const issuer = scriptedIssuer();
    const cache = createTokenCache({ clock, fetchToken: issuer.fetchToken, refreshBeforeMs: 60_000 });
    const first = cache.get();
    issuer.calls[0].resolve({ token: 't1', expiresInMs: 3_600_000 });
    await first;
    clock.advance(3_600_000 - 30_000);
    expect(await cache.get()).toBe('t1');
    expect(await cache.get()).toBe('t1');
    expect(issuer.calls).toHaveLength(2);
    issuer.calls[1].resolve({ token: 't2', expiresInMs: 3_600_000 });
    await Promise.resolve();
    await Promise.resolve();
    expect(await cache.get()).toBe('t2');
    expect(cache.stats()).toMatchObject({ fetches: 2, earlyRefreshes: 1 });
  });

  it('makes callers wait for a new token once the old one has expired', async () => {
    const clock = createManualClock(0);
    const issuer = scriptedIssuer();
    const cache = createTokenCache({ clock, fetchToken: issuer.fetchToken, refreshBeforeMs: 0 });
    const first = cache.get();
    issuer.calls[0].resolve({ token: 't1', expiresInMs: 1000 });
    await first;
    clock.advance(1000);
    let got: string | null = null;
    const next = cache.get().then((t) => (got = t));
    await Promise.resolve();
    expect(got).toBeNull();
    issuer.calls[1].resolve({ token: 't2', expiresInMs: 1000 });
    await next;
    expect(got).toBe('t2');
  });

  it('forgets a token the server refused, but not a newer one', async () => {
    const clock = createManualClock(0);
    const issuer = scriptedIssuer();
    const cache = createTokenCache({ clock, fetchToken: issuer.fetchToken });
    const first = cache.get();
    issuer.calls[0].resolve({ token: 't1', expiresInMs: 3_600_000 });
    await first;
    cache.invalidate('t1');
    expect(cache.peek()).toBeNull();
    const second = cache.get();
    issuer.calls[1].resolve({ token: 't2', expiresInMs: 3_600_000 });
    expect(await second).toBe('t2');
    cache.invalidate('t1');
    expect(cache.peek()).toBe('t2');
    expect(cache.stats().invalidations).toBe(1);
  });

  it('passes a failed fetch to every waiter and tries again on the next call', async () => {
    const clock = createManualClock(0);
    const issuer = scriptedIssuer();
    const cache = createTokenCache({ clock, fetchToken: issuer.fetchToken });
    const a = cache.get();
    const b = cache.get();
    issuer.calls[0].reject(new Error('refused'));
    await expect(a).rejects.toThrow('refused');
    await expect(b).rejects.toThrow('refused');
    const c = cache.get();
    expect(issuer.calls).toHaveLength(2);
    issuer.calls[1].resolve({ token: 't1', expiresInMs: 1000 });
    expect(await c).toBe('t1');
    expect(cache.stats().fetchFailures).toBe(1);
  });

  it('refreshes a tenth of the lifetime early by default', async () => {
    const clock = createManualClock(0);
    const issuer = scriptedIssuer();
    const cache = createTokenCache({ clock, fetchToken: issuer.fetchToken });
    const first = cache.get();
    issuer.calls[0].resolve({ token: 't1', expiresInMs: 100_000 });
    await first;
    clock.advance(89_999);
    await cache.get();
    expect(issuer.calls).toHaveLength(1);
    clock.advance(1);
    await cache.get();
    expect(issuer.calls).toHaveLength(2);
  });
});
