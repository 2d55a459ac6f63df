// One ESME connection: the SMPP 3.4 session state machine (OPEN -> BOUND_TX/RX/TRX -> closed),
// request dispatch, responses shaped by latency and faults, and deliver_sm toward the ESME.
import type { Socket } from 'node:net';
import { COMMAND_STATUS as S, commandStatusName } from '../codec/command-status.ts';
import type { Pdu } from '../codec/pdu.ts';
import { createPduStream, type PduStream } from '../codec/pdu-stream.ts';
import { handleMessageOp } from './message-ops.ts';
import type { Receiver } from './deliver-queue.ts';
import type { SegmentGroups } from './segment-groups.ts';
import type { AccountState, SmscContext } from './smsc-context.ts';
import { handleSubmit, type Fault, type Reply } from './submit-handler.ts';

export type BindState = 'open' | 'bound_tx' | 'bound_rx' | 'bound_trx' | 'closed';

const BIND_STATE: Record<string, BindState> = {
  bind_transmitter: 'bound_tx',
  bind_receiver: 'bound_rx',
  bind_transceiver: 'bound_trx',
};
const CAN_SUBMIT = new Set<BindState>(['bound_tx', 'bound_trx']);
const SUBMITS = new Set(['submit_sm', 'data_sm', 'submit_multi']);
const MESSAGE_OPS = new Set(['query_sm', 'cancel_sm', 'replace_sm']);

export interface SmppSession extends Receiver {
  readonly state: BindState;
  readonly systemId: string | null;
  close(): void;
  destroy(): void;
}

