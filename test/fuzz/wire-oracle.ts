// What an SMPP 3.4 SMSC must answer, derived only from the bytes written to it. The oracle frames the
// written stream itself (command_length is all an SMSC can trust), predicts one answer per frame and
// matches what comes back:
// - a request that decodes: its _resp (any status) or generic_nack, same sequence_number;
// - a frame that does not decode: generic_nack with the decode error's status, same sequence_number;
// - a response that decodes: nothing (an unsolicited response is ignored);
// - an invalid command_length: generic_nack ESME_RINVCMDLEN, then the SMSC closes.
import { responseCommandFor } from '../../gateways/smsvas/codec/command-id.ts';
import { COMMAND_STATUS as S, commandStatusName } from '../../gateways/smsvas/codec/command-status.ts';
import { SmppDecodeError } from '../../gateways/smsvas/codec/codec-errors.ts';
import { decodePdu, type Pdu } from '../../gateways/smsvas/codec/pdu.ts';
import { MAX_PDU_LENGTH } from './pdu-mutator.ts';
import type { FuzzTally } from './fuzz-tally.ts';

interface Expectation {
  index: number;
  seq: number;
  /** The _resp a decoded request may get; undefined when only generic_nack fits. */
  resp: string | undefined;
  /** The status a generic_nack must carry for an undecodable frame. */
  nackStatus: number | undefined;
  invalidLength: boolean;
  label: string;
  frame: Buffer;
  due: number;
}

export interface WireOracle {
  /** Feeds octets exactly as written to the socket; `label` names the case they came from. */
  written(bytes: Buffer, label: string): void;
  /** Matches one PDU received from the SMSC. */
  answer(pdu: Pdu): void;
  /** The connection closed; `byUs` when the test ended it. */
  closed(byUs: boolean): void;
  /** Fails every expectation past its deadline; returns how many. */
  expire(now: number): number;
  outstanding(): number;
  /** An invalid command_length was written: nothing after it will be read. */
  readonly broken: boolean;
  /** Octets of an incomplete frame the SMSC is still waiting to complete. */
  readonly partial: number;
  /** A decodable unbind is among the outstanding requests. */
  readonly unbindPending: boolean;
  /** Something written may legitimately end the session (bad length, unbind). */
  readonly closeExpected: boolean;
}

// SMPP 5.0-only command_status codes and command_ids: a 3.4 SMSC must never send them.
const V5_STATUS_MIN = 0x100;
const V5_STATUS_MAX = 0x112;
const V5_IDS = new Set([0x111, 0x112, 0x113, 0x80000111, 0x80000112, 0x80000113]);

