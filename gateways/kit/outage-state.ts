// Which outage, if any, is in force: one set by hand (admin API) wins over the schedule in the spec.

import type { ScheduledOutageSpec } from './behaviour-schema.ts';
import { KitError } from './kit-errors.ts';
import type { LatencySpec } from './latency.ts';

export type OutageMode = 'refuse' | 'blackhole' | 'slow';

export interface ActiveOutage {
  mode: OutageMode;
  latency?: LatencySpec;
  /** Simulated epoch ms when it ends, or null when open-ended. */
  until: number | null;
}

export interface OutageRequest {
  mode: OutageMode;
  durationMs?: number;
  latency?: LatencySpec;
}

/** Latency of a 'slow' outage set without one. */
export const DEFAULT_SLOW_LATENCY_MS = 5000;

export interface OutageState {
  active(now: number): ActiveOutage | null;
  /** null ends the manual outage and also any scheduled one in force now. */
  set(o: OutageRequest | null, now: number): void;
}

interface Window {
  start: number;
  end: number | null;
  outage: ActiveOutage;
}

function toEpoch(moment: number | string, createdAt: number): number {
  return typeof moment === 'number' ? createdAt + moment : Date.parse(moment);
}

export function createOutageState(schedule: readonly ScheduledOutageSpec[], createdAt: number): OutageState {
  const windows: Window[] = schedule.map((o) => {
    const start = toEpoch(o.start, createdAt);
    const end = o.end === undefined ? null : toEpoch(o.end, createdAt);
    const outage: ActiveOutage = o.latency === undefined ? { mode: o.mode, until: end } : { mode: o.mode, latency: o.latency, until: end };
    return { start, end, outage: Object.freeze(outage) };
  });
  const dismissed = new Set<number>();
  let manual: ActiveOutage | null = null;

  const inForce = (w: Window, i: number, now: number): boolean => !dismissed.has(i) && w.start <= now && (w.end === null || now < w.end);

  return {
    active(now) {
      if (manual !== null) {
        if (manual.until === null || now < manual.until) return manual;
        manual = null;
      }
      for (let i = 0; i < windows.length; i++) if (inForce(windows[i], i, now)) return windows[i].outage;
      return null;
    },
    set(o, now) {
      if (o === null) {
        manual = null;
        windows.forEach((w, i) => {
          if (inForce(w, i, now)) dismissed.add(i);
        });
        return;
      }
      if (o.mode !== 'refuse' && o.mode !== 'blackhole' && o.mode !== 'slow') {
        throw new KitError('KIT_ERR_BAD_ARGUMENT', `outage mode must be refuse, blackhole or slow, got ${String(o.mode)}`);
      }
      if (o.durationMs !== undefined && !(Number.isFinite(o.durationMs) && o.durationMs > 0)) {
        throw new KitError('KIT_ERR_BAD_ARGUMENT', `outage duration must be > 0 ms, got ${o.durationMs}`);
      }
      const until = o.durationMs === undefined ? null : now + o.durationMs;
      manual = Object.freeze(o.mode === 'slow' ? { mode: o.mode, latency: o.latency ?? DEFAULT_SLOW_LATENCY_MS, until } : { mode: o.mode, until });
    },
  };
}
