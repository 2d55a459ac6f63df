import { describe, expect, it } from 'vitest';
import { createManualClock } from '../../../../gateways/kit/clock.ts';
import { createSendDispatcher, type DispatchTarget } from '../../../../gateways/xroshot/client/send-dispatcher.ts';

function target(name: string, room: number, log: string[], tps: number | null = null): DispatchTarget<number> & { room: number; ready: boolean } {
  const t = {
    ready: true,
    tps,
    room,
    hasRoom: () => t.room > 0,
    send(job: number) {
      t.room--;
      log.push(`${name}:${job}`);
    },
  };
  return t;
}

describe('Xroshot send dispatcher', () => {
  it('round-robins over ready sessions with room and queues the rest', () => {
    const clock = createManualClock();
    const log: string[] = [];
    const d = createSendDispatcher<number>({ clock });
    const a = target('a', 2, log);
    const b = target('b', 1, log);
    d.setTargets([a, b]);
    for (let i = 1; i <= 5; i++) d.enqueue(i);
    expect(log).toEqual(['a:1', 'b:2', 'a:3']);
    expect(d.queued).toBe(2);
    b.room = 1;
    d.pump();
    expect(log.at(-1)).toBe('b:4');
    expect(d.drain()).toEqual([5]);
    expect(d.queued).toBe(0);
  });

  it('skips a session that is not registered', () => {
    const log: string[] = [];
    const d = createSendDispatcher<number>({ clock: createManualClock() });
    const a = target('a', 5, log);
    a.ready = false;
    d.setTargets([a, target('b', 5, log)]);
    d.enqueue(1);
    d.enqueue(2);
    expect(log).toEqual(['b:1', 'b:2']);
  });

  it('paces each session at its own TPS, so two sessions send twice the rate', () => {
    const clock = createManualClock();
    const log: string[] = [];
    const d = createSendDispatcher<number>({ clock, burst: 1 });
    d.setTargets([target('a', 1000, log, 10), target('b', 1000, log, 10)]);
    for (let i = 0; i < 100; i++) d.enqueue(i);
    expect(log).toHaveLength(2);
    clock.advance(1000);
    // 10/s each for one second on top of the initial burst of one per session.
    expect(log.length).toBe(22);
    expect(log.filter((l) => l.startsWith('a:')).length).toBe(11);
    d.stop();
    expect(clock.pending()).toBe(0);
  });

  it('paces each session at the rate it announced', () => {
    const clock = createManualClock();
    const log: string[] = [];
    const d = createSendDispatcher<number>({ clock, burst: 1 });
    d.setTargets([target('slow', 1000, log, 5), target('fast', 1000, log, 20)]);
    for (let i = 0; i < 100; i++) d.enqueue(i);
    clock.advance(1000);
    expect(log.filter((l) => l.startsWith('slow:')).length).toBe(6);
    expect(log.filter((l) => l.startsWith('fast:')).length).toBe(21);
    d.stop();
  });

  it('never writes a job whose notAfter has come by its turn, and still writes the ones within theirs', () => {
    const clock = createManualClock();
    const log: string[] = [];
    const expired: number[] = [];
    // Job n's deadline is n * 100 ms; job 0 has none.
    const d = createSendDispatcher<number>({ clock, notAfter: (n) => (n === 0 ? undefined : n * 100), onExpired: (n) => expired.push(n) });
    for (const n of [1, 2, 0, 5]) d.enqueue(n);
    clock.advance(200);
    d.setTargets([target('a', 10, log)]);
    expect(expired).toEqual([1, 2]);
    expect(log).toEqual(['a:0', 'a:5']);
  });

  it('does not let expired jobs use up the rate of the live ones behind them', () => {
    const clock = createManualClock();
    const log: string[] = [];
    const expired: number[] = [];
    const d = createSendDispatcher<number>({ clock, burst: 1, notAfter: (n) => (n < 100 ? 50 : 10_000), onExpired: (n) => expired.push(n) });
    for (let i = 0; i < 20; i++) d.enqueue(i);
    for (let i = 100; i < 103; i++) d.enqueue(i);
    clock.advance(100);
    d.setTargets([target('a', 1000, log, 10)]);
    expect(expired).toHaveLength(20);
    expect(log).toEqual(['a:100']);
    clock.advance(200);
    expect(log).toEqual(['a:100', 'a:101', 'a:102']);
    d.stop();
  });
});
