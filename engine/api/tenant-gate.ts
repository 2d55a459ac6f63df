// Who is calling (API key -> tenant) and whether they may send this many messages now (a token bucket
// per tenant on the engine clock: a batch costs its recipient count).
import type { IncomingHttpHeaders } from 'node:http';
import type { Clock } from '../../gateways/kit/clock.ts';
import { createTokenBucket, type TokenBucket } from '../../gateways/kit/token-bucket.ts';
import type { Tenant } from '../engine-config.ts';

/** 'over-burst': more than the bucket can ever hold, so waiting would not help. */
export type QuotaAnswer = { ok: true } | { ok: false; reason: 'exhausted'; retryAfterSeconds: number } | { ok: false; reason: 'over-burst'; burst: number };

export interface TenantGate {
  /** The tenant whose key the request carries (`Authorization: Bearer <key>` or `X-API-Key`), else null. */
  authenticate(headers: IncomingHttpHeaders): Tenant | null;
  /** Takes `count` messages from the tenant's quota, or says how long to wait (in real seconds). */
  charge(tenant: Tenant, count: number): QuotaAnswer;
}

const BEARER = /^Bearer[ \t]+(\S+)[ \t]*$/i;

function keyOf(headers: IncomingHttpHeaders): string | null {
  const auth = headers.authorization;
  if (typeof auth === 'string') {
    const m = BEARER.exec(auth);
    if (m !== null) return m[1];
  }
  const key = headers['x-api-key'];
  return typeof key === 'string' && key.length > 0 ? key.trim() : null;
}

export function createTenantGate(tenants: readonly Tenant[], clock: Clock): TenantGate {
  const byKey = new Map<string, Tenant>();
  for (const t of tenants) for (const k of t.apiKeys) byKey.set(k, t);
  const buckets = new Map<string, TokenBucket>();
  for (const t of tenants) buckets.set(t.id, createTokenBucket({ rate: t.quota.rate, burst: t.quota.burst }, clock));

  return {
    authenticate(headers) {
      const key = keyOf(headers);
      return key === null ? null : (byKey.get(key) ?? null);
    },
    charge(tenant, count) {
      const bucket = buckets.get(tenant.id);
      if (bucket === undefined || count <= 0) return { ok: true };
      // The wait is an upper bound (time to refill `count` tokens from empty), in real seconds on a fast clock.
      if (count > tenant.quota.burst) return { ok: false, reason: 'over-burst', burst: tenant.quota.burst };
      if (bucket.tryTake(count)) return { ok: true };
      return { ok: false, reason: 'exhausted', retryAfterSeconds: Math.max(1, Math.ceil(count / tenant.quota.rate / clock.speed)) };
    },
  };
}
