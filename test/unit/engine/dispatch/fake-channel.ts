// A Channel whose answers the test decides: each send waits until the test settles it, or an
// `answer` function settles it at once (or throws, as a broken channel would).
import type { Channel, ChannelOutcome, ChannelStats, GatewayName, OutboundMessage } from '../../../../engine/channel.ts';

export interface FakeCall {
  msg: OutboundMessage;
  /** Simulated time of the send. */
  at: number;
  settle(outcome: ChannelOutcome): void;
  fail(err: Error): void;
}

export interface FakeChannel extends Channel {
  calls: FakeCall[];
  /** Sends not yet settled by the test. */
  open(): FakeCall[];
  readonly inFlight: number;
  readonly maxInFlight: number;
  /** Decides each send's answer as it arrives; undefined = wait for the test. */
  answer: ((msg: OutboundMessage, n: number) => ChannelOutcome | Promise<ChannelOutcome> | undefined) | undefined;
}

export function createFakeChannel(now: () => number, gateway: GatewayName = 'smsvas'): FakeChannel {
  const calls: FakeCall[] = [];
  const unsettled = new Set<FakeCall>();
  let inFlight = 0;
  let maxInFlight = 0;
  const stats: ChannelStats = { inFlight: 0, queued: 0, sent: 0, accepted: 0, rejected: 0, timeouts: 0, reports: 0 };
  const ch: FakeChannel = {
    gateway,
    carries: new Set(['sms', 'lms']),
    calls,
    answer: undefined,
    open: () => [...unsettled],
    get inFlight() {
      return inFlight;
    },
    get maxInFlight() {
      return maxInFlight;
    },
    connect: async () => {},
    close: async () => {},
    on: () => {},
    stats: () => stats,
    send(msg) {
      inFlight++;
      maxInFlight = Math.max(maxInFlight, inFlight);
      return new Promise<ChannelOutcome>((resolve, reject) => {
        let done = false;
        const finish = (): boolean => {
          if (done) return false;
          done = true;
          inFlight--;
          unsettled.delete(call);
          return true;
        };
        const call: FakeCall = {
          msg,
          at: now(),
          settle: (o) => finish() && resolve(o),
          fail: (e) => finish() && reject(e),
        };
        calls.push(call);
        unsettled.add(call);
        const decided = ch.answer?.(msg, calls.length);
        if (decided !== undefined) void Promise.resolve(decided).then(call.settle, call.fail);
      });
    },
  };
  return ch;
}

export function message(ref: string): OutboundMessage {
  return { ref, to: '01012340001', from: '0212345678', content: { kind: 'sms', text: 'hello', encoding: 'euc-kr' }, ad: false };
}

export const ACCEPTED = (id: string): ChannelOutcome => ({ kind: 'accepted', gatewayIds: [id] });
export const THROTTLED: ChannelOutcome = { kind: 'rejected', reason: 'throttled', transient: true, code: '0x00000058' };
export const SYSTEM_ERROR: ChannelOutcome = { kind: 'rejected', reason: 'system-error', transient: true, code: '0x00000008' };
export const INVALID_DESTINATION: ChannelOutcome = { kind: 'rejected', reason: 'invalid-destination', transient: false, code: '0x0000000B' };

/** Lets every pending promise continuation run (no time passes on any clock). */
export const flush = (): Promise<void> => new Promise((r) => setImmediate(r));
