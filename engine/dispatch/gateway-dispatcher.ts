// The dispatch policies for one gateway, composed around its Channel. One try goes: wait for an
// in-flight window slot, ask the circuit breaker, wait for a TPS token, await the engine's beforeTry
// (it persists a 'pending' attempt, so a crash can only duplicate what was in flight), send with the
// per-send timeout, afterTry. Transient outcomes are retried with backoff inside the leg, the slot
// given back while waiting. Real-time sends go ahead of scheduled ones at the window and at the pacer.
// Everything a carrier or a broken channel can answer comes back as a DispatchResult value.
import type { Clock, Timer } from '../../gateways/kit/clock.ts';
import type { RejectReason } from '../../gateways/kit/canonical-reason.ts';
import type { Rng } from '../../gateways/kit/rng.ts';
import type { Channel, ChannelOutcome, GatewayName, OutboundMessage } from '../channel.ts';
import type { DispatchPolicy } from '../engine-config.ts';
import type { Priority } from '../message.ts';
import { CIRCUIT_PASS, CIRCUIT_REFUSED, createCircuitBreaker } from './circuit-breaker.ts';
import type { CircuitState, CircuitTransition } from './circuit-breaker.ts';
import { createInFlightWindow } from './in-flight-window.ts';
import { createRetryBackoff, isRetryable } from './retry-backoff.ts';
import { createSendTimeout } from './send-timeout.ts';
import type { AcceptedOutcome } from './send-timeout.ts';
import { createTpsPacer } from './tps-pacer.ts';

export type DispatchResult =
  | { kind: 'accepted'; gatewayIds: string[]; tries: number }
  /** Refused for good: another try would get the same answer. */
  | { kind: 'rejected'; reason: RejectReason; code: string; tries: number }
  /** Transient refusals or timeouts until the leg's attempts were used up. */
  | { kind: 'exhausted'; last: ChannelOutcome; tries: number }
  | { kind: 'circuit-open' }
  /** The channel could not take the message on its last try, or the dispatcher closed. */
  | { kind: 'unavailable'; why: string };

export interface DispatchHooks {
  /** Awaited before each try (tryNo from 1); a rejection abandons the send and rejects send(). */
  beforeTry?(tryNo: number): Promise<void>;
  /** Each try's outcome, before the next decision; a throw rejects send(). */
  afterTry?(tryNo: number, outcome: ChannelOutcome): void;
}

export interface GatewayDispatcherStats {
  /** Sends waiting for a window slot or a TPS token. */
  queued: { realtime: number; scheduled: number };
  /** Tries handed to the channel and not yet answered (or timed out). */
  inFlight: number;
  /** Tries handed to the channel. */
  sent: number;
  /** Per try. */
  accepted: number;
  rejected: number;
  timeouts: number;
  unavailable: number;
  /** Tries after the first of their send. */
  retries: number;
  /** Sends waiting out a backoff delay. */
  backingOff: number;
  /** Answers that came after their try had timed out. */
  late: number;
  /** onLateAccept calls that threw (counted, not rethrown). */
  hookErrors: number;
  circuit: CircuitState;
  /** Times the circuit opened. */
  opened: number;
}

export interface GatewayDispatcher {
  readonly gateway: GatewayName;
  send(msg: OutboundMessage, priority: Priority, hooks?: DispatchHooks): Promise<DispatchResult>;
  /**
   * Whether a send of this priority made now would start at once instead of waiting for a window
   * slot: a slot is free, or the circuit refuses it straight away. A caller holding messages back
   * sends while this is true and again when told through onRoom.
   */
  ready(priority: Priority): boolean;
  circuit(): CircuitState;
  /** Recent circuit transitions, oldest first. */
  transitions(): readonly CircuitTransition[];
  stats(): GatewayDispatcherStats;
  /** Sends still waiting or in flight finish as unavailable ('dispatcher closed'); timers stop. */
  close(): void;
}

export interface GatewayDispatcherOptions {
  channel: Channel;
  policy: DispatchPolicy;
  clock: Clock;
  rng: Rng;
  /** A try that timed out was accepted after all: its gateway ids, so its reports can be correlated. */
  onLateAccept?: (msg: OutboundMessage, outcome: AcceptedOutcome) => void;
  onCircuit?: (t: CircuitTransition) => void;
  /** ready() may have turned true: a window slot freed with nobody waiting, or the circuit opened. */
  onRoom?: () => void;
  /** TPS tokens that may go at once after a quiet spell; default below. */
  burst?: number;
}

const CIRCUIT_OPEN: DispatchResult = Object.freeze({ kind: 'circuit-open' });
const CLOSED: DispatchResult = Object.freeze({ kind: 'unavailable', why: 'dispatcher closed' });

interface Sleeper {
  timer: Timer;
  wake: (ok: boolean) => void;
}