export function createSmppSession(socket: Socket, ctx: SmscContext, groups: SegmentGroups, id: number): SmppSession {
  const stream: PduStream = createPduStream(socket, { maxLength: ctx.cfg.maxPduLength });
  let state: BindState = 'open';
  let acct: AccountState | null = null;
  let outSeq = 0;
  let outstanding = 0;
  let unbindSent = false;
  const quirks = ctx.cfg.quirks;

  const log = (dir: 'in' | 'out', command: string, seq: number, status: number, note?: string) =>
    ctx.log.push({ at: ctx.clock.now(), dir, session: id, systemId: acct?.account.systemId ?? null, command, sequence_number: seq, command_status: status, note });

  function send(command: string, seq: number, status: number, fields?: Record<string, unknown>): void {
    if (stream.closed) return;
    const sequence_number = (seq + quirks.sequenceOffset) >>> 0;
    stream.send({ command: command as Pdu['command'], sequence_number, command_status: status, ...fields });
    ctx.stats.inc(status === S.ESME_ROK ? command : `${command}:${commandStatusName(status)}`);
    log('out', command, sequence_number, status);
  }

  function blackholed(): boolean {
    return ctx.behaviour.outage()?.mode === 'blackhole';
  }

  function replyTo(pdu: Pdu, respCommand: string): Reply {
    return (status, fields, latencyMs = 0, fault?: Fault) => {
      if (blackholed()) return;
      const act = () => {
        if (fault) return applyFault(fault, pdu);
        send(respCommand, pdu.sequence_number, status, status === S.ESME_ROK ? fields : undefined);
      };
      if (latencyMs <= 0) return act();
      outstanding++;
      if (acct) acct.outstanding++;
      const owner = acct;
      ctx.clock.setTimer(() => {
        outstanding--;
        if (owner) owner.outstanding--;
        act();
      }, latencyMs);
    };
  }

  function applyFault(fault: Fault, pdu: Pdu): void {
    ctx.stats.inc(`fault:${fault}`);
    log('out', `fault:${fault}`, pdu.sequence_number, 0);
    if (fault === 'drop-connection') return void stream.destroy();
    if (fault === 'corrupt') {
      // A response whose command_length claims more bytes than follow: the ESME must resynchronise or drop.
      const b = Buffer.alloc(16);
      b.writeUInt32BE(0xffff, 0);
      b.writeUInt32BE((pdu.command_id | 0x80000000) >>> 0, 4);
      b.writeUInt32BE(pdu.sequence_number, 12);
      stream.sendRaw(b);
    }
    // 'no-response': nothing is written.
  }

  function nack(seq: number, status: number, note: string): void {
    if (quirks.ignoreGarbage || blackholed()) return;
    send('generic_nack', seq, status);
    log('out', 'generic_nack', seq, status, note);
  }

  function onBind(pdu: Pdu): void {
    const resp = `${pdu.command}_resp`;
    const reply = replyTo(pdu, resp);
    if (state !== 'open') return reply(S.ESME_RALYBND);
    const a = ctx.accounts.get(String(pdu.system_id ?? ''));
    if (!a) return reply(S.ESME_RINVSYSID);
    if (a.account.password !== String(pdu.password ?? '')) return reply(S.ESME_RINVPASWD);
    const maxBinds = Math.min(a.account.maxBinds, ctx.behaviour.spec.limits?.sessionsPerAccount ?? Infinity);
    if (a.binds >= maxBinds) return reply(S.ESME_RBINDFAIL);
    acct = a;
    a.binds++;
    state = BIND_STATE[pdu.command];
    const fields: Record<string, unknown> = { system_id: ctx.cfg.smscId };
    // sc_interface_version tells a 3.4 ESME the SMSC speaks 3.4; a 3.3 ESME gets no TLVs.
    if (!quirks.omitScInterfaceVersion && Number(pdu.interface_version ?? 0) >= 0x34) fields.sc_interface_version = 0x34;
    reply(S.ESME_ROK, fields);
    if (state !== 'bound_tx') a.queue.addReceiver(session);
  }

  function onRequest(pdu: Pdu): void {
    // A refusing SMSC is down: its sessions drop, whatever they were doing.
    if (ctx.behaviour.outage()?.mode === 'refuse') return void stream.destroy();
    const cmd = pdu.command;
    if (cmd in BIND_STATE) return onBind(pdu);
    if (cmd === 'enquire_link') return replyTo(pdu, 'enquire_link_resp')(S.ESME_ROK);
    if (cmd === 'unbind') {
      if (state === 'open') return replyTo(pdu, 'unbind_resp')(S.ESME_RINVBNDSTS);
      replyTo(pdu, 'unbind_resp')(S.ESME_ROK);
      unbound();
      stream.close();
      return;
    }
    if (SUBMITS.has(cmd)) {
      if (!acct || !CAN_SUBMIT.has(state)) return replyTo(pdu, `${cmd}_resp`)(S.ESME_RINVBNDSTS);
      return handleSubmit(ctx, acct, { outstanding: () => outstanding }, groups, pdu, replyTo(pdu, `${cmd}_resp`));
    }
    if (MESSAGE_OPS.has(cmd)) {
      if (!acct || !CAN_SUBMIT.has(state)) return replyTo(pdu, `${cmd}_resp`)(S.ESME_RINVBNDSTS);
      return handleMessageOp(ctx, acct, pdu, replyTo(pdu, `${cmd}_resp`));
    }
    // deliver_sm, outbind, alert_notification and the like only travel SMSC -> ESME.
    nack(pdu.sequence_number, S.ESME_RINVCMDID, `${cmd} is not accepted from an ESME`);
  }

  function onResponse(pdu: Pdu): void {
    if (pdu.command === 'deliver_sm_resp' || (pdu.command === 'generic_nack' && acct)) {
      acct?.queue.acknowledge(session, pdu.sequence_number, pdu.command === 'generic_nack' ? S.ESME_RSYSERR : pdu.command_status);
    }
    // Only an unbind the SMSC sent ends the session; an unsolicited unbind_resp is ignored.
    if (pdu.command === 'unbind_resp' && unbindSent) stream.close();
  }

  function unbound(): void {
    // Runs on unbind and again when the socket closes; the bind is given back once.
    if (!acct || state === 'closed') return;
    if (state !== 'bound_tx') acct.queue.removeReceiver(session);
    acct.binds--;
    state = 'closed';
  }

  stream.on('pdu', (pdu) => {
    // Once our side is closing, input already read is not answered: nothing may be written after end().
    if (stream.closed) return;
    log('in', pdu.command, pdu.sequence_number, pdu.command_status);
    ctx.stats.inc(`in:${pdu.command}`);
    if (pdu.command_id & 0x80000000) return onResponse(pdu);
    onRequest(pdu);
  });
  stream.on('decode-error', (err) => {
    ctx.stats.inc('in:malformed');
    nack(err.sequence_number, err.status, err.message);
  });
  stream.on('invalid-length', (len, header) => {
    ctx.stats.inc('in:invalid-length');
    nack(header.length >= 16 ? header.readUInt32BE(12) : 0, S.ESME_RINVCMDLEN, `command_length ${len}`);
    stream.close();
    // A peer that keeps the socket open after the nack is dropped.
    ctx.clock.setTimer(() => stream.destroy(), 1000 * ctx.clock.speed);
  });
  stream.on('error', () => stream.destroy());
  stream.on('close', () => {
    unbound();
    state = 'closed';
  });

  const session: SmppSession = {
    id,
    get state() {
      return state;
    },
    get systemId() {
      return acct?.account.systemId ?? null;
    },
    sendDeliver(fields) {
      if (stream.closed || blackholed()) return null;
      outSeq = outSeq >= 0x7fffffff ? 1 : outSeq + 1;
      stream.send({ command: 'deliver_sm', sequence_number: outSeq, ...fields });
      ctx.stats.inc('deliver_sm');
      log('out', 'deliver_sm', outSeq, 0);
      return outSeq;
    },
    close: () => {
      if (state !== 'open' && state !== 'closed' && !stream.closed) {
        outSeq = outSeq >= 0x7fffffff ? 1 : outSeq + 1;
        stream.send({ command: 'unbind', sequence_number: outSeq });
        unbindSent = true;
      }
      stream.close();
    },
    destroy: () => stream.destroy(),
  };
  return session;
}
