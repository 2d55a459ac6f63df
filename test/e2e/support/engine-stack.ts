// The whole system in this process on one accelerated clock, every port free: startLocalStack (the
// default network and its number-portability API, the four gateway simulators, the real engine on a
// memory store with its HTTP API, wired like `msgsim up`) with deterministic simulator behaviour unless
// a test gives its own, plus a tenant status-webhook receiver and a log of engine events.
import type { GatewayName } from '../../../engine/channel.ts';
import type { EngineConfig, EngineConfigInput } from '../../../engine/engine-config.ts';
import type { EngineService } from '../../../engine/engine-service.ts';
import { parseBehaviour, type Behaviour } from '../../../gateways/kit/behaviour-schema.ts';
import { createSystemClock, type Clock } from '../../../gateways/kit/clock.ts';
import type { MmscSimulator } from '../../../gateways/gmmsc/simulator/mmsc-simulator.ts';
import type { RcsSimulator } from '../../../gateways/rcs/simulator/rcs-simulator.ts';
import type { SmscSimulator } from '../../../gateways/smsvas/simulator/smsc-simulator.ts';
import type { XroshotSimulator } from '../../../gateways/xroshot/simulator/xroshot-simulator.ts';
import { mergeConfig, startLocalStack, type InProcessStack, type SimulatorKinds } from '../../../scenarios/local-stack.ts';
import { createEngineApiClient, type EngineApiClient } from './engine-api-client.ts';
import { recordEvents, type EventLog } from './event-log.ts';
import { startWebhookReceiver, type WebhookReceiver } from './webhook-receiver.ts';

export const E2E_API_KEY = 'e2e-tenant-key-0001';
export const E2E_TENANT = 'e2e';
/** A callback number every simulator account has pre-registered; also the RCS bot. */
export const E2E_SENDER = '15880000';

/** Every send accepted at once and reported delivered a simulated second later. */
export const PROMPT_DELIVERY = { version: 1, latency: 1, reports: { outcomes: { delivered: 1 }, delay: 1000, defaultValidity: '24h' } } as const;

export interface E2eStackOptions {
  /** Clock speed of everything (simulated ms per real ms). */
  speed: number;
  seed: string;
  /** Behaviour per simulator in the behaviour file's form; default PROMPT_DELIVERY with the simulator's own limits. */
  behaviour?: Partial<Record<GatewayName, unknown>>;
  /** Engine config (YAML form) merged over the e2e tenant and webhooks: objects key by key, anything else replaced; gateway targets, NP URL, API port and store stay the stack's. */
  engine?: Record<string, unknown>;
}

export interface E2eStack {
  clock: Clock;
  url: string;
  api: EngineApiClient;
  service: EngineService;
  config: EngineConfig;
  events: EventLog;
  hooks: WebhookReceiver;
  smsvas: SmscSimulator;
  gmmsc: MmscSimulator;
  rcs: RcsSimulator;
  xroshot: XroshotSimulator;
  /** Engine log lines (printed when a test needs them). */
  log: string[];
  stop(): Promise<void>;
}

export async function startE2eStack(opts: E2eStackOptions): Promise<E2eStack> {
  const clock = createSystemClock({ speed: opts.speed });
  const log: string[] = [];
  const running: Array<() => Promise<unknown>> = [];
  const stopAll = async (): Promise<void> => {
    for (const stop of running.splice(0).reverse()) await stop().catch(() => {});
  };
  const behaviourOf = (gw: GatewayName) => ({
    configure: (config: { behaviour: Behaviour }) => {
      config.behaviour = parseBehaviour(opts.behaviour?.[gw] ?? { ...PROMPT_DELIVERY, limits: config.behaviour.limits }, `${gw} behaviour`);
    },
  });
  try {
    const hooks = await startWebhookReceiver();
    running.push(() => hooks.close());
    const own = {
      tenants: [{ id: E2E_TENANT, apiKeys: [E2E_API_KEY], webhookUrl: hooks.url, quota: { rate: 1_000_000, burst: 1_000_000 } }],
      webhooks: { attempts: 3, initialDelay: 1000 },
      gateways: { gmmsc: { vasId: 'msgsim-vas' } },
    };
    const stack = await startLocalStack({
      clock,
      seed: opts.seed,
      ports: 'free',
      store: 'memory',
      requireConnected: true,
      gateways: { smsvas: behaviourOf('smsvas'), gmmsc: behaviourOf('gmmsc'), rcs: behaviourOf('rcs'), xroshot: behaviourOf('xroshot') },
      engine: { config: mergeConfig(own, opts.engine ?? {}) as EngineConfigInput },
      log: (line) => log.push(line),
    });
    running.push(() => stack.stop());
    const service = stack.engine;
    const events = recordEvents(service.engine);
    running.push(async () => events.close());
    const api = createEngineApiClient(service.url, E2E_API_KEY);
    running.push(() => api.close());
    return {
      clock,
      url: service.url,
      api,
      service,
      config: stack.config,
      events,
      hooks,
      smsvas: simulatorOf(stack, 'smsvas'),
      gmmsc: simulatorOf(stack, 'gmmsc'),
      rcs: simulatorOf(stack, 'rcs'),
      xroshot: simulatorOf(stack, 'xroshot'),
      log,
      stop: stopAll,
    };
  } catch (err) {
    await stopAll();
    throw err;
  }
}

function simulatorOf<G extends GatewayName>(stack: InProcessStack, gw: G): SimulatorKinds[G]['simulator'] {
  const local = stack.simulators[gw];
  if (local === undefined) throw new Error(`the stack started no ${gw} simulator`);
  return local.simulator;
}
