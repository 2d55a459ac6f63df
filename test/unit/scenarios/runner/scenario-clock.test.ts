import { describe, expect, it } from 'vitest';
import { createScenarioClock } from '../../../../scenarios/runner/scenario-clock.ts';

describe('scenario clock', () => {
  it('stays at the scenario start until the run begins, then runs at the scenario speed', async () => {
    const start = Date.parse('2026-11-20T20:50:00+09:00');
    const clock = createScenarioClock({ speed: 600, start });
    await new Promise((r) => setTimeout(r, 30));
    expect(clock.now()).toBe(start);
    expect(clock.running).toBe(false);
    clock.go();
    await new Promise((r) => setTimeout(r, 50));
    const elapsed = clock.now() - start;
    expect(elapsed).toBeGreaterThanOrEqual(50 * 600 * 0.8);
    expect(elapsed).toBeLessThan(5000 * 600);
  });

  it('fires timers after their simulated delay divided by the speed once running', async () => {
    const clock = createScenarioClock({ speed: 1000, start: 0 });
    clock.go();
    const t0 = performance.now();
    const fired = await new Promise<number>((resolve) => clock.setTimer(() => resolve(performance.now() - t0), 20_000));
    expect(fired).toBeGreaterThanOrEqual(15);
    expect(fired).toBeLessThan(1000);
    let cancelled = true;
    clock.setTimer(() => (cancelled = false), 1000).cancel();
    await new Promise((r) => setTimeout(r, 10));
    expect(cancelled).toBe(true);
  });

  it('while held fires timers on real time, and re-arms the ones still waiting on the speed when the run begins', async () => {
    const clock = createScenarioClock({ speed: 1000, start: 0 });
    const t0 = performance.now();
    // A setup timeout: 40 ms stays 40 real ms while the stack is starting, whatever the speed.
    const setup = await new Promise<number>((resolve) => clock.setTimer(() => resolve(performance.now() - t0), 40));
    expect(setup).toBeGreaterThanOrEqual(35);
    // A report due 20 simulated seconds after the start: 20 real ms after the run begins.
    const due = new Promise<number>((resolve) => clock.setTimer(() => resolve(performance.now()), 20_000));
    let cancelled = true;
    clock.setTimer(() => (cancelled = false), 1000).cancel();
    await new Promise((r) => setTimeout(r, 30));
    const go = performance.now();
    clock.go();
    const fired = (await due) - go;
    expect(fired).toBeGreaterThanOrEqual(15);
    expect(fired).toBeLessThan(1000);
    expect(cancelled).toBe(true);
  });
});
