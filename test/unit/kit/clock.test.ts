import { describe, expect, it } from 'vitest';
import { createManualClock, createSystemClock } from '../../../gateways/kit/clock.ts';

describe('manual clock', () => {
  it('starts where told and only moves on advance()', () => {
    const clock = createManualClock(1_000);
    expect(clock.now()).toBe(1_000);
    clock.advance(250);
    expect(clock.now()).toBe(1_250);
  });

  it('fires due timers in time order, each seeing its own due time', () => {
    const clock = createManualClock(0);
    const fired: [string, number][] = [];
    clock.setTimer(() => fired.push(['b', clock.now()]), 200);
    clock.setTimer(() => fired.push(['a', clock.now()]), 100);
    clock.setTimer(() => fired.push(['c', clock.now()]), 300);
    clock.advance(250);
    expect(fired).toEqual([
      ['a', 100],
      ['b', 200],
    ]);
    expect(clock.now()).toBe(250);
    expect(clock.pending()).toBe(1);
  });

  it('fires timers with the same due time in the order they were set', () => {
    const clock = createManualClock(0);
    const fired: number[] = [];
    for (let i = 0; i < 5; i++) clock.setTimer(() => fired.push(i), 10);
    clock.advance(10);
    expect(fired).toEqual([0, 1, 2, 3, 4]);
  });

  it('also fires timers scheduled by fired timers when they fall due within the advance', () => {
    const clock = createManualClock(0);
    const fired: number[] = [];
    clock.setTimer(() => {
      fired.push(clock.now());
      clock.setTimer(() => fired.push(clock.now()), 30);
      clock.setTimer(() => fired.push(clock.now()), 500);
    }, 50);
    clock.advance(100);
    expect(fired).toEqual([50, 80]);
    expect(clock.pending()).toBe(1);
    clock.advance(500);
    expect(fired).toEqual([50, 80, 550]);
  });

  it('does not fire cancelled timers and stops counting them as pending', () => {
    const clock = createManualClock(0);
    let fired = false;
    const t = clock.setTimer(() => (fired = true), 10);
    expect(clock.pending()).toBe(1);
    t.cancel();
    t.cancel();
    expect(clock.pending()).toBe(0);
    clock.advance(100);
    expect(fired).toBe(false);
  });

  it('treats a negative delay as due now', () => {
    const clock = createManualClock(0);
    let fired = false;
    clock.setTimer(() => (fired = true), -5);
    clock.advance(0);
    expect(fired).toBe(true);
  });
});

describe('system clock', () => {
  it('starts at the given simulated time and runs `speed` times faster than real time', async () => {
    const clock = createSystemClock({ speed: 100, start: 0 });
    expect(clock.speed).toBe(100);
    const realStart = performance.now();
    await new Promise((r) => setTimeout(r, 50));
    const real = performance.now() - realStart;
    const simulated = clock.now();
    expect(simulated).toBeGreaterThanOrEqual(real * 100 * 0.8);
    expect(simulated).toBeLessThan((real + 50) * 100);
  });

  it('waits delayMs of simulated time, i.e. delayMs / speed of real time', async () => {
    const clock = createSystemClock({ speed: 600 });
    const realStart = performance.now();
    const simStart = clock.now();
    // 60 s simulated at 600x is 100 ms real.
    const simElapsed = await new Promise<number>((resolve) => clock.setTimer(() => resolve(clock.now() - simStart), 60_000));
    const real = performance.now() - realStart;
    expect(simElapsed).toBeGreaterThanOrEqual(60_000 - 1_200); // timers may fire up to ~1 ms (real) early
    expect(real).toBeGreaterThanOrEqual(90);
    expect(real).toBeLessThan(2_000);
  });

  it('does not call a cancelled timer', async () => {
    const clock = createSystemClock({ speed: 1000 });
    let fired = false;
    clock.setTimer(() => (fired = true), 10_000).cancel();
    await new Promise((r) => setTimeout(r, 30));
    expect(fired).toBe(false);
  });

  it('defaults to real time now and speed 1', () => {
    const clock = createSystemClock();
    expect(clock.speed).toBe(1);
    expect(Math.abs(clock.now() - Date.now())).toBeLessThan(1_000);
  });

  it('refuses a speed that is not positive', () => {
    expect(() => createSystemClock({ speed: 0 })).toThrow(expect.objectContaining({ code: 'KIT_ERR_BAD_ARGUMENT' }));
  });
});
