// A circuit breaker for one gateway: `failures` consecutive failures that say the gateway is not
// working (no answer, channel unavailable, system-error, service-unavailable) open it for `openFor`;
// then it half-opens and lets exactly one probe through: success closes it, failure re-opens it.
// Throttled and queue-full are not failures here: a gateway that says "slow down" is alive, and so is
// one that refuses a message for good. Results of tries sent before the circuit opened are ignored
// while it is open or half-open: only the probe decides.
import type { Clock, Timer } from '../../gateways/kit/clock.ts';
import type { ChannelOutcome, GatewayName } from '../channel.ts';
import { EngineError } from '../engine-errors.ts';

export type CircuitState = 'closed' | 'open' | 'half-open';

export interface CircuitTransition {
  gateway: GatewayName | null;
  from: CircuitState;
  to: CircuitState;
  /** Simulated time of the change. */
  at: number;
}

/** What enter() grants: refused (0), an ordinary try (1), or the single half-open probe (2). */
export type CircuitTicket = 0 | 1 | 2;
export const CIRCUIT_REFUSED = 0;
export const CIRCUIT_PASS = 1;
export const CIRCUIT_PROBE = 2;

export interface CircuitBreakerOptions {
  failures: number;
  openFor: number;
  clock: Clock;
  gateway?: GatewayName;
  onTransition?: (t: CircuitTransition) => void;
  /** How many recent transitions transitions() keeps; default 64. */
  keep?: number;
}

export interface CircuitBreaker {
  state(): CircuitState;
  /** Whether a new send can hope to pass: closed, or half-open with the probe not yet taken. */
  admits(): boolean;
  /** Asks to send one try now; the ticket must later go to record() or abandon(). */
  enter(): CircuitTicket;
  record(ticket: CircuitTicket, outcome: ChannelOutcome): void;
  /** The try never went out (its hook failed): a probe ticket goes back unused. */
  abandon(ticket: CircuitTicket): void;
  /** Times the circuit opened. */
  readonly opened: number;
  /** Recent transitions, oldest first. */
  transitions(): readonly CircuitTransition[];
  close(): void;
}

/** Outcomes that count against a gateway's health. */
export function isGatewayFailure(outcome: ChannelOutcome): boolean {
  switch (outcome.kind) {
    case 'timeout':
    case 'unavailable':
      return true;
    case 'rejected':
      return outcome.reason === 'system-error' || outcome.reason === 'service-unavailable';
    default:
      return false;
  }
}

export function createCircuitBreaker(opts: CircuitBreakerOptions): CircuitBreaker {
  const { failures, openFor, clock } = opts;
  if (!(Number.isInteger(failures) && failures >= 1)) throw new EngineError('ENGINE_ERR_CONFIG', `circuit breaker failures must be an integer >= 1, got ${failures}`);
  const keep = opts.keep ?? 64;
  const recent: CircuitTransition[] = [];
  let state: CircuitState = 'closed';
  let consecutive = 0;
  let probeOut = false;
  let opened = 0;
  let timer: Timer | null = null;

  function move(to: CircuitState): void {
    const t: CircuitTransition = { gateway: opts.gateway ?? null, from: state, to, at: clock.now() };
    state = to;
    recent.push(t);
    if (recent.length > keep) recent.shift();
    opts.onTransition?.(t);
  }

  function open(): void {
    consecutive = 0;
    probeOut = false;
    opened++;
    move('open');
    timer = clock.setTimer(() => {
      timer = null;
      move('half-open');
    }, openFor);
  }

  return {
    state: () => state,
    admits: () => state === 'closed' || (state === 'half-open' && !probeOut),
    enter() {
      if (state === 'closed') return CIRCUIT_PASS;
      if (state === 'half-open' && !probeOut) {
        probeOut = true;
        return CIRCUIT_PROBE;
      }
      return CIRCUIT_REFUSED;
    },
    record(ticket, outcome) {
      const failed = isGatewayFailure(outcome);
      if (state === 'closed') {
        if (!failed) consecutive = 0;
        else if (++consecutive >= failures) open();
      } else if (state === 'half-open' && ticket === CIRCUIT_PROBE) {
        probeOut = false;
        if (failed) open();
        else {
          consecutive = 0;
          move('closed');
        }
      }
    },
    abandon(ticket) {
      if (ticket === CIRCUIT_PROBE && state === 'half-open') probeOut = false;
    },
    get opened() {
      return opened;
    },
    transitions: () => recent.slice(),
    close() {
      timer?.cancel();
      timer = null;
    },
  };
}
