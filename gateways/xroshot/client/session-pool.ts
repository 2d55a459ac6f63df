// The client's sessions: N slots, each keeping one registered MAS session up and re-registering with
// seeded backoff after any loss. start() answers once one session is registered, at once with
// XROSHOT_ERR_REGIST_FAILED when the server refuses the credentials, or when every slot was refused.
import type { Timer } from '../../kit/clock.ts';
import type { ReqReport } from '../codec/mas-message.ts';
import { rejectReasonOf, resultName } from '../codec/result-code.ts';
import { XroshotError } from '../xroshot-errors.ts';
import { DEFAULT_TPS_PER_SESSION, type ResolvedClientOptions } from './client-options.ts';
import { createReconnectPolicy } from '../../kit/reconnect-policy.ts';
import type { DispatchTarget } from './send-dispatcher.ts';
import { createXroshotSession, type OutgoingMessage, type SendAnswer, type XroshotSession } from './xroshot-session.ts';

export interface SendJob {
  message: OutgoingMessage;
  /** Clock time from which it must no longer be written; undefined: no deadline. */
  notAfter?: number;
  /** answer null: no res_send_message_all (timeout or session lost); session null: never sent. */
  done(answer: SendAnswer | null, session: XroshotSession | null): void;
  /** Its notAfter came before its turn: it was never written. */
  expired(): void;
}

export interface SessionPoolHooks {
  onReport(req: ReqReport, session: XroshotSession): number | PromiseLike<unknown>;
  onRoom(): void;
  onTimeouts(count: number): void;
  onUnreadable(why: string): void;
  /** A req_send_message_2 was written. */
  onSent(): void;
  /** The set of registered sessions changed. */
  onTargets(targets: Array<DispatchTarget<SendJob>>): void;
  onRegist(e: { slot: number; sessionId: string; reconnect: boolean }): void;
  onDown(e: { slot: number; why: string }): void;
}

export interface SessionPoolStats {
  sessionsUp: number;
  sessions: number;
  reconnects: number;
  registFailures: number;
  connectErrors: number;
}

export interface SessionPool {
  start(): Promise<void>;
  stop(timeoutMs: number): Promise<void>;
  inFlight(): number;
  stats(): SessionPoolStats;
}

interface Slot {
  index: number;
  session: XroshotSession | null;
  target: DispatchTarget<SendJob> | null;
  failures: number;
  everUp: boolean;
  tried: boolean;
  timer: Timer | null;
}

/** Results that say the account itself is refused: retrying cannot cure them. */
function isFatalRegistResult(result: number): boolean {
  const reason = rejectReasonOf(result);
  return reason === 'auth-failed' || reason === 'unsupported';
}

export function createSessionPool(o: ResolvedClientOptions, hooks: SessionPoolHooks): SessionPool {
  // A relay re-registration costs more than an SMPP bind: start the backoff at 500 ms.
  const policy = createReconnectPolicy({ initialMs: 500, ...o.reconnect }, o.rng.fork('reconnect'));
  const sessionRng = o.rng.fork('sessions');
  const slots: Slot[] = Array.from({ length: o.sessions }, (_, index) => ({ index, session: null, target: null, failures: 0, everUp: false, tried: false, timer: null }));
  const counters = { reconnects: 0, registFailures: 0, connectErrors: 0 };
  let running = false;
  let starting: { resolve: () => void; reject: (e: Error) => void; timer: Timer } | null = null;
  let lastProblem = 'no attempt finished yet';

  const publish = () => hooks.onTargets(slots.filter((s) => s.target && s.session?.registered).map((s) => s.target!));

  function finishStart(err?: Error): void {
    if (!starting) return;
    const s = starting;
    starting = null;
    s.timer.cancel();
    if (err) {
      void stop(0);
      s.reject(err);
    } else s.resolve();
  }

  function retry(slot: Slot): void {
    if (!running) return;
    const delay = policy.delayMs(slot.failures++);
    slot.timer = o.clock.setTimer(() => {
      slot.timer = null;
      attempt(slot);
    }, delay);
  }

  function targetFor(session: XroshotSession, tps: number | null): DispatchTarget<SendJob> {
    return {
      get ready() {
        return session.registered;
      },
      tps,
      hasRoom: () => session.pending.hasRoom(),
      send(job) {
        session.send(job.message, (answer) => job.done(answer, session));
        hooks.onSent();
      },
    };
  }

  function attempt(slot: Slot): void {
    if (!running) return;
    const session = createXroshotSession({
      ...o,
      rng: sessionRng.fork(`slot-${slot.index}-${slot.failures}-${counters.reconnects}`),
      onReport: hooks.onReport,
      onRoom: () => hooks.onRoom(),
      onTimeouts: hooks.onTimeouts,
      onUnreadable: hooks.onUnreadable,
      onDown(s, why) {
        if (slot.session !== s) return;
        slot.session = null;
        slot.target = null;
        publish();
        hooks.onDown({ slot: slot.index, why });
        retry(slot);
      },
    });
    slot.session = session;
    session.open().then(
      (r) => {
        slot.tried = true;
        if (!running) return void session.destroy();
        if (r.ok) {
          slot.failures = 0;
          const reconnect = slot.everUp;
          if (reconnect) counters.reconnects++;
          slot.everUp = true;
          const tps = o.tpsPerSession === undefined ? (r.sendLimitPerSecond ?? DEFAULT_TPS_PER_SESSION) : o.tpsPerSession;
          slot.target = targetFor(session, tps);
          publish();
          hooks.onRegist({ slot: slot.index, sessionId: r.sessionId, reconnect });
          finishStart();
          return;
        }
        slot.session = null;
        counters.registFailures++;
        lastProblem = `${r.method} Result ${r.result} (${resultName(r.result)})`;
        if (starting) {
          if (isFatalRegistResult(r.result)) return finishStart(new XroshotError('XROSHOT_ERR_REGIST_FAILED', lastProblem));
          if (slots.every((s) => s.tried && !s.session?.registered)) return finishStart(new XroshotError('XROSHOT_ERR_REGIST_FAILED', lastProblem));
        }
        retry(slot);
      },
      (err: Error) => {
        slot.tried = true;
        if (slot.session === session) slot.session = null;
        counters.connectErrors++;
        lastProblem = err.message;
        retry(slot);
      },
    );
  }

  async function stop(timeoutMs: number): Promise<void> {
    running = false;
    const closing: Promise<void>[] = [];
    for (const slot of slots) {
      slot.timer?.cancel();
      slot.timer = null;
      const s = slot.session;
      slot.session = null;
      slot.target = null;
      if (s) closing.push(s.close(timeoutMs));
    }
    publish();
    await Promise.all(closing);
  }

  return {
    start() {
      if (running) return Promise.reject(new XroshotError('XROSHOT_ERR_CONFIG', 'connect() was already called'));
      running = true;
      return new Promise<void>((resolve, reject) => {
        const timer = o.clock.setTimer(
          () => finishStart(new XroshotError('XROSHOT_ERR_NOT_CONNECTED', `no registered session within ${o.connectTimeoutMs} ms (last: ${lastProblem})`)),
          o.connectTimeoutMs,
        );
        starting = { resolve, reject, timer };
        for (const slot of slots) attempt(slot);
      });
    },
    stop,
    inFlight() {
      let n = 0;
      for (const s of slots) n += s.session?.pending.count ?? 0;
      return n;
    },
    stats() {
      return { sessionsUp: slots.filter((s) => s.session?.registered).length, sessions: slots.length, ...counters };
    },
  };
}
