// The engine's four gateway channels, built from the config's `gateways:` section and connected at
// once. A gateway's adapter code is loaded only when that gateway is enabled. A disabled gateway, or
// one that cannot be reached within the connect timeout, is left out of the map (and logged): its
// route legs then fall back as 'unavailable'.
import type { Clock } from '../gateways/kit/clock.ts';
import type { Rng } from '../gateways/kit/rng.ts';
import type { Channel, GatewayName } from './channel.ts';
import { GATEWAY_NAMES } from './channel.ts';
import type { EngineConfig } from './engine-config.ts';
import { gatewaysSchema } from './engine-config.ts';

export interface CreateChannelsOptions {
  log?: (line: string) => void;
  /** Real milliseconds each gateway may take to connect (default 10 s, whatever the clock speed). */
  connectTimeoutMs?: number;
  /**
   * How the RCS webhook URL reaches the gateway: a function (an in-process simulator), an admin API URL
   * (PUT /admin/webhook), or nothing. Default: the simulator's admin API on 127.0.0.1:9082 when the RCS
   * target is the default simulator address, else nothing (register `webhookUrl` with the carrier).
   */
  rcsWebhook?: { registerWebhook: (url: string, botId: string) => Promise<void> | void } | { adminUrl: string } | null;
}

export interface GatewayConnection {
  gateway: GatewayName;
  state: 'connected' | 'disabled' | 'unreachable';
  target: string;
  detail?: string;
}

export interface EngineChannels {
  channels: Map<GatewayName, Channel>;
  connections: GatewayConnection[];
  close(): Promise<void>;
}

const DEFAULT_RCS_TARGET = gatewaysSchema.parse({}).rcs.target;
const DEFAULT_RCS_ADMIN = 'http://127.0.0.1:9082';

/** `smpp://user:secret@host:port` -> `smpp://user@host:port`: targets are printed, secrets are not. */
export function redactTarget(target: string): string {
  return target.replace(/^([a-z][a-z0-9+.-]*:\/\/)([^:@/]*):[^@/]*@/i, '$1$2@');
}

async function build(gw: GatewayName, config: EngineConfig, clock: Clock, rng: Rng, connectTimeoutMs: number, opts: CreateChannelsOptions): Promise<Channel> {
  // The gateway client's own answer timeout (default 10 s) follows the policy's send timeout: a longer
  // policy timeout (e.g. for an accelerated clock on a busy machine) must not be cut short by the client.
  const client = { responseTimeoutMs: config.gateways[gw].policy.timeout };
  const common = { clock, rng: rng.fork(`channel:${gw}`), connectTimeoutMs, client };
  switch (gw) {
    case 'smsvas': {
      const { createSmsvasChannel } = await import('../gateways/smsvas/client/smsvas-channel.ts');
      return createSmsvasChannel({ ...config.gateways.smsvas, ...common });
    }
    case 'gmmsc': {
      const { createGmmscChannel } = await import('../gateways/gmmsc/client/gmmsc-channel.ts');
      return createGmmscChannel({ ...config.gateways.gmmsc, ...common });
    }
    case 'rcs': {
      const { createRcsChannel } = await import('../gateways/rcs/client/rcs-channel.ts');
      const section = config.gateways.rcs;
      const hook = opts.rcsWebhook !== undefined ? opts.rcsWebhook : section.target === DEFAULT_RCS_TARGET ? { adminUrl: DEFAULT_RCS_ADMIN } : null;
      return createRcsChannel({ ...section, clock, connectTimeoutMs, client, ...(hook ?? {}) });
    }
    case 'xroshot': {
      const { createXroshotChannel } = await import('../gateways/xroshot/client/xroshot-channel.ts');
      return createXroshotChannel({ ...config.gateways.xroshot, ...common });
    }
  }
}

/** Builds and connects every enabled gateway's channel (in parallel); never rejects for a gateway. */
export async function createChannels(config: EngineConfig, clock: Clock, rng: Rng, opts: CreateChannelsOptions = {}): Promise<EngineChannels> {
  const log = opts.log ?? (() => {});
  // The channels time their connect on the engine clock; an accelerated clock must not shorten it.
  const connectTimeoutMs = (opts.connectTimeoutMs ?? 10_000) * clock.speed;
  const channels = new Map<GatewayName, Channel>();
  const connections = await Promise.all(
    GATEWAY_NAMES.map(async (gw): Promise<GatewayConnection> => {
      const section = config.gateways[gw];
      const target = redactTarget(section.target);
      if (!section.enabled) {
        log(`gateway ${gw} disabled`);
        return { gateway: gw, state: 'disabled', target };
      }
      let channel: Channel | null = null;
      try {
        channel = await build(gw, config, clock, rng, connectTimeoutMs, opts);
        await channel.connect();
        channels.set(gw, channel);
        log(`gateway ${gw} connected (${target})`);
        return { gateway: gw, state: 'connected', target };
      } catch (err) {
        const detail = err instanceof Error ? err.message : String(err);
        log(`gateway ${gw} unavailable (${target}): ${detail}`);
        await channel?.close().catch(() => {});
        return { gateway: gw, state: 'unreachable', target, detail };
      }
    }),
  );
  // Map order follows GATEWAY_NAMES, not connect order.
  const ordered = new Map<GatewayName, Channel>();
  for (const gw of GATEWAY_NAMES) {
    const c = channels.get(gw);
    if (c !== undefined) ordered.set(gw, c);
  }
  return {
    channels: ordered,
    connections,
    async close() {
      await Promise.allSettled([...ordered.values()].map((c) => c.close()));
    },
  };
}
