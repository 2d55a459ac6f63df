// How far the engine has got with what it accepted: messages accepted, messages in a final state and
// the backlog of non-final messages. In-process, read from the engine itself; for a target URL, from
// its Prometheus /metrics (counters as deltas from the first reading, since a shared engine may
// already have counted other traffic).
import type { Engine } from '../engine/engine.ts';

export interface EngineProgress {
  accepted: number;
  /** Messages in a final state (delivered, failed, expired, cancelled). */
  final: number;
  finalByState: Record<string, number>;
  /** Non-final messages the engine holds (accepted, queued, in flight, awaiting a report, scheduled). */
  backlog: number;
}

export interface ProgressProbe {
  readonly source: 'engine' | 'metrics';
  /** null when the progress cannot be read (e.g. a target without /metrics). */
  read(): Promise<EngineProgress | null>;
}

export function createLocalProgressProbe(engine: Pick<Engine, 'snapshot'>): ProgressProbe {
  const base = engine.snapshot();
  const baseFinal = { ...base.final };
  return {
    source: 'engine',
    async read() {
      const s = engine.snapshot();
      const finalByState: Record<string, number> = {};
      for (const [state, n] of Object.entries(s.final)) finalByState[state] = n - (baseFinal[state] ?? 0);
      return { accepted: s.accepted - base.accepted, final: sum(finalByState), finalByState, backlog: s.inMemory };
    },
  };
}

/** Reads `<url>/metrics`; `fetchText` is replaceable for tests. */
export function createMetricsProgressProbe(url: string, fetchText: (u: string) => Promise<string> = defaultFetch): ProgressProbe {
  let base: EngineProgress | null | undefined;
  const scrape = async (): Promise<EngineProgress | null> => {
    try {
      return parseEngineMetrics(await fetchText(`${url.replace(/\/$/, '')}/metrics`));
    } catch {
      return null;
    }
  };
  return {
    source: 'metrics',
    async read() {
      if (base === undefined) base = await scrape();
      const now = await scrape();
      if (base === null || now === null) return null;
      const finalByState: Record<string, number> = {};
      for (const [state, n] of Object.entries(now.finalByState)) finalByState[state] = n - (base.finalByState[state] ?? 0);
      return { accepted: now.accepted - base.accepted, final: sum(finalByState), finalByState, backlog: now.backlog };
    },
  };
}

/** The engine's counters in Prometheus text format; null when they are not there. */
export function parseEngineMetrics(text: string): EngineProgress | null {
  let accepted: number | null = null;
  let backlog = 0;
  const finalByState: Record<string, number> = {};
  for (const line of text.split('\n')) {
    if (line.startsWith('#')) continue;
    const m = /^([a-z_]+)(\{[^}]*\})?\s+(\S+)/.exec(line);
    if (m === null) continue;
    const value = Number(m[3]);
    if (!Number.isFinite(value)) continue;
    if (m[1] === 'msgsim_engine_messages_accepted_total') accepted = (accepted ?? 0) + value;
    else if (m[1] === 'msgsim_engine_messages_in_memory') backlog = value;
    else if (m[1] === 'msgsim_engine_messages_final_total') {
      const state = /state="([^"]*)"/.exec(m[2] ?? '')?.[1] ?? 'unknown';
      finalByState[state] = (finalByState[state] ?? 0) + value;
    }
  }
  // A counter with no labelled child yet prints only its HELP and TYPE lines: known, and zero.
  if (accepted === null && !text.includes('msgsim_engine_messages_accepted_total')) return null;
  return { accepted: accepted ?? 0, final: sum(finalByState), finalByState, backlog };
}

const sum = (byState: Record<string, number>): number => Object.values(byState).reduce((a, b) => a + b, 0);

async function defaultFetch(u: string): Promise<string> {
  const res = await fetch(u, { signal: AbortSignal.timeout(5000) });
  if (!res.ok) throw new Error(`${u}: HTTP ${res.status}`);
  return res.text();
}
