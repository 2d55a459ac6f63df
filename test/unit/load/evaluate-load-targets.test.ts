import { describe, expect, it } from 'vitest';
import { createEngineMetrics } from '../../../engine/engine-metrics.ts';
import { createMetricsProgressProbe, parseEngineMetrics } from '../../../load/engine-progress-probe.ts';
import { evaluateLoadTargets, perHour } from '../../../load/evaluate-load-targets.ts';

const targets = { sustainedPerHour: 350_000, intakeP99Ms: 250, errors: 0.001 };

describe('evaluateLoadTargets', () => {
  it('passes figures exactly at the targets and misses each one beyond it', () => {
    const at = { acceptedPerHour: 350_000, finalPerHour: 350_000, intakeP99Ms: 250, errorRatio: 0.001 };
    expect(evaluateLoadTargets(at, targets).map((c) => [c.name, c.passed])).toEqual([
      ['accepted/hour', true],
      ['delivered/hour', true],
      ['intake p99 ms', true],
      ['error ratio', true],
    ]);
    const missed = evaluateLoadTargets({ acceptedPerHour: 349_999, finalPerHour: 100, intakeP99Ms: 251, errorRatio: 0.002 }, targets);
    expect(missed.filter((c) => !c.passed).map((c) => c.name)).toEqual(['accepted/hour', 'delivered/hour', 'intake p99 ms', 'error ratio']);
  });

  it('leaves delivered out when the progress is unknown', () => {
    const checks = evaluateLoadTargets({ acceptedPerHour: 1e9, finalPerHour: null, intakeP99Ms: 1, errorRatio: 0 }, targets);
    expect(checks.map((c) => c.name)).toEqual(['accepted/hour', 'intake p99 ms', 'error ratio']);
  });

  it('projects a count over milliseconds to an hour', () => {
    expect(perHour(97, 1000)).toBe(349_200);
    expect(perHour(5, 0)).toBe(0);
  });
});

describe('engine progress from /metrics', () => {
  it('reads accepted, final by state and the backlog from the engine registry', async () => {
    const m = createEngineMetrics();
    m.setGaugeSources({ inMemory: () => 7, queued: () => 0, inFlight: () => 0, circuits: () => ({}) });
    for (let i = 0; i < 10; i++) m.accepted(i % 2 ? 'sms' : 'lms', 'realtime');
    m.final('delivered', 'smsvas', 5);
    m.final('delivered', 'xroshot', 5);
    m.final('failed', 'gmmsc', 5);
    expect(parseEngineMetrics(await m.registry.metrics())).toEqual({ accepted: 10, final: 3, finalByState: { delivered: 2, failed: 1 }, backlog: 7 });
  });

  it('knows a fresh engine (counters without children) from a server without engine metrics', async () => {
    expect(parseEngineMetrics(await createEngineMetrics().registry.metrics())).toMatchObject({ accepted: 0, final: 0 });
    expect(parseEngineMetrics('process_cpu_seconds_total 3\n')).toBeNull();
  });

  it('counts from its first reading, so earlier traffic on a shared engine is left out', async () => {
    const m = createEngineMetrics();
    m.accepted('sms', 'realtime');
    m.final('delivered', 'smsvas', 1);
    const probe = createMetricsProgressProbe('http://engine', () => m.registry.metrics());
    expect(await probe.read()).toMatchObject({ accepted: 0, final: 0 });
    m.accepted('sms', 'realtime');
    m.accepted('sms', 'realtime');
    m.final('expired', 'smsvas', 1);
    expect(await probe.read()).toMatchObject({ accepted: 2, final: 1, finalByState: { delivered: 0, expired: 1 } });
    expect(await createMetricsProgressProbe('http://x', async () => Promise.reject(new Error('down'))).read()).toBeNull();
  });
});
