// Runs a scenario's traffic steps on the scenario clock: each step fires at its offset; a batch's
// generated recipients are split into requests of at most maxBatch; a stream submits at its simulated
// rate in ticks, drawing each message's recipient and content kind from its mixes. Every draw comes
// from a fork of the scenario rng per step, so a run is the same for the same seed whatever the timing.
import type { Clock, Timer } from '../../gateways/kit/clock.ts';
import type { Rng } from '../../gateways/kit/rng.ts';
import type { ContentKind } from '../../engine/message.ts';
import type { RecipientSelector, StepKind, StreamStep, TrafficStep } from '../scenario-traffic-schema.ts';
import type { RecipientPicker } from './recipient-mix.ts';
import { generatedContent, stepContent, type ApiContent } from './step-content.ts';

/** One request to the engine: one message (`send`) or a batch with shared content. */
export interface Submission {
  /** Index of the step in `traffic`. */
  step: number;
  kind: StepKind;
  /** Offset on the scenario clock when it was made. */
  at: number;
  content: ApiContent;
  recipients: string[];
}

export interface TrafficSchedulerOptions {
  clock: Clock;
  /** Simulated epoch ms of offset 0. */
  start: number;
  steps: readonly TrafficStep[];
  rng: Rng;
  /** A picker drawing from `mix` with `rng`. */
  picker(mix: readonly RecipientSelector[], rng: Rng): RecipientPicker;
  /** Sends one request; a rejection is the caller's to record (it never stops the traffic). */
  submit(s: Submission): Promise<unknown>;
  /** Recipients per batch request (the engine API takes 10,000). */
  maxBatch?: number;
  /** Simulated ms between stream ticks; default 50 real ms worth, at least 100 simulated ms. */
  tickMs?: number;
  /** A step could not be turned into requests (e.g. no recipient matches a selector). */
  onError?(step: number, err: unknown): void;
}

export interface TrafficScheduler {
  start(): void;
  /** Resolves once every step has fired and every submit has settled. */
  readonly done: Promise<void>;
  /** Offset at which the last step ends (a stream at `at + for`). */
  readonly endsAt: number;
  /** Messages handed to submit so far. */
  submitted(): number;
  stop(): void;
}

export const MAX_BATCH = 10_000;

export function stepEnd(step: TrafficStep): number {
  return step.kind === 'stream' ? step.at + step.for : step.at;
}

/** Messages a stream sends in all: its rate over its duration. */
export function streamTotal(step: StreamStep): number {
  return Math.round((step.rate * step.for) / 1000);
}

function chunk<T>(items: readonly T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}

function weightedPicker<T extends { weight: number }>(items: readonly T[], rng: Rng): () => number {
  const total = items.reduce((s, i) => s + i.weight, 0);
  const cum: number[] = [];
  let acc = 0;
  for (const i of items) cum.push((acc += i.weight / total));
  return () => {
    const u = rng.next();
    for (let i = 0; i < cum.length - 1; i++) if (u < cum[i]) return i;
    return cum.length - 1;
  };
}

export function createTrafficScheduler(opts: TrafficSchedulerOptions): TrafficScheduler {
  const { clock, start, steps } = opts;
  const maxBatch = opts.maxBatch ?? MAX_BATCH;
  const tickMs = opts.tickMs ?? Math.max(100, 50 * clock.speed);
  const timers = new Set<Timer>();
  let submittedCount = 0;
  let open = steps.length;
  let inFlight = 0;
  let stopped = false;
  let resolveDone!: () => void;
  const done = new Promise<void>((r) => (resolveDone = r));
  const settle = (): void => {
    if (open === 0 && inFlight === 0) resolveDone();
  };
  const offset = (): number => clock.now() - start;
  const at = (when: number, fn: () => void): void => {
    const t = clock.setTimer(() => {
      timers.delete(t);
      if (!stopped) fn();
    }, start + when - clock.now());
    timers.add(t);
  };
  const send = (s: Submission): void => {
    submittedCount += s.recipients.length;
    inFlight++;
    opts
      .submit(s)
      .catch(() => {})
      .finally(() => {
        inFlight--;
        settle();
      });
  };
  const finishStep = (): void => {
    open--;
    settle();
  };
  const fail = (i: number, err: unknown): void => {
    opts.onError?.(i, err);
    finishStep();
  };

  function runStep(i: number): void {
    const step = steps[i];
    const rng = opts.rng.fork(`traffic:${i}`);
    try {
      if (step.kind === 'send') {
        send({ step: i, kind: 'send', at: offset(), content: stepContent(step, start), recipients: [step.to] });
      } else if (step.kind === 'batch' || step.kind === 'scheduled') {
        const r = step.recipients;
        let numbers: string[];
        if (Array.isArray(r)) numbers = [...r];
        else {
          const picker = opts.picker(r.mix, rng.fork('recipients'));
          numbers = Array.from({ length: r.count }, () => picker.next());
        }
        const content = stepContent(step, start);
        for (const part of chunk(numbers, maxBatch)) send({ step: i, kind: step.kind, at: offset(), content, recipients: part });
      } else {
        runStream(i, step, rng);
        return;
      }
    } catch (err) {
      fail(i, err);
      return;
    }
    finishStep();
  }

  function runStream(i: number, step: StreamStep, rng: Rng): void {
    const total = streamTotal(step);
    const picker = opts.picker(step.mix.recipients, rng.fork('recipients'));
    const contentRng = rng.fork('content');
    const pickContent = weightedPicker(step.mix.content, contentRng);
    const contents: ApiContent[] = step.mix.content.map((c) => generatedContent(c.type as ContentKind, c.ad, step.from));
    let sent = 0;
    const tick = (): void => {
      const elapsed = offset() - step.at;
      const due = elapsed >= step.for ? total : Math.min(total, Math.floor((step.rate * elapsed) / 1000));
      try {
        if (due > sent) {
          const groups: string[][] = contents.map(() => []);
          for (; sent < due; sent++) {
            const c = pickContent();
            groups[c].push(picker.next());
          }
          const now = offset();
          groups.forEach((numbers, c) => {
            for (const part of chunk(numbers, maxBatch)) send({ step: i, kind: 'stream', at: now, content: contents[c], recipients: part });
          });
        }
      } catch (err) {
        fail(i, err);
        return;
      }
      if (sent >= total) finishStep();
      else at(Math.min(step.at + step.for, offset() + tickMs), tick);
    };
    tick();
  }

  return {
    start() {
      if (steps.length === 0) resolveDone();
      steps.forEach((s, i) => at(s.at, () => runStep(i)));
    },
    done,
    endsAt: steps.reduce((m, s) => Math.max(m, stepEnd(s)), 0),
    submitted: () => submittedCount,
    stop() {
      stopped = true;
      for (const t of timers) t.cancel();
      timers.clear();
      open = 0;
      settle();
    },
  };
}
