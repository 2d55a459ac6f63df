import { describe, expect, it } from 'vitest';
import { createManualClock } from '../../../gateways/kit/clock.ts';
import { createDrainWaiter } from '../../../gateways/kit/drain-waiter.ts';

describe('drain waiter', () => {
  it('wakes the waiting close when the last request settles, and cancels its timer', async () => {
    const clock = createManualClock(0);
    const drain = createDrainWaiter(clock);
    expect(drain.waiting).toBe(false);
    drain.settled();
    let done = false;
    const waited = drain.wait(1_000).then(() => (done = true));
    expect(drain.waiting).toBe(true);
    drain.settled();
    await waited;
    expect(done).toBe(true);
    expect(drain.waiting).toBe(false);
    expect(clock.pending()).toBe(0);
  });

  it('gives up after the timeout', async () => {
    const clock = createManualClock(0);
    const drain = createDrainWaiter(clock);
    let done = false;
    const waited = drain.wait(1_000).then(() => (done = true));
    clock.advance(999);
    await Promise.resolve();
    expect(done).toBe(false);
    clock.advance(1);
    await waited;
    expect(drain.waiting).toBe(false);
  });
});
