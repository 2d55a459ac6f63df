// One phase of a load profile through autocannon's programmatic API: `connections` closed-loop HTTP
// connections (optionally pipelined and capped at `rate` requests/s) for `duration`, each request built
// by the phase's RequestGenerator at the moment it is sent.
import autocannon from 'autocannon';
import type { ContentKind, LoadPhase } from './load-profile-schema.ts';
import type { RequestGenerator } from './request-generator.ts';

export interface LatencySummary {
  p50: number;
  p90: number;
  p99: number;
  max: number;
  mean: number;
}

export interface PhaseResult {
  name: string;
  measured: boolean;
  kind: 'batch' | 'single';
  batchSize: number;
  connections: number;
  pipelining: number;
  rate: number | null;
  /** Wall time the phase ran. */
  durationMs: number;
  requests: { sent: number; answered: number; ok: number; non2xx: number; errors: number; timeouts: number; perSecond: number };
  statusCodes: Record<string, number>;
  /** HTTP answer time of the intake (ms). */
  latencyMs: LatencySummary;
  /** Messages in 2xx answers (batch size x 2xx), in total and per second of the phase. */
  accepted: { messages: number; perSecond: number };
  /** Messages generated per content kind (requests built, answered or not). */
  mix: Record<ContentKind, number>;
}

export interface RunLoadPhaseOptions {
  url: string;
  apiKey: string;
  phase: LoadPhase;
  /** Overrides phase.duration. */
  durationMs?: number;
  generator: RequestGenerator;
  /** Seconds before an unanswered request counts as a timeout (an error). */
  timeoutSeconds?: number;
  /** Called with each 2xx answer's message ids (the body is parsed only when this is given). */
  onAccepted?: (ids: string[]) => void;
}

export async function runLoadPhase(opts: RunLoadPhaseOptions): Promise<PhaseResult> {
  const { phase, generator } = opts;
  const durationMs = opts.durationMs ?? phase.duration;
  const headers = { 'content-type': 'application/json', authorization: `Bearer ${opts.apiKey}` };
  const onAccepted = opts.onAccepted;
  const started = Date.now();
  const result = await autocannon({
    url: opts.url,
    connections: phase.connections,
    pipelining: phase.pipelining,
    duration: durationMs / 1000,
    timeout: opts.timeoutSeconds ?? 30,
    ...(phase.rate === undefined ? {} : { overallRate: phase.rate }),
    requests: [
      {
        method: 'POST',
        setupRequest: (req) => {
          const g = generator.next();
          return { ...req, path: g.path, body: g.body, headers: { ...headers, 'idempotency-key': g.idempotencyKey } };
        },
        ...(onAccepted === undefined ? {} : { onResponse: (status: number, body: string) => acceptedIds(status, body, onAccepted) }),
      },
    ],
  });
  const elapsed = Date.now() - started;
  const seconds = elapsed / 1000;
  const ok = result['2xx'];
  const answered = ok + result.non2xx;
  const statusCodes: Record<string, number> = {};
  for (const [code, s] of Object.entries(result.statusCodeStats ?? {})) statusCodes[code] = s.count ?? 0;
  const accepted = ok * phase.request.batchSize;
  return {
    name: phase.name,
    measured: phase.measure,
    kind: phase.request.kind,
    batchSize: phase.request.batchSize,
    connections: phase.connections,
    pipelining: phase.pipelining,
    rate: phase.rate ?? null,
    durationMs: elapsed,
    requests: { sent: result.requests.sent, answered, ok, non2xx: result.non2xx, errors: result.errors, timeouts: result.timeouts, perSecond: answered / seconds },
    statusCodes,
    latencyMs: { p50: result.latency.p50, p90: result.latency.p90, p99: result.latency.p99, max: result.latency.max, mean: result.latency.mean },
    accepted: { messages: accepted, perSecond: accepted / seconds },
    mix: generator.tally(),
  };
}

function acceptedIds(status: number, body: string, onAccepted: (ids: string[]) => void): void {
  if (status < 200 || status > 299) return;
  const parsed = JSON.parse(body) as { id?: string; items?: { id: string }[] };
  onAccepted(parsed.items !== undefined ? parsed.items.map((i) => i.id) : parsed.id !== undefined ? [parsed.id] : []);
}
