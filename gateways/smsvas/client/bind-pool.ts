// The client's binds: N transceivers, or N transmitters + N receivers. Each slot keeps one session up,
// re-binding with backoff after any loss, and start() answers once every direction has a bind.
import type { Timer } from '../../kit/clock.ts';
import { commandStatusName } from '../codec/command-status.ts';
import type { Pdu } from '../codec/pdu.ts';
import { SmsvasError } from '../smsvas-errors.ts';
import { createBindSession, type BindCommand, type BindSession } from './bind-session.ts';
import type { ResolvedClientOptions } from './client-options.ts';
import { createReconnectPolicy } from '../../kit/reconnect-policy.ts';
import { FATAL_BIND_STATUSES } from './smpp-outcome-table.ts';

export interface BindPoolHooks {
  onDeliver(pdu: Pdu, session: BindSession): number | PromiseLike<unknown>;
  onRoom(): void;
  onTimeouts(count: number): void;
  /** The set of sessions that can submit changed. */
  onSubmitters(sessions: BindSession[]): void;
  onBind(e: { command: BindCommand; smscId: string; reconnect: boolean }): void;
  onDown(e: { command: BindCommand; why: string }): void;
}

export interface BindPoolStats {
  bindsUp: number;
  binds: number;
  reconnects: number;
  bindFailures: number;
  connectErrors: number;
}

export interface BindPool {
  /** Resolves when a bind per direction is up; rejects (and stops every slot) on a fatal refusal or timeout. */
  start(): Promise<void>;
  stop(timeoutMs: number): Promise<void>;
  stats(): BindPoolStats;
}

interface Slot {
  command: BindCommand;
  session: BindSession | null;
  failures: number;
  everBound: boolean;
  attempted: boolean;
  timer: Timer | null;
}

export function createBindPool(o: ResolvedClientOptions, hooks: BindPoolHooks): BindPool {
  const policy = createReconnectPolicy(o.reconnect, o.rng.fork('reconnect'));
  const commands: BindCommand[] = o.mode === 'trx' ? ['bind_transceiver'] : ['bind_transmitter', 'bind_receiver'];
  const slots: Slot[] = [];
  for (const command of commands) {
    for (let i = 0; i < o.binds; i++) slots.push({ command, session: null, failures: 0, everBound: false, attempted: false, timer: null });
  }
  const counters = { reconnects: 0, bindFailures: 0, connectErrors: 0 };
  let running = false;
  let starting: { resolve: () => void; reject: (e: Error) => void; timer: Timer } | null = null;
  let lastProblem = 'no attempt finished yet';

  const canSubmit = (c: BindCommand) => c !== 'bind_receiver';
  const canReceive = (c: BindCommand) => c !== 'bind_transmitter';

  function publish(): void {
    hooks.onSubmitters(slots.filter((s) => s.session?.canSubmit).map((s) => s.session!));
  }

  function ready(): boolean {
    const up = slots.filter((s) => s.session?.bound);
    return up.some((s) => canSubmit(s.command)) && up.some((s) => canReceive(s.command));
  }

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

  function schedule(slot: Slot): void {
    if (!running) return;
    const delay = policy.delayMs(slot.failures);
    slot.failures++;
    slot.timer = o.clock.setTimer(() => {
      slot.timer = null;
      attempt(slot);
    }, delay);
  }

  function attempt(slot: Slot): void {
    if (!running) return;
    const session = createBindSession({
      host: o.host,
      port: o.port,
      command: slot.command,
      systemId: o.systemId,
      password: o.password,
      systemType: o.systemType,
      window: o.window,
      responseTimeoutMs: o.responseTimeoutMs,
      enquireLinkMs: o.enquireLinkMs,
      deadPeerMs: o.deadPeerMs,
      clock: o.clock,
      onDeliver: hooks.onDeliver,
      onRoom: hooks.onRoom,
      onTimeouts: hooks.onTimeouts,
      onDown(s, why) {
        if (slot.session !== s) return;
        slot.session = null;
        publish();
        hooks.onDown({ command: slot.command, why });
        schedule(slot);
      },
    });
    slot.session = session;
    session.open().then(
      (res) => {
        slot.attempted = true;
        if (!running) return void session.destroy();
        if (res.ok) {
          slot.failures = 0;
          const reconnect = slot.everBound;
          if (reconnect) counters.reconnects++;
          slot.everBound = true;
          publish();
          hooks.onBind({ command: slot.command, smscId: res.smscId, reconnect });
          if (starting && ready()) finishStart();
          return;
        }
        slot.session = null;
        counters.bindFailures++;
        lastProblem = `${slot.command} refused with ${commandStatusName(res.status)}`;
        if (starting) {
          if (FATAL_BIND_STATUSES.has(res.status)) return finishStart(new SmsvasError('SMSVAS_ERR_BIND_FAILED', lastProblem));
          // Every slot of this direction refused once and none is up: the SMSC will not take us now.
          const same = slots.filter((s) => s.command === slot.command);
          if (same.every((s) => s.attempted && !s.session?.bound)) return finishStart(new SmsvasError('SMSVAS_ERR_BIND_FAILED', lastProblem));
        }
        schedule(slot);
      },
      (err: Error) => {
        slot.attempted = true;
        if (slot.session === session) slot.session = null;
        counters.connectErrors++;
        lastProblem = `${slot.command}: ${err.message}`;
        schedule(slot);
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
      if (s) closing.push(s.close(timeoutMs));
    }
    publish();
    await Promise.all(closing);
  }

  return {
    start() {
      if (running) return Promise.reject(new SmsvasError('SMSVAS_ERR_CONFIG', 'connect() was already called'));
      running = true;
      return new Promise<void>((resolve, reject) => {
        const timer = o.clock.setTimer(
          () => finishStart(new SmsvasError('SMSVAS_ERR_NOT_CONNECTED', `no bind per direction within ${o.connectTimeoutMs} ms (last: ${lastProblem})`)),
          o.connectTimeoutMs,
        );
        starting = { resolve, reject, timer };
        for (const slot of slots) {
          slot.failures = 0;
          slot.attempted = false;
          attempt(slot);
        }
      });
    },
    stop,
    stats() {
      return { bindsUp: slots.filter((s) => s.session?.bound).length, binds: slots.length, ...counters };
    },
  };
}
