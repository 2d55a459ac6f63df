// The one contract between the engine and a gateway. Each gateway folder's client is adapted to it
// (gateways/<gw>/client/<gw>-channel.ts); dispatch policies (throttle, window, timeout, retry, circuit
// breaker) wrap it without knowing which gateway is underneath. A gateway that is not configured or not
// reachable is simply an unavailable Channel: routing skips it and its fallback trigger fires.
import type { RejectReason, ReportOutcome } from '../gateways/kit/canonical-reason.ts';
import type { ComposedContent } from './message.ts';

export type GatewayName = 'smsvas' | 'gmmsc' | 'rcs' | 'xroshot';
export const GATEWAY_NAMES: readonly GatewayName[] = ['smsvas', 'gmmsc', 'rcs', 'xroshot'];

/** One message to one recipient, already composed for this gateway's content kind. */
export interface OutboundMessage {
  /** The engine's attempt id; the channel hands it back on this message's reports as `ref`. */
  ref: string;
  /** Recipient, national form (01012340001). */
  to: string;
  /** Callback (sender) number. */
  from: string;
  content: ComposedContent;
  /** Advertisement: the content already carries the "(광고)" prefix and opt-out footer where needed. */
  ad: boolean;
  /**
   * The ad's free opt-out number (080...). RCS shows it from its own footer field rather than from the
   * text, so the RCS channel needs it apart from the content.
   */
  optOut?: string;
  /** Validity / expiry asked of the gateway, ms from submission. */
  validityMs?: number;
  /**
   * The instant (epoch ms on the engine clock) from which the caller has given up on this send: it has
   * timed the try out and may retry it or fall back. A channel must not start writing the message to
   * the wire once its clock reaches it (a message still queued in the client is dropped there and
   * answered { kind: 'timeout' } or 'unavailable'); one already being written goes on. Unset: no
   * deadline. The dispatcher's timed send sets it on a copy of the message for each try, so a retry
   * never moves an earlier try's deadline.
   */
  notAfter?: number;
}

/** The synchronous answer to one send. Carrier refusals are values, never exceptions. */
export type ChannelOutcome =
  | { kind: 'accepted'; gatewayIds: string[] }
  | { kind: 'rejected'; reason: RejectReason; transient: boolean; code: string }
  | { kind: 'timeout' }
  /** The channel itself could not take the message (down, not connected, circuit open). */
  | { kind: 'unavailable'; why: string };

/** A delivery report, as the gateway told it. */
export interface ChannelReport {
  gateway: GatewayName;
  /** One of the ids `accepted.gatewayIds` carried. */
  gatewayId: string;
  /** The attempt id given on send, when the client still knew it (it may not after a restart). */
  ref?: string;
  /** 'not-capable' is RCS's failed-because-no-RCS report (a fallback trigger of its own). */
  outcome: ReportOutcome | 'not-capable';
  /** False for intermediate notifications. */
  final: boolean;
  /** The gateway's own code (SMPP stat/err, MM7 MMStatus, MaaP code, Xroshot Result), for the attempt history. */
  code: string;
  at: number;
}

/** A mobile-originated message (a user's reply). */
export interface ChannelMo {
  gateway: GatewayName;
  /** The user's number. */
  from: string;
  /** The service number it was sent to (when the gateway says). */
  to: string | null;
  text: string;
  at: number;
}

export type Capability = 'capable' | 'not-capable' | 'unknown';

export interface ChannelStats {
  inFlight: number;
  queued: number;
  sent: number;
  accepted: number;
  rejected: number;
  timeouts: number;
  reports: number;
}

/**
 * A listener may return a promise: the channel then acknowledges the report or MO to its gateway only
 * once the promise resolves, and answers the gateway's retry-later form when it rejects (SMPP
 * deliver_sm_resp ESME_RX_T_APPN, MM7 Fault with HTTP 500, RCS webhook HTTP 503, Xroshot res_report
 * with a non-zero Result), so the gateway sends it again. The engine returns one that settles once the
 * change the report caused is committed: a receipt the gateway considers delivered is never only in
 * memory. Reading further reports does not wait for it, so acknowledgements may leave in another order
 * than the reports came. A listener that returns anything but a promise (nothing, as before) has it
 * acknowledged at once; the return type stays `unknown` so that existing listeners keep compiling.
 */
export interface ChannelEvents {
  report: (r: ChannelReport) => unknown;
  mo: (m: ChannelMo) => unknown;
}

const isThenable = (v: unknown): v is PromiseLike<void> => typeof v === 'object' && v !== null && typeof (v as { then?: unknown }).then === 'function';

/**
 * Calls every listener with `value`; what the channel waits for before acknowledging: undefined when
 * no listener returned a promise (acknowledge at once), else one promise that settles when all did.
 */
export function callListeners<T>(listeners: ReadonlyArray<(value: T) => unknown>, value: T): PromiseLike<void> | undefined {
  // One listener (the engine) is the usual case: its promise is passed on as it is, so reports that
  // share one store commit also share the promise the channel waits on.
  if (listeners.length === 1) {
    const w = listeners[0](value);
    return isThenable(w) ? w : undefined;
  }
  let waits: PromiseLike<void>[] | undefined;
  for (const l of listeners) {
    const w = l(value);
    if (isThenable(w)) (waits ??= []).push(w);
  }
  if (waits === undefined) return undefined;
  return waits.length === 1 ? waits[0] : Promise.all(waits).then(() => undefined);
}

export interface Channel {
  readonly gateway: GatewayName;
  /** Content kinds this gateway carries. */
  readonly carries: ReadonlySet<ComposedContent['kind']>;
  connect(): Promise<void>;
  send(msg: OutboundMessage): Promise<ChannelOutcome>;
  on<E extends keyof ChannelEvents>(event: E, listener: ChannelEvents[E]): void;
  /** RCS only: whether a user can take RCS (the MaaP capability query). */
  capability?(msisdn: string): Promise<Capability>;
  stats(): ChannelStats;
  close(): Promise<void>;
}

/**
 * A channel's report and MO listeners. A channel is connected before the engine subscribes, so what
 * comes before the first on() is held unacknowledged and handed to the listeners on the turn after
 * the first on() (every listener registered in that turn gets it); acknowledged at once instead, it
 * would be lost. From then on an event with no listener is acknowledged at once, as before.
 */
export interface ChannelListeners {
  on: Channel['on'];
  /** Calls the listeners; what the gateway's acknowledgement waits for (see callListeners). */
  emit<E extends keyof ChannelEvents>(event: E, value: Parameters<ChannelEvents[E]>[0]): PromiseLike<void> | undefined;
}

export function createChannelListeners(): ChannelListeners {
  const listeners: { [E in keyof ChannelEvents]: Array<(value: Parameters<ChannelEvents[E]>[0]) => unknown> } = { report: [], mo: [] };
  let ready = false;
  let subscribed = false;
  let held: Array<() => void> = [];
  return {
    on(event, listener) {
      (listeners[event] as unknown[]).push(listener);
      if (subscribed) return;
      subscribed = true;
      setImmediate(() => {
        ready = true;
        const waiting = held;
        held = [];
        for (const deliver of waiting) deliver();
      });
    },
    emit(event, value) {
      const list = listeners[event] as Array<(v: typeof value) => unknown>;
      if (ready) return callListeners(list, value);
      return new Promise<void>((resolve, reject) => {
        held.push(() => {
          try {
            resolve(callListeners(list, value));
          } catch (err) {
            reject(err as Error);
          }
        });
      });
    },
  };
}
