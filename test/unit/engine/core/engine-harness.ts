// Fakes the engine core tests script: channels (accept, reject, report, not-capable, MO, capability),
// a carrier lookup, a webhook transport; and an engine on a memory store and a manual clock.
import { createManualClock, type ManualClock } from '../../../../gateways/kit/clock.ts';
import { createRng } from '../../../../gateways/kit/rng.ts';
import { callListeners, type Capability, type Channel, type ChannelEvents, type ChannelOutcome, type ChannelReport, type GatewayName, type OutboundMessage } from '../../../../engine/channel.ts';
import { createEngine, type Engine, type EngineOptions } from '../../../../engine/engine.ts';
import { engineConfigSchema, type EngineConfigInput, type Tenant } from '../../../../engine/engine-config.ts';
import type { EngineEvent } from '../../../../engine/pipeline/engine-events.ts';
import type { CarrierInfo } from '../../../../engine/routing/carrier-lookup.ts';
import { createMemoryStore } from '../../../../engine/store/memory-store.ts';
import type { Store } from '../../../../engine/store/store.ts';
import type { ComposedContent, MessageRecord, MessageRequest } from '../../../../engine/message.ts';

/** 2025-03-03 10:00 KST (a Monday morning: no ad night window). */
export const MORNING_KST = Date.UTC(2025, 2, 3, 1, 0, 0);

const CARRIES: Record<GatewayName, ComposedContent['kind'][]> = {
  smsvas: ['sms'],
  gmmsc: ['lms', 'mms'],
  rcs: ['rcs'],
  xroshot: ['sms', 'lms', 'mms'],
};

export interface FakeChannel extends Channel {
  sent: OutboundMessage[];
  /** Decides each send's answer; default: accepted with a fresh gateway id. */
  answer: (msg: OutboundMessage, n: number) => ChannelOutcome | Promise<ChannelOutcome>;
  capabilities: Map<string, Capability>;
  /** What a real channel would wait for before acknowledging the report (undefined: at once). */
  /** `ref` defaults to the one the id was handed out for (none before the send answered). */
  report(gatewayId: string, outcome: ChannelReport['outcome'], final?: boolean, ref?: string): PromiseLike<void> | undefined;
  mo(from: string, to: string | null, text: string): PromiseLike<void> | undefined;
  /** Gateway ids of the accepted sends, in order. */
  accepted: string[];
}

/** A memory store whose commits wait while the gate is held, and fail while it is set to fail. */
export function createGatedStore() {
  const inner = createMemoryStore();
  let gate: { promise: Promise<void>; open(): void } | null = null;
  let failing = false;
  const store: Store = {
    ...inner,
    save(records: readonly MessageRecord[]) {
      if (failing) return Promise.reject(new Error('disk full'));
      const g = gate;
      return g === null ? inner.save(records) : g.promise.then(() => inner.save(records));
    },
  };
  return {
    store,
    hold() {
      let open!: () => void;
      const promise = new Promise<void>((r) => (open = r));
      gate = { promise, open };
    },
    open() {
      gate?.open();
      gate = null;
    },
    fail(on: boolean) {
      failing = on;
    },
  };
}

export function createFakeChannel(gateway: GatewayName, clock: ManualClock): FakeChannel {
  const listeners: { [E in keyof ChannelEvents]: ChannelEvents[E][] } = { report: [], mo: [] };
  let n = 0;
  // Like the SMSVAS channel, reports carry the ref the message was sent with (when the id was handed out here).
  const refOf = new Map<string, string>();
  const ch: FakeChannel = {
    gateway,
    carries: new Set(CARRIES[gateway]),
    sent: [],
    accepted: [],
    capabilities: new Map(),
    answer: () => ({ kind: 'accepted', gatewayIds: [`${gateway}-${n}`] }),
    async connect() {},
    async send(msg) {
      n++;
      ch.sent.push(msg);
      const out = await ch.answer(msg, n);
      if (out.kind === 'accepted') {
        ch.accepted.push(...out.gatewayIds);
        for (const id of out.gatewayIds) refOf.set(id, msg.ref);
      }
      return out;
    },
    on(event, listener) {
      (listeners[event] as unknown[]).push(listener);
    },
    stats: () => ({ inFlight: 0, queued: 0, sent: n, accepted: 0, rejected: 0, timeouts: 0, reports: 0 }),
    async close() {},
    report(gatewayId, outcome, final = true, givenRef) {
      const ref = givenRef ?? refOf.get(gatewayId);
      return callListeners(listeners.report, { gateway, gatewayId, ...(ref !== undefined ? { ref } : {}), outcome, final, code: outcome, at: clock.now() });
    },
    mo(from, to, text) {
      return callListeners(listeners.mo, { gateway, from, to, text, at: clock.now() });
    },
  };
  if (gateway === 'rcs') ch.capability = async (msisdn) => ch.capabilities.get(msisdn) ?? 'capable';
  return ch;
}

export interface FakeLookup {
  lookup(msisdns: readonly string[]): Promise<Map<string, CarrierInfo>>;
  carriers: Map<string, string | null>;
  calls: string[][];
  failNext: number;
}

