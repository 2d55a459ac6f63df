// The engine's Prometheus metrics (served at /metrics by the API) and the same counts as plain numbers
// for snapshot(). Labelled children are looked up once per label set: a prom-client labels() call
// hashes its arguments, which is measurable at 10,000 messages/s.
import { Counter, Gauge, Histogram, Registry } from 'prom-client';
import type { GatewayName } from './channel.ts';
import type { MessageState } from './message.ts';

export interface EngineGaugeSources {
  inMemory(): number;
  queued(): number;
  inFlight(): number;
  circuits(): Partial<Record<GatewayName, 'closed' | 'open' | 'half-open'>>;
}

export interface EngineCounts {
  accepted: number;
  final: Record<string, number>;
  fallbacks: number;
  resubmittedAfterRestart: number;
  reports: number;
  mo: number;
  webhooks: { ok: number; retried: number; failed: number };
}

export interface EngineMetrics {
  readonly registry: Registry;
  accepted(kind: string, priority: string): void;
  final(state: MessageState, gateway: string, latencyMs: number): void;
  fallback(trigger: string, from: GatewayName, to: GatewayName): void;
  gatewayOutcome(gateway: GatewayName, outcome: string): void;
  report(gateway: GatewayName, outcome: string): void;
  resubmitted(n: number): void;
  webhook(kind: 'status' | 'mo', result: 'ok' | 'retry' | 'failed'): void;
  mo(gateway: GatewayName): void;
  counts(): EngineCounts;
  setGaugeSources(sources: EngineGaugeSources): void;
}

const CIRCUIT_VALUE = { closed: 0, 'half-open': 1, open: 2 } as const;

export function createEngineMetrics(registry: Registry = new Registry()): EngineMetrics {
  const reg = [registry];
  const acceptedC = new Counter({ name: 'msgsim_engine_messages_accepted_total', help: 'Messages accepted at intake', labelNames: ['kind', 'priority'], registers: reg });
  const finalC = new Counter({ name: 'msgsim_engine_messages_final_total', help: 'Messages reaching a final state, by state and last gateway', labelNames: ['state', 'gateway'], registers: reg });
  const fallbackC = new Counter({ name: 'msgsim_engine_fallbacks_total', help: 'Moves to the next route leg', labelNames: ['trigger', 'from', 'to'], registers: reg });
  const outcomeC = new Counter({ name: 'msgsim_engine_gateway_outcomes_total', help: 'Synchronous answers to sends, per gateway', labelNames: ['gateway', 'outcome'], registers: reg });
  const reportC = new Counter({ name: 'msgsim_engine_reports_total', help: 'Delivery reports received', labelNames: ['gateway', 'outcome'], registers: reg });
  const resubmittedC = new Counter({ name: 'msgsim_engine_resubmitted_after_restart_total', help: 'Sends in flight at a crash, sent again on resume (possible duplicates)', registers: reg });
  const webhookC = new Counter({ name: 'msgsim_engine_webhook_deliveries_total', help: 'Tenant webhook POSTs', labelNames: ['kind', 'result'], registers: reg });
  const moC = new Counter({ name: 'msgsim_engine_mo_total', help: 'Mobile-originated messages received', labelNames: ['gateway'], registers: reg });
  const latencyH = new Histogram({
    name: 'msgsim_engine_intake_to_final_seconds',
    help: 'From acceptance to final state (engine clock)',
    labelNames: ['state'],
    buckets: [0.01, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 300, 3600, 86400],
    registers: reg,
  });
  let sources: EngineGaugeSources | null = null;
  new Gauge({ name: 'msgsim_engine_messages_in_memory', help: 'Non-final messages the engine holds in memory', registers: reg, collect() { this.set(sources?.inMemory() ?? 0); } });
  new Gauge({ name: 'msgsim_engine_messages_queued', help: 'Messages waiting for routing', registers: reg, collect() { this.set(sources?.queued() ?? 0); } });
  new Gauge({ name: 'msgsim_engine_sends_in_flight', help: 'Sends handed to a gateway dispatcher and not answered', registers: reg, collect() { this.set(sources?.inFlight() ?? 0); } });
  new Gauge({
    name: 'msgsim_engine_circuit_state',
    help: 'Circuit breaker per gateway: 0 closed, 1 half-open, 2 open',
    labelNames: ['gateway'],
    registers: reg,
    collect() {
      for (const [gw, state] of Object.entries(sources?.circuits() ?? {})) if (state) this.set({ gateway: gw }, CIRCUIT_VALUE[state]);
    },
  });

  const children = new Map<Counter<string>, Map<string, { inc(): void }>>();
  const child = (c: Counter<string>, ...labels: string[]): { inc(): void } => {
    let byLabels = children.get(c);
    if (byLabels === undefined) {
      byLabels = new Map();
      children.set(c, byLabels);
    }
    const key = labels.join('\u0000');
    let ch = byLabels.get(key);
    if (ch === undefined) {
      ch = c.labels(...labels);
      byLabels.set(key, ch);
    }
    return ch;
  };
  const latencyChildren = new Map<string, { observe(v: number): void }>();

  const counts: EngineCounts = { accepted: 0, final: {}, fallbacks: 0, resubmittedAfterRestart: 0, reports: 0, mo: 0, webhooks: { ok: 0, retried: 0, failed: 0 } };

  return {
    registry,
    accepted(kind, priority) {
      counts.accepted++;
      child(acceptedC, kind, priority).inc();
    },
    final(state, gateway, latencyMs) {
      counts.final[state] = (counts.final[state] ?? 0) + 1;
      child(finalC, state, gateway).inc();
      let h = latencyChildren.get(state);
      if (h === undefined) {
        h = latencyH.labels(state);
        latencyChildren.set(state, h);
      }
      h.observe(Math.max(0, latencyMs) / 1000);
    },
    fallback(trigger, from, to) {
      counts.fallbacks++;
      child(fallbackC, trigger, from, to).inc();
    },
    gatewayOutcome(gateway, outcome) {
      child(outcomeC, gateway, outcome).inc();
    },
    report(gateway, outcome) {
      counts.reports++;
      child(reportC, gateway, outcome).inc();
    },
    resubmitted(n) {
      counts.resubmittedAfterRestart += n;
      resubmittedC.inc(n);
    },
    webhook(kind, result) {
      counts.webhooks[result === 'retry' ? 'retried' : result]++;
      child(webhookC, kind, result).inc();
    },
    mo(gateway) {
      counts.mo++;
      child(moC, gateway).inc();
    },
    counts: () => ({ ...counts, final: { ...counts.final }, webhooks: { ...counts.webhooks } }),
    setGaugeSources(s) {
      sources = s;
    },
  };
}
