// One SMPP connection from the ESME side: TCP connect, bind, a window of outstanding requests with
// response timeouts, enquire_link keepalive with a dead-peer timeout, deliver_sm acknowledgement and a
// bounded unbind. It never reconnects by itself: the client's bind slot decides what happens next.
// A deliver_sm may be answered later than it was read (once its handler's promise settles) while the
// next PDUs are read meanwhile: SMPP matches responses by sequence_number, in any order.
import { connect as netConnect, type Socket } from 'node:net';
import type { Clock, Timer } from '../../kit/clock.ts';
import { createPendingRequests, type PendingRequests, type Settle } from '../../kit/pending-requests.ts';
import { COMMAND_STATUS as S } from '../codec/command-status.ts';
import { isResponseId, type CommandName } from '../codec/command-id.ts';
import type { Pdu } from '../codec/pdu.ts';
import { createPduStream, type PduStream } from '../codec/pdu-stream.ts';

export type BindCommand = 'bind_transceiver' | 'bind_transmitter' | 'bind_receiver';

export interface BindSessionOptions {
  host: string;
  port: number;
  command: BindCommand;
  systemId: string;
  password: string;
  systemType: string;
  window: number;
  responseTimeoutMs: number;
  enquireLinkMs: number;
  deadPeerMs: number;
  clock: Clock;
  /**
   * Handles a deliver_sm: the command_status for its deliver_sm_resp, or a promise to answer it once
   * settled (ESME_ROK when it resolves, ESME_RX_T_APPN when it rejects, so the SMSC delivers it again).
   * A session lost before then never answers it: the SMSC keeps it for the next bind.
   */
  onDeliver(pdu: Pdu, session: BindSession): number | PromiseLike<unknown>;
  /** The session was bound and is now gone (peer closed, unbind, error, dead peer). */
  onDown(session: BindSession, why: string): void;
  /** A window slot came free. */
  onRoom(session: BindSession): void;
  onTimeouts(count: number): void;
}

/** Called once per request: with the response, or with null on timeout or when the session is lost. */
export type ResponseHandler = Settle<Pdu>;

export type BindResult = { ok: true; smscId: string } | { ok: false; status: number; why: string };

export interface BindSession {
  readonly command: BindCommand;
  readonly bound: boolean;
  /** Bound as transmitter or transceiver. */
  readonly canSubmit: boolean;
  readonly smscId: string;
  readonly window: PendingRequests<Pdu, number>;
  open(): Promise<BindResult>;
  /** Sends a request that expects a response; the caller has checked window.hasRoom(). */
  request(command: CommandName, fields: Record<string, unknown>, onResponse: ResponseHandler): void;
  /** Unbinds and closes, waiting at most timeoutMs (simulated) for unbind_resp. */
  close(timeoutMs: number): Promise<void>;
  destroy(): void;
}

const MAX_SEQ = 0x7fffffff;

