// Mobile-originated messages (a user's reply) go to the tenant that owns the service number they were
// sent to (its registered senders), else to the first tenant with an MO webhook; retried like status
// webhooks. An MO that no tenant takes is counted and logged, never kept.
// MO forwarding is not durable: the MO is not written to the store. forward() resolves (and the channel
// then acknowledges the MO to its gateway) once the tenant answered the first POST with 2xx, or once
// that POST failed and the MO waits for a retry in the webhook queue, which is memory only: an engine
// killed during those retries loses the MO. Until then the gateway still holds it and sends it again
// to the next engine; a first POST that fails while the engine is closing rejects, so the gateway does.
import type { ChannelMo } from '../channel.ts';
import { normalizeSender } from '../compose/korean-number.ts';
import type { Tenant } from '../engine-config.ts';
import type { PipelineContext } from '../pipeline/pipeline-context.ts';
import type { TenantWebhooks } from './tenant-webhooks.ts';

export interface MoForwarder {
  /** Resolves once the MO may be acknowledged to its gateway (see above); rejects when it was not taken. */
  forward(mo: ChannelMo): Promise<void>;
  dropped(): number;
}

export function createMoForwarder(ctx: PipelineContext, webhooks: TenantWebhooks): MoForwarder {
  const bySender = new Map<string, Tenant>();
  let fallback: Tenant | undefined;
  for (const t of ctx.tenants.values()) {
    for (const s of t.senders) {
      const n = normalizeSender(s) ?? s;
      if (!bySender.has(n)) bySender.set(n, t);
    }
    if (fallback === undefined && t.moWebhookUrl !== undefined) fallback = t;
  }
  let dropped = 0;

  return {
    forward(mo) {
      ctx.metrics.mo(mo.gateway);
      const to = mo.to === null ? null : (normalizeSender(mo.to) ?? mo.to);
      const owner = to === null ? undefined : bySender.get(to);
      const tenant = owner?.moWebhookUrl !== undefined ? owner : fallback;
      if (ctx.events.active) ctx.events.emit({ type: 'mo', gateway: mo.gateway, from: mo.from, to: mo.to, tenant: tenant?.id ?? null, at: mo.at });
      if (tenant?.moWebhookUrl === undefined) {
        dropped++;
        ctx.log(`MO from ${mo.from} to ${mo.to ?? '-'} via ${mo.gateway}: no tenant has an MO webhook, dropped`);
        return Promise.resolve();
      }
      const url = tenant.moWebhookUrl;
      return new Promise<void>((resolve, reject) => {
        webhooks.post({
          kind: 'mo',
          url,
          body: JSON.stringify({ tenant: tenant.id, gateway: mo.gateway, from: mo.from, to: mo.to, text: mo.text, at: new Date(mo.at).toISOString() }),
          onFirstTry: (result) => (result === 'dropped' ? reject(new Error(`MO webhook to ${url} not taken`)) : resolve()),
        });
      });
    },
    dropped: () => dropped,
  };
}
