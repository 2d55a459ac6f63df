// Injects a scenario's faults into the simulators at their offsets on the scenario clock, and lifts
// them when their window ends: an outage through the admin API's outage endpoint; a latency spike and
// an error burst by swapping the behaviour in force (PUT /admin/behaviour) for one that answers
// slowly or rejects a share of the message requests, then putting the original back; webhook-down by
// closing the gate in front of the engine's callback receiver. Changes to one gateway are applied in
// order, and a behaviour swap re-applies an outage in force (a reload starts a fresh model).
import type { GatewayName } from '../../engine/channel.ts';
import type { Behaviour } from '../../gateways/kit/behaviour-schema.ts';
import type { Clock, Timer } from '../../gateways/kit/clock.ts';
import type { LatencySpec } from '../../gateways/kit/latency.ts';
import { formatMs } from '../report/report-format.ts';
import type { FaultWindow } from '../report/scenario-result.ts';
import type { Fault } from '../scenario-expect-schema.ts';
import { adminCall, type AdminPort } from './admin-port.ts';
import type { WebhookGate } from './webhook-gate.ts';

/** The requests that carry a message, per gateway (an error burst rejects only these). */
export const MESSAGE_OPERATIONS: Readonly<Record<GatewayName, string[]>> = {
  smsvas: ['submit_sm', 'submit_multi', 'data_sm'],
  gmmsc: ['SubmitReq'],
  rcs: ['sendMessage'],
  xroshot: ['req_send_message_2'],
};

export interface FaultInjectorOptions {
  clock: Clock;
  /** Simulated epoch ms of offset 0. */
  start: number;
  faults: readonly Fault[];
  admin(gateway: GatewayName): AdminPort | null;
  gate(gateway: GatewayName): WebhookGate | null;
  onError?(fault: Fault, err: unknown): void;
}

export interface FaultInjector {
  start(): void;
  /** Lifts every fault still in force and restores the original behaviours. */
  stop(): Promise<void>;
  /** Faults that have started, with their window (until null: still in force / to the end). */
  windows(): FaultWindow[];
  /** Short text of the faults in force, e.g. 'smsvas outage'. */
  active(): string[];
}

export function describeLatency(l: LatencySpec): string {
  if (typeof l === 'number') return formatMs(l);
  if ('fixed' in l) return formatMs(l.fixed);
  if ('uniform' in l) return `${formatMs(l.uniform.min)}–${formatMs(l.uniform.max)}`;
  if ('normal' in l) return `normal ${formatMs(l.normal.mean)}`;
  return `lognormal ${formatMs(l.lognormal.median)}`;
}

export function faultDetail(f: Fault): string | undefined {
  switch (f.kind) {
    case 'outage':
      return f.mode === 'slow' && f.latency !== undefined ? `slow ${describeLatency(f.latency)}` : f.mode;
    case 'latency-spike':
      return describeLatency(f.latency);
    case 'error-burst':
      return `${f.reason} ${Math.round(f.ratio * 100)}%`;
    case 'webhook-down':
      return undefined;
  }
}

/** The behaviour while these spikes and bursts are in force: the last spike's latency everywhere, bursts first. */
export function faultedBehaviour(original: Behaviour, gateway: GatewayName, active: readonly Fault[]): Behaviour {
  let spec: Behaviour = original;
  const spike = [...active].reverse().find((f) => f.kind === 'latency-spike');
  if (spike !== undefined && spike.kind === 'latency-spike') {
    spec = { ...spec, latency: spike.latency, rules: spec.rules.map((r) => ({ ...r, latency: spike.latency })) };
  }
  const bursts = active.flatMap((f, i) =>
    f.kind === 'error-burst'
      ? [{ name: `scenario-error-burst-${i + 1}`, when: { operation: MESSAGE_OPERATIONS[gateway], probability: f.ratio }, then: { reject: f.reason }, ...(spike?.kind === 'latency-spike' ? { latency: spike.latency } : {}) }]
      : [],
  );
  if (bursts.length > 0) spec = { ...spec, rules: [...(bursts as Behaviour['rules']), ...spec.rules] };
  return spec;
}