export function createBindSession(opts: BindSessionOptions): BindSession {
  const { clock } = opts;
  let socket: Socket | null = null;
  let stream: PduStream | null = null;
  let seq = 0;
  let bound = false;
  let down = false;
  let smscId = '';
  let lastRx = 0;
  let keepalive: Timer | null = null;
  let enquireSeq = -1;
  let deadTimer: Timer | null = null;
  let unbindWaiter: (() => void) | null = null;
  const window = createPendingRequests<Pdu, number>({
    size: opts.window,
    timeoutMs: opts.responseTimeoutMs,
    clock,
    onTimeout: (n) => {
      opts.onTimeouts(n);
      opts.onRoom(session);
    },
  });

  const nextSeq = (): number => (seq = seq >= MAX_SEQ ? 1 : seq + 1);

  // deliver_sm waiting for their handler's promise. Receipts read in one turn usually share one promise
  // (the engine's store commit), so they wait as one group behind a single then().
  let waitingOn: PromiseLike<unknown> | null = null;
  let waitingSeqs: number[] = [];

  function answerLater(sequence: number, wait: PromiseLike<unknown>): void {
    if (wait === waitingOn) {
      waitingSeqs.push(sequence);
      return;
    }
    const seqs = [sequence];
    waitingOn = wait;
    waitingSeqs = seqs;
    const answer = (status: number): void => {
      if (waitingOn === wait) waitingOn = null;
      for (const s of seqs) write({ command: 'deliver_sm_resp', sequence_number: s, command_status: status, message_id: '' });
    };
    wait.then(
      () => answer(S.ESME_ROK),
      () => answer(S.ESME_RX_T_APPN),
    );
  }

  function write(pdu: { command: CommandName; sequence_number: number; command_status?: number; [k: string]: unknown }): void {
    if (!stream || stream.closed) return;
    stream.send(pdu);
  }

  function stopTimers(): void {
    window.stop();
    keepalive?.cancel();
    keepalive = null;
    deadTimer?.cancel();
    deadTimer = null;
  }

  function armKeepalive(delay: number): void {
    if (opts.enquireLinkMs <= 0 || down) return;
    keepalive = clock.setTimer(onKeepalive, delay);
  }

  function onKeepalive(): void {
    keepalive = null;
    const idle = clock.now() - lastRx;
    if (idle < opts.enquireLinkMs) return armKeepalive(opts.enquireLinkMs - idle);
    if (enquireSeq === -1) {
      enquireSeq = nextSeq();
      write({ command: 'enquire_link', sequence_number: enquireSeq });
      deadTimer = clock.setTimer(() => {
        deadTimer = null;
        if (enquireSeq !== -1) fail(`no enquire_link_resp within ${opts.deadPeerMs} ms`);
      }, opts.deadPeerMs);
    }
    armKeepalive(opts.enquireLinkMs);
  }

  function fail(why: string): void {
    if (down) return;
    down = true;
    const wasBound = bound;
    bound = false;
    stopTimers();
    stream?.destroy();
    unbindWaiter?.();
    // Requests still waiting will never be answered on this connection: settle them now.
    window.abandonAll();
    if (wasBound) opts.onDown(session, why);
  }

  function onResponse(pdu: Pdu): void {
    if (pdu.sequence_number === enquireSeq) {
      enquireSeq = -1;
      deadTimer?.cancel();
      deadTimer = null;
      return;
    }
    if (pdu.command === 'unbind_resp') {
      unbindWaiter?.();
      return;
    }
    if (window.resolve(pdu.sequence_number, pdu)) opts.onRoom(session);
  }

  function onRequest(pdu: Pdu): void {
    switch (pdu.command) {
      case 'deliver_sm': {
        const status = opts.onDeliver(pdu, session);
        if (typeof status === 'number') write({ command: 'deliver_sm_resp', sequence_number: pdu.sequence_number, command_status: status, message_id: '' });
        else answerLater(pdu.sequence_number, status);
        return;
      }
      case 'enquire_link':
        write({ command: 'enquire_link_resp', sequence_number: pdu.sequence_number });
        return;
      case 'unbind':
        write({ command: 'unbind_resp', sequence_number: pdu.sequence_number });
        bound = false;
        stream?.close();
        return;
      case 'alert_notification':
      case 'outbind':
        return; // neither has a response; an outbind to a bound ESME means nothing
      default:
        write({ command: 'generic_nack', sequence_number: pdu.sequence_number, command_status: S.ESME_RINVCMDID });
    }
  }

  function attach(s: PduStream): void {
    s.on('pdu', (pdu) => {
      lastRx = clock.now();
      if (isResponseId(pdu.command_id)) onResponse(pdu);
      else onRequest(pdu);
    });
    s.on('decode-error', (err) => {
      lastRx = clock.now();
      // A response we cannot read leaves its request's fate unknown: answer it as lost, not as a refusal.
      if (isResponseId(err.command_id)) {
        if (window.abandon(err.sequence_number)) opts.onRoom(session);
        return;
      }
      write({ command: 'generic_nack', sequence_number: err.sequence_number, command_status: err.status });
    });
    s.on('invalid-length', (len) => fail(`peer sent command_length ${len}; the stream cannot be resynchronised`));
    s.on('error', (err) => fail(`socket error: ${err.message}`));
    s.on('close', () => fail('connection closed'));
  }

  const session: BindSession = {
    command: opts.command,
    get bound() {
      return bound;
    },
    get canSubmit() {
      return bound && opts.command !== 'bind_receiver';
    },
    get smscId() {
      return smscId;
    },
    window,
    open() {
      return new Promise<BindResult>((resolve, reject) => {
        let settled = false;
        const settle = (fn: () => void) => {
          if (settled) return;
          settled = true;
          fn();
        };
        const sock = netConnect({ host: opts.host, port: opts.port });
        socket = sock;
        sock.setNoDelay(true);
        const early = (err: Error) => settle(() => reject(err));
        sock.once('error', early);
        sock.once('close', () => settle(() => reject(new Error('connection closed before bind_resp'))));
        sock.once('connect', () => {
          sock.off('error', early);
          stream = createPduStream(sock);
          attach(stream);
          lastRx = clock.now();
          const bindSeq = nextSeq();
          write({
            command: opts.command,
            sequence_number: bindSeq,
            system_id: opts.systemId,
            password: opts.password,
            system_type: opts.systemType,
            interface_version: 0x34,
            addr_ton: 0,
            addr_npi: 0,
            address_range: '',
          });
          window.add(bindSeq, (resp) => {
            if (resp === null) {
              settle(() => reject(new Error(down ? 'connection lost before bind_resp' : `no bind_resp within ${opts.responseTimeoutMs} ms`)));
              fail('bind not answered');
              return;
            }
            if (resp.command_status !== S.ESME_ROK) {
              const status = resp.command_status >>> 0;
              settle(() => resolve({ ok: false, status, why: `${resp.command} status ${status}` }));
              fail('bind refused');
              return;
            }
            smscId = typeof resp.system_id === 'string' ? resp.system_id : '';
            bound = true;
            armKeepalive(opts.enquireLinkMs);
            settle(() => resolve({ ok: true, smscId }));
          });
        });
      });
    },
    request(command, fields, onResponse) {
      const s = nextSeq();
      window.add(s, onResponse);
      write({ command, sequence_number: s, ...fields });
    },
    close(timeoutMs) {
      if (down) return Promise.resolve();
      return new Promise<void>((resolve) => {
        const timer = clock.setTimer(() => finish(), timeoutMs);
        const finish = () => {
          timer.cancel();
          unbindWaiter = null;
          fail('closed by client');
          resolve();
        };
        if (!bound) return finish();
        unbindWaiter = finish;
        bound = false;
        write({ command: 'unbind', sequence_number: nextSeq() });
      });
    },
    destroy() {
      if (!stream) socket?.destroy();
      fail('destroyed by client');
    },
  };
  return session;
}
