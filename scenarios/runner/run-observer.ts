// What the runner sees of each message while a scenario runs: its timeline (accepted, sent to a
// gateway, fallbacks, reports, final) in offsets on the scenario clock. In-process it listens to the
// engine's events; against an external engine the poller feeds it from GET /v1/messages/:id.
import type { GatewayName } from '../../engine/channel.ts';
import type { FallbackTrigger, MessageState } from '../../engine/message.ts';
import type { EngineEvent } from '../../engine/pipeline/engine-events.ts';

export interface MessageTimeline {
  id: string;
  /** Offset when the engine accepted it. */
  acceptedAt: number;
  /** State at intake: accepted, held (ad night window), failed (blocked ad). */
  intakeState: MessageState;
  submitted: Array<{ gateway: GatewayName; at: number }>;
  fallbacks: Array<{ from: GatewayName; to: GatewayName; trigger: FallbackTrigger; at: number }>;
  reports: Array<{ gateway: GatewayName; outcome: string; final: boolean; at: number }>;
  final: { state: MessageState; at: number; reason?: string } | null;
  /** Final events seen (more than one would be a second final state). */
  finals: number;
}

export interface RunCounts {
  accepted: number;
  final: number;
  delivered: number;
  fallbacks: number;
  submitted: number;
}

export interface RunObserver {
  onEvent(e: EngineEvent): void;
  /** An id the API answered (an external engine, where there are no events). */
  noteAccepted(id: string, state: MessageState, at: number): void;
  /** Replaces a message's timeline (the poller's view of an external engine). */
  replace(t: MessageTimeline): void;
  readonly timelines: ReadonlyMap<string, MessageTimeline>;
  counts(): RunCounts;
  /** Gateways whose circuit is open now. */
  openCircuits(): GatewayName[];
}

export function emptyTimeline(id: string, at: number, state: MessageState): MessageTimeline {
  return { id, acceptedAt: at, intakeState: state, submitted: [], fallbacks: [], reports: [], final: null, finals: 0 };
}

/** `start`: simulated epoch ms of offset 0 (event times are simulated epoch ms). */
export function createRunObserver(start: number): RunObserver {
  const timelines = new Map<string, MessageTimeline>();
  const circuits = new Map<GatewayName, string>();
  const counts: RunCounts = { accepted: 0, final: 0, delivered: 0, fallbacks: 0, submitted: 0 };
  const orphan = (id: string, at: number): MessageTimeline => {
    // An event before its accepted event cannot happen in-process; keep the message anyway.
    const t = emptyTimeline(id, at, 'accepted');
    timelines.set(id, t);
    counts.accepted++;
    return t;
  };
  const timeline = (id: string, at: number): MessageTimeline => timelines.get(id) ?? orphan(id, at);

  return {
    onEvent(e) {
      switch (e.type) {
        case 'accepted': {
          if (timelines.has(e.id)) return;
          timelines.set(e.id, emptyTimeline(e.id, e.at - start, e.state));
          counts.accepted++;
          return;
        }
        case 'submitted':
          timeline(e.id, e.at - start).submitted.push({ gateway: e.gateway, at: e.at - start });
          counts.submitted++;
          return;
        case 'fallback':
          timeline(e.id, e.at - start).fallbacks.push({ from: e.from, to: e.to, trigger: e.trigger, at: e.at - start });
          counts.fallbacks++;
          return;
        case 'report':
          timeline(e.id, e.at - start).reports.push({ gateway: e.gateway, outcome: e.outcome, final: e.final, at: e.at - start });
          return;
        case 'final': {
          const t = timeline(e.id, e.at - start);
          t.finals++;
          if (t.final !== null) return;
          t.final = { state: e.state, at: e.at - start, ...(e.reason !== undefined ? { reason: e.reason } : {}) };
          counts.final++;
          if (e.state === 'delivered') counts.delivered++;
          return;
        }
        case 'circuit':
          circuits.set(e.gateway, e.state);
          return;
        default:
          return;
      }
    },
    noteAccepted(id, state, at) {
      if (timelines.has(id)) return;
      timelines.set(id, emptyTimeline(id, at, state));
      counts.accepted++;
    },
    replace(t) {
      const prev = timelines.get(t.id);
      if (prev === undefined) counts.accepted++;
      if (prev?.final == null && t.final !== null) {
        counts.final++;
        if (t.final.state === 'delivered') counts.delivered++;
      }
      counts.fallbacks += t.fallbacks.length - (prev?.fallbacks.length ?? 0);
      counts.submitted += t.submitted.length - (prev?.submitted.length ?? 0);
      timelines.set(t.id, t);
    },
    timelines,
    counts: () => ({ ...counts }),
    openCircuits: () => [...circuits].filter(([, s]) => s === 'open').map(([gw]) => gw),
  };
}