export function createFaultInjector(opts: FaultInjectorOptions): FaultInjector {
  const { clock, start } = opts;
  const timers = new Set<Timer>();
  const windows: Array<FaultWindow & { fault: Fault; ended: boolean }> = [];
  const chains = new Map<GatewayName, Promise<void>>();
  const originals = new Map<GatewayName, Behaviour>();
  const swaps = new Map<GatewayName, Fault[]>();
  const outages = new Map<GatewayName, Fault>();
  let stopped = false;

  const queue = (gw: GatewayName, fault: Fault, job: () => Promise<void>): Promise<void> => {
    const next = (chains.get(gw) ?? Promise.resolve()).then(job).catch((err: unknown) => opts.onError?.(fault, err));
    chains.set(gw, next);
    return next;
  };
  const port = (gw: GatewayName): AdminPort => {
    const p = opts.admin(gw);
    if (p === null) throw new Error(`no admin API for ${gw}`);
    return p;
  };
  const outageBody = (f: Fault) => (f.kind === 'outage' ? { mode: f.mode, ...(f.latency !== undefined ? { latency: f.latency } : {}) } : {});

  async function applySwaps(gw: GatewayName): Promise<void> {
    const admin = port(gw);
    let original = originals.get(gw);
    if (original === undefined) {
      original = (await adminCall(admin, 'GET', '/admin/behaviour')) as Behaviour;
      originals.set(gw, original);
    }
    await adminCall(admin, 'PUT', '/admin/behaviour', faultedBehaviour(original, gw, swaps.get(gw) ?? []));
    const outage = outages.get(gw);
    if (outage !== undefined) await adminCall(admin, 'POST', '/admin/outage', outageBody(outage));
  }

  function begin(f: Fault): Promise<void> {
    const gw = f.gateway;
    return queue(gw, f, async () => {
      if (f.kind === 'outage') {
        outages.set(gw, f);
        await adminCall(port(gw), 'POST', '/admin/outage', outageBody(f));
      } else if (f.kind === 'webhook-down') {
        const gate = opts.gate(gw);
        if (gate === null) throw new Error(`no webhook gate for ${gw}`);
        await gate.down();
      } else {
        swaps.set(gw, [...(swaps.get(gw) ?? []), f]);
        await applySwaps(gw);
      }
    });
  }

  function end(f: Fault): Promise<void> {
    const gw = f.gateway;
    return queue(gw, f, async () => {
      if (f.kind === 'outage') {
        if (outages.get(gw) === f) {
          outages.delete(gw);
          await adminCall(port(gw), 'DELETE', '/admin/outage');
        }
      } else if (f.kind === 'webhook-down') {
        await opts.gate(gw)?.up();
      } else {
        swaps.set(gw, (swaps.get(gw) ?? []).filter((x) => x !== f));
        await applySwaps(gw);
      }
    });
  }

  const schedule = (offset: number, fn: () => void): void => {
    const t = clock.setTimer(() => {
      timers.delete(t);
      if (!stopped) fn();
    }, start + offset - clock.now());
    timers.add(t);
  };

  return {
    start() {
      for (const f of opts.faults) {
        schedule(f.at, () => {
          const detail = faultDetail(f);
          const w = { fault: f, ended: false, gateway: f.gateway, kind: f.kind, at: f.at, until: f.for === undefined ? null : f.at + f.for, ...(detail !== undefined ? { detail } : {}) };
          windows.push(w);
          void begin(f);
          if (f.for !== undefined) {
            schedule(f.at + f.for, () => {
              w.ended = true;
              void end(f);
            });
          }
        });
      }
    },
    async stop() {
      stopped = true;
      for (const t of timers) t.cancel();
      timers.clear();
      const lifting = windows.filter((w) => !w.ended).map((w) => ((w.ended = true), end(w.fault)));
      await Promise.all([...lifting, ...chains.values()]);
      for (const [gw, original] of originals) {
        const admin = opts.admin(gw);
        if (admin !== null) await adminCall(admin, 'PUT', '/admin/behaviour', original).catch(() => {});
      }
    },
    windows: () => windows.map(({ fault: _f, ended: _e, ...w }) => w),
    active: () => windows.filter((w) => !w.ended).map((w) => `${w.gateway} ${w.kind}`),
  };
}