export function createGatewayDispatcher(opts: GatewayDispatcherOptions): GatewayDispatcher {
  const { channel, policy, clock } = opts;
  const gateway = channel.gateway;
  let closed = false;
  // Told once the try that freed the slot is fully recorded (a failure may have just opened the
  // circuit), and once for any number of slots freed in one go.
  let roomDue = false;
  const room = (): void => {
    if (roomDue || opts.onRoom === undefined) return;
    roomDue = true;
    queueMicrotask(() => {
      roomDue = false;
      if (!closed) opts.onRoom?.();
    });
  };
  const window = createInFlightWindow(policy.window, room);
  // A tenth of a second of sending, grown on an accelerated clock so the real-time timer granularity
  // (about 1 ms) does not cap the simulated rate; never more than one second's worth.
  const burst = opts.burst ?? Math.max(1, Math.min(policy.tps, (policy.tps / 10) * Math.max(1, clock.speed)));
  const pacer = createTpsPacer({ tps: policy.tps, burst, clock });
  const timed = createSendTimeout({ channel, timeoutMs: policy.timeout, clock, onLateAccept: opts.onLateAccept });
  const breaker = createCircuitBreaker({
    ...policy.circuitBreaker,
    clock,
    gateway,
    onTransition: (t) => {
      opts.onCircuit?.(t);
      if (t.to === 'open') room();
    },
  });
  // Its own stream, so the other gateways' retries never shift this one's delays.
  const backoff = createRetryBackoff(policy.retry, opts.rng.fork(`dispatch:${gateway}`));
  const sleepers = new Set<Sleeper>();
  let sent = 0;
  let accepted = 0;
  let rejected = 0;
  let unavailable = 0;
  let retries = 0;

  function pause(ms: number): Promise<boolean> {
    return new Promise<boolean>((wake) => {
      const s: Sleeper = {
        timer: clock.setTimer(() => {
          sleepers.delete(s);
          wake(true);
        }, ms),
        wake,
      };
      sleepers.add(s);
    });
  }

  async function send(msg: OutboundMessage, priority: Priority, hooks?: DispatchHooks): Promise<DispatchResult> {
    if (closed) return CLOSED;
    if (!breaker.admits()) return CIRCUIT_OPEN;
    let tries = 0;
    for (;;) {
      if (!window.tryAcquire(priority) && !(await window.acquire(priority))) return CLOSED;
      // Asked before the pacer, so sends queued when the circuit opens drain at once, not at the TPS rate.
      const ticket = breaker.enter();
      if (ticket === CIRCUIT_REFUSED) {
        window.release();
        return CIRCUIT_OPEN;
      }
      if (!pacer.tryTake(priority) && !(await pacer.take(priority))) {
        breaker.abandon(ticket);
        window.release();
        return CLOSED;
      }
      // The circuit may have opened while this try waited for its token.
      if (ticket === CIRCUIT_PASS && breaker.state() !== 'closed') {
        window.release();
        return CIRCUIT_OPEN;
      }
      tries++;
      if (hooks?.beforeTry !== undefined) {
        try {
          await hooks.beforeTry(tries);
        } catch (err) {
          breaker.abandon(ticket);
          window.release();
          throw err;
        }
      }
      sent++;
      if (tries > 1) retries++;
      const outcome = await timed.send(msg);
      window.release();
      if (closed) return outcome.kind === 'accepted' ? { kind: 'accepted', gatewayIds: outcome.gatewayIds, tries } : CLOSED;
      breaker.record(ticket, outcome);
      hooks?.afterTry?.(tries, outcome);
      if (outcome.kind === 'accepted') {
        accepted++;
        return { kind: 'accepted', gatewayIds: outcome.gatewayIds, tries };
      }
      if (outcome.kind === 'rejected') rejected++;
      else if (outcome.kind === 'unavailable') unavailable++;
      if (outcome.kind === 'rejected' && !isRetryable(outcome)) return { kind: 'rejected', reason: outcome.reason, code: outcome.code, tries };
      if (tries >= backoff.attempts) return outcome.kind === 'unavailable' ? { kind: 'unavailable', why: outcome.why } : { kind: 'exhausted', last: outcome, tries };
      if (!(await pause(backoff.delay(tries - 1)))) return CLOSED;
    }
  }

  return {
    gateway,
    send,
    ready: (priority) => !closed && (!breaker.admits() || window.free(priority)),
    circuit: () => breaker.state(),
    transitions: () => breaker.transitions(),
    stats: () => ({
      queued: {
        realtime: window.queued('realtime') + pacer.queued('realtime'),
        scheduled: window.queued('scheduled') + pacer.queued('scheduled'),
      },
      inFlight: timed.pending,
      sent,
      accepted,
      rejected,
      timeouts: timed.timeouts,
      unavailable,
      retries,
      backingOff: sleepers.size,
      late: timed.late,
      hookErrors: timed.hookErrors,
      circuit: breaker.state(),
      opened: breaker.opened,
    }),
    close() {
      if (closed) return;
      closed = true;
      window.close();
      pacer.close();
      timed.close();
      breaker.close();
      for (const s of sleepers) {
        s.timer.cancel();
        s.wake(false);
      }
      sleepers.clear();
    },
  };
}