export function createWireOracle(opts: { session: string; tally: FuzzTally; answerTimeoutMs: number; now: () => number }): WireOracle {
  const { tally } = opts;
  let pending: Buffer = Buffer.alloc(0);
  let broken = false;
  let index = 0;
  let closeAfter: number | null = null;
  let unbinds = 0;
  const bySeq = new Map<number, Expectation[]>();
  // The last frames written, so that an unexplained close can name the frame that caused it.
  const recent: Array<{ index: number; frame: Buffer }> = [];
  let count = 0;

  const fail = (reason: string, e?: Expectation, extra?: Buffer) =>
    tally.fail({ session: opts.session, reason, label: e?.label, hex: (e?.frame ?? extra)?.toString('hex') });

  function expect(e: Omit<Expectation, 'index' | 'due'>): void {
    const full: Expectation = { ...e, index: index++, due: opts.now() + opts.answerTimeoutMs };
    const list = bySeq.get(e.seq);
    if (list) list.push(full);
    else bySeq.set(e.seq, [full]);
    count++;
    if (e.resp === 'unbind_resp') unbinds++;
  }

  function remove(e: Expectation): void {
    const list = bySeq.get(e.seq)!;
    list.splice(list.indexOf(e), 1);
    if (list.length === 0) bySeq.delete(e.seq);
    count--;
    if (e.resp === 'unbind_resp') unbinds--;
  }

  function onFrame(frame: Buffer, label: string): void {
    recent.push({ index, frame: Buffer.from(frame.subarray(0, 512)) });
    if (recent.length > 64) recent.shift();
    const id = frame.readUInt32BE(4);
    const seq = frame.readUInt32BE(12);
    let pdu: Pdu;
    try {
      pdu = decodePdu(frame);
    } catch (err) {
      if (!(err instanceof SmppDecodeError)) {
        fail(`decodePdu threw ${(err as Error).name}: ${(err as Error).message}`, undefined, frame);
        return;
      }
      expect({ seq, resp: undefined, nackStatus: err.status, invalidLength: false, label, frame });
      return;
    }
    if (id & 0x80000000) {
      tally.count(`silent:${pdu.command}`);
      // An unsolicited unbind_resp ends nothing: the SMSC sent no unbind, so it ignores it.
      index++;
      return;
    }
    expect({ seq, resp: responseCommandFor(pdu.command), nackStatus: undefined, invalidLength: false, label, frame });
  }

  function checkVersion(pdu: Pdu): void {
    const status = pdu.command_status >>> 0;
    if (status >= V5_STATUS_MIN && status <= V5_STATUS_MAX) fail(`SMPP 5.0-only command_status 0x${status.toString(16)} in ${pdu.command}`);
    if (V5_IDS.has(pdu.command_id >>> 0)) fail(`SMPP 5.0-only command_id in ${pdu.command}`);
    if (pdu.command.startsWith('bind_') && pdu.sc_interface_version !== undefined && pdu.sc_interface_version !== 0x34) {
      fail(`${pdu.command} carries sc_interface_version 0x${Number(pdu.sc_interface_version).toString(16)}, not 0x34`);
    }
  }

  function classify(e: Expectation, pdu: Pdu): boolean {
    const status = pdu.command_status >>> 0;
    if (e.invalidLength) {
      if (pdu.command !== 'generic_nack' || status !== S.ESME_RINVCMDLEN) return false;
      tally.count('close:invalid-length');
      closeAfter = Math.min(closeAfter ?? e.index, e.index);
      return true;
    }
    if (pdu.command === 'generic_nack') {
      if (e.nackStatus !== undefined) {
        if (status !== e.nackStatus) {
          fail(`undecodable frame: generic_nack ${commandStatusName(status)}, expected ${commandStatusName(e.nackStatus)}`, e);
        }
        tally.count(`nack:undecodable:${commandStatusName(status)}`);
        return true;
      }
      if (status === S.ESME_ROK) fail('generic_nack with ESME_ROK for a request', e);
      tally.count(`nack:decoded:${commandStatusName(status)}`);
      return true;
    }
    if (e.resp === undefined || pdu.command !== e.resp) return false;
    tally.count(status === S.ESME_ROK ? 'resp:ok' : status === S.ESME_RTHROTTLED ? 'resp:throttled' : `resp:error:${commandStatusName(status)}`);
    if (pdu.command === 'unbind_resp' && status === S.ESME_ROK) {
      tally.count('close:unbind');
      closeAfter = Math.min(closeAfter ?? e.index, e.index);
    }
    return true;
  }

  return {
    get broken() {
      return broken;
    },
    get partial() {
      return pending.length;
    },
    get unbindPending() {
      return unbinds > 0;
    },
    get closeExpected() {
      return broken || closeAfter !== null;
    },
    written(bytes, label) {
      if (broken) return;
      let buf = pending.length === 0 ? bytes : Buffer.concat([pending, bytes]);
      let off = 0;
      while (buf.length - off >= 4) {
        const len = buf.readUInt32BE(off);
        if (len < 16 || len > MAX_PDU_LENGTH) {
          broken = true;
          // With fewer than 16 octets written the sequence_number is unknown: the SMSC may have read the
          // octets written after them (ignored from here on) or not, and nacks with whatever it saw, or 0.
          const seq = buf.length - off >= 16 ? buf.readUInt32BE(off + 12) : -1;
          expect({ seq, resp: undefined, nackStatus: S.ESME_RINVCMDLEN, invalidLength: true, label, frame: Buffer.from(buf.subarray(off, off + 16)) });
          pending = Buffer.alloc(0);
          return;
        }
        if (buf.length - off < len) break;
        onFrame(buf.subarray(off, off + len), label);
        off += len;
      }
      buf = buf.subarray(off);
      pending = buf.length === 0 ? Buffer.alloc(0) : Buffer.from(buf);
    },
    answer(pdu) {
      checkVersion(pdu);
      const seq = pdu.sequence_number >>> 0;
      let list = bySeq.get(seq);
      // The SMSC may see fewer than 16 header octets of a bad-length frame and nack it with sequence 0.
      if (!list?.length && pdu.command === 'generic_nack') {
        const invalid = [...bySeq.values()].flat().find((e) => e.invalidLength);
        if (invalid && (seq === 0 || invalid.seq === -1)) list = [invalid];
      }
      const e = list?.find((x) => classify(x, pdu));
      if (!e) {
        tally.fail({ session: opts.session, reason: `unexpected ${pdu.command} ${commandStatusName(pdu.command_status)} seq ${seq}`, hex: list?.[0]?.frame.toString('hex') });
        return;
      }
      remove(e);
    },
    closed(byUs) {
      const all = [...bySeq.values()].flat().sort((a, b) => a.index - b.index);
      const first = all.find((e) => !(closeAfter !== null && e.index > closeAfter));
      if (!byUs && first) {
        const before = recent.filter((r) => r.index < first.index).at(-1);
        const headers = recent.slice(-8).map((r) => `#${r.index} ${r.frame.subarray(0, 16).toString('hex')}`).join(', ');
        if (before) fail(`connection closed: first unanswered frame #${first.index} follows #${before.index} (last headers written: ${headers})`, undefined, before.frame);
      }
      for (const list of bySeq.values()) {
        for (const e of list) {
          if (closeAfter !== null && e.index > closeAfter) tally.count('waived:after-close');
          else if (e.invalidLength) fail('invalid command_length: connection closed without generic_nack ESME_RINVCMDLEN', e);
          else if (byUs) fail('still unanswered when the test closed the connection', e);
          else fail('connection closed with this frame unanswered', e);
        }
      }
      if (!byUs && closeAfter === null && count === 0) fail('SMSC closed the connection with no unbind or invalid length to justify it');
      bySeq.clear();
      count = 0;
      unbinds = 0;
    },
    expire(now) {
      let n = 0;
      for (const list of [...bySeq.values()]) {
        for (const e of [...list]) {
          if (e.due > now) continue;
          if (closeAfter !== null && e.index > closeAfter) continue;
          fail(`no answer within ${opts.answerTimeoutMs} ms`, e);
          remove(e);
          n++;
        }
      }
      return n;
    },
    outstanding: () => count,
  };
}
