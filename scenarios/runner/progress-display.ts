// The progress of a running scenario: on a terminal one line rewritten in place, elsewhere (CI logs,
// pipes) a plain line every few seconds, so logs stay readable.
import { formatCount, formatMs, formatOffset } from '../report/report-format.ts';
import type { RunProgress } from './run-scenario.ts';

export interface ProgressSink {
  write(text: string): unknown;
  isTTY?: boolean;
  columns?: number;
}

export interface ProgressDisplay {
  update(p: RunProgress): void;
  /** Clears the terminal line so another message can be written; the next update redraws it. */
  interrupt(): void;
  /** Ends the scenario's progress (the terminal line stays, followed by a newline). */
  done(): void;
}

export function progressLine(p: RunProgress): string {
  const parts = [
    `${p.name}`,
    `${formatOffset(p.offset)} simulated`,
    `${formatCount(p.accepted)} accepted`,
    `${formatCount(p.final)} final`,
    `${formatCount(p.delivered)} delivered`,
    `${formatCount(p.fallbacks)} fallbacks`,
  ];
  if (p.refused > 0) parts.push(`${formatCount(p.refused)} refused`);
  if (p.faults.length > 0) parts.push(`fault: ${p.faults.join(', ')}`);
  if (p.openCircuits.length > 0) parts.push(`circuit open: ${p.openCircuits.join(', ')}`);
  parts.push(formatMs(p.wallMs));
  return parts.join(' · ');
}

export function createProgressDisplay(sink: ProgressSink, opts: { plainEveryMs?: number; now?: () => number } = {}): ProgressDisplay {
  const every = opts.plainEveryMs ?? 5000;
  const now = opts.now ?? (() => performance.now());
  let last: RunProgress | null = null;
  let lastPrinted = -Infinity;
  let lineOpen = false;
  return {
    update(p) {
      last = p;
      if (sink.isTTY) {
        const width = Math.max(20, (sink.columns ?? 120) - 1);
        const line = progressLine(p);
        sink.write(`\r\x1b[2K${line.length > width ? `${line.slice(0, width - 1)}…` : line}`);
        lineOpen = true;
      } else if (now() - lastPrinted >= every) {
        lastPrinted = now();
        sink.write(`${progressLine(p)}\n`);
      }
    },
    interrupt() {
      if (sink.isTTY && lineOpen) {
        sink.write('\r\x1b[2K');
        lineOpen = false;
      }
    },
    done() {
      if (sink.isTTY) {
        if (lineOpen) sink.write('\n');
      } else if (last !== null) sink.write(`${progressLine(last)}\n`);
      lineOpen = false;
      last = null;
      lastPrinted = -Infinity;
    },
  };
}
