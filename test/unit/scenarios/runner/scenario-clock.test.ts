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

  it('fires timers after their simulated delay divided by the speed, even while held', async () => {
    const clock = createScenarioClock({ speed: 1000, start: 0 });
    const t0 = performance.now();
    const fired = await new Promise<number>((resolve) => clock.setTimer(() => resolve(performance.now() - t0), 20_000));
    expect(fired).toBeGreaterThanOrEqual(15);
    let cancelled = true;
    clock.setTimer(() => (cancelled = false), 1000).cancel();
    await new Promise((r) => setTimeout(r, 10));
    expect(cancelled).toBe(true);
  });
});