export function createFakeLookup(ownCarrier = 'KT'): FakeLookup {
  const f: FakeLookup = {
    carriers: new Map(),
    calls: [],
    failNext: 0,
    async lookup(msisdns) {
      f.calls.push([...msisdns]);
      if (f.failNext > 0) {
        f.failNext--;
        throw new Error('np api down');
      }
      const out = new Map<string, CarrierInfo>();
      for (const m of msisdns) {
        const carrier = f.carriers.has(m) ? (f.carriers.get(m) as string | null) : ownCarrier;
        out.set(m, { carrier, onNet: carrier === ownCarrier, ported: false });
      }
      return out;
    },
  };
  return f;
}

export interface FakeWebhooks {
  transport: (url: string, body: string, timeoutMs: number) => Promise<number>;
  posts: Array<{ url: string; body: Record<string, unknown> }>;
  /** Status answered to each POST in turn; 200 once the list is used up. */
  statuses: number[];
}

export function createFakeWebhooks(): FakeWebhooks {
  const f: FakeWebhooks = {
    posts: [],
    statuses: [],
    async transport(url, body) {
      f.posts.push({ url, body: JSON.parse(body) as Record<string, unknown> });
      return f.statuses.shift() ?? 200;
    },
  };
  return f;
}

/** Lets every promise and setImmediate chain the engine started run to its end (no clock time passes). */
export async function settle(turns = 30): Promise<void> {
  for (let i = 0; i < turns; i++) await new Promise<void>((r) => setImmediate(r));
}

export interface Harness {
  engine: Engine;
  clock: ManualClock;
  store: Store;
  channels: Map<GatewayName, FakeChannel>;
  lookup: FakeLookup;
  webhooks: FakeWebhooks;
  events: EngineEvent[];
  tenant: Tenant;
  ch(gw: GatewayName): FakeChannel;
  submit(...reqs: Array<Partial<MessageRequest>>): Promise<string[]>;
  /** The message as the engine shows it (memory while in flight, else the store). */
  rec(id: string): Promise<MessageRecord>;
  /** Advance the clock in steps, settling after each (timers that start async work need it). */
  advance(ms: number, step?: number): Promise<void>;
}

export const TENANT_WEBHOOK = 'http://127.0.0.1:9/status';
export const TENANT_MO = 'http://127.0.0.1:9/mo';

export function testConfig(extra: EngineConfigInput = {}): ReturnType<typeof engineConfigSchema.parse> {
  return engineConfigSchema.parse({
    tenants: [{ id: 'acme', apiKeys: ['acme-key-0001'], senders: ['15880000'], webhookUrl: TENANT_WEBHOOK, moWebhookUrl: TENANT_MO }],
    store: { kind: 'memory' },
    ...extra,
  });
}

export async function createHarness(o: {
  config?: EngineConfigInput;
  store?: Store;
  clock?: ManualClock;
  gateways?: GatewayName[];
  seed?: string;
  engine?: Partial<EngineOptions>;
  start?: boolean;
} = {}): Promise<Harness> {
  const clock = o.clock ?? createManualClock(MORNING_KST);
  const store = o.store ?? createMemoryStore();
  const config = testConfig(o.config);
  const channels = new Map<GatewayName, FakeChannel>();
  for (const gw of o.gateways ?? (['smsvas', 'gmmsc', 'rcs', 'xroshot'] as GatewayName[])) channels.set(gw, createFakeChannel(gw, clock));
  const lookup = createFakeLookup();
  const webhooks = createFakeWebhooks();
  const engine = createEngine({
    config,
    store,
    channels,
    carrierLookup: lookup,
    clock,
    rng: createRng(o.seed ?? 'engine-core'),
    webhookTransport: webhooks.transport,
    log: () => {},
    ...o.engine,
  });
  const events: EngineEvent[] = [];
  engine.on('event', (e) => events.push(e));
  if (o.start ?? true) {
    await engine.start();
    await settle();
  }
  const tenant = config.tenants[0];
  const h: Harness = {
    engine,
    clock,
    store,
    channels,
    lookup,
    webhooks,
    events,
    tenant,
    ch(gw) {
      const c = channels.get(gw);
      if (c === undefined) throw new Error(`no fake ${gw} channel`);
      return c;
    },
    async submit(...reqs) {
      const full = reqs.map((r) => ({ to: '01012340001', from: '15880000', text: 'hello', priority: 'realtime', ad: false, ...r }) as MessageRequest);
      const res = await engine.submit(tenant, full, (i) => `recipients[${i}].`);
      if (!res.ok) throw new Error(`submit refused: ${JSON.stringify(res.errors)}`);
      await settle();
      return res.items.map((i) => i.id);
    },
    async rec(id) {
      const r = await engine.get(tenant, id);
      if (r === null) throw new Error(`no message ${id}`);
      return r;
    },
    async advance(ms, step = ms) {
      let left = ms;
      while (left > 0) {
        const d = Math.min(step, left);
        clock.advance(d);
        left -= d;
        await settle();
      }
    },
  };
  return h;
}

