import { describe, expect, it } from 'vitest';
import { createManualClock } from '../../../../gateways/kit/clock.ts';
import type { ChannelOutcome, OutboundMessage } from '../../../../engine/channel.ts';
import { createSendTimeout } from '../../../../engine/dispatch/send-timeout.ts';
import { ACCEPTED, createFakeChannel, flush, message } from './fake-channel.ts';

describe('per-send timeout', () => {
  it('passes an answer that comes in time', async () => {
    const clock = createManualClock(0);
    const channel = createFakeChannel(clock.now);
    const timed = createSendTimeout({ channel, timeoutMs: 1_000, clock });
    const p = timed.send(message('a1'));
    clock.advance(999);
    channel.calls[0].settle(ACCEPTED('g1'));
    expect(await p).toEqual(ACCEPTED('g1'));
    expect(timed.timeouts).toBe(0);
    expect(timed.pending).toBe(0);
  });

  it('answers timeout when no answer comes in time, and hands a late acceptance to onLateAccept', async () => {
    const clock = createManualClock(0);
    const channel = createFakeChannel(clock.now);
    const late: [OutboundMessage, ChannelOutcome][] = [];
    const timed = createSendTimeout({ channel, timeoutMs: 1_000, clock, onLateAccept: (m, o) => late.push([m, o]) });
    const msg = message('a1');
    const p = timed.send(msg);
    clock.advance(1_000);
    expect(await p).toEqual({ kind: 'timeout' });
    expect(timed.timeouts).toBe(1);
    channel.calls[0].settle(ACCEPTED('g-late'));
    await flush();
    expect(late).toEqual([[msg, ACCEPTED('g-late')]]);
    expect(timed.late).toBe(1);
  });

  it('counts a late refusal without calling onLateAccept', async () => {
    const clock = createManualClock(0);
    const channel = createFakeChannel(clock.now);
    let called = 0;
    const timed = createSendTimeout({ channel, timeoutMs: 10, clock, onLateAccept: () => called++ });
    const p = timed.send(message('a1'));
    clock.advance(10);
    await p;
    channel.calls[0].settle({ kind: 'rejected', reason: 'throttled', transient: true, code: '88' });
    await flush();
    expect(timed.late).toBe(1);
    expect(called).toBe(0);
  });

  it('turns a channel that throws or rejects into unavailable for that send', async () => {
    const clock = createManualClock(0);
    const throwing = createSendTimeout({
      channel: {
        send: () => {
          throw new Error('socket destroyed');
        },
      },
      timeoutMs: 10,
      clock,
    });
    expect(await throwing.send(message('a1'))).toEqual({ kind: 'unavailable', why: 'socket destroyed' });
    const rejecting = createSendTimeout({ channel: { send: () => Promise.reject(new Error('stream broken')) }, timeoutMs: 10, clock });
    expect(await rejecting.send(message('a2'))).toEqual({ kind: 'unavailable', why: 'stream broken' });
  });

  it('keeps going when onLateAccept throws, and counts it', async () => {
    const clock = createManualClock(0);
    const channel = createFakeChannel(clock.now);
    const timed = createSendTimeout({
      channel,
      timeoutMs: 10,
      clock,
      onLateAccept: () => {
        throw new Error('hook bug');
      },
    });
    const p = timed.send(message('a1'));
    clock.advance(10);
    await p;
    channel.calls[0].settle(ACCEPTED('g1'));
    await flush();
    expect(timed.hookErrors).toBe(1);
  });

  it('settles pending sends as unavailable when closed', async () => {
    const clock = createManualClock(0);
    const channel = createFakeChannel(clock.now);
    const timed = createSendTimeout({ channel, timeoutMs: 1_000, clock });
    const p = timed.send(message('a1'));
    timed.close();
    expect(await p).toEqual({ kind: 'unavailable', why: 'dispatcher closed' });
    expect(clock.pending()).toBe(0);
  });
});
