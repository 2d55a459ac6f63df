// One fuzzing ESME: connects (again after every close), optionally binds, then writes fuzz cases one
// per write, many per write, split at random octets, or dripped a few octets at a time, never more
// than `inFlightCap` unanswered. Answers go to the wire oracle; deliver_sm from the SMSC is
// acknowledged so that receipts do not pile up for this account.
import { connect, type Socket } from 'node:net';
import { setImmediate as tick } from 'node:timers/promises';
import type { Rng } from '../../gateways/kit/rng.ts';
import { SmppDecodeError } from '../../gateways/smsvas/codec/codec-errors.ts';
import { createPduFramer } from '../../gateways/smsvas/codec/pdu-framer.ts';
import { decodePdu, encodePdu } from '../../gateways/smsvas/codec/pdu.ts';
import type { FuzzTally } from './fuzz-tally.ts';
import { mutate, randomFrame, type FuzzCase } from './pdu-mutator.ts';
import { randomSeed, type SeedContext } from './seed-pdus.ts';
import { createWireOracle, type WireOracle } from './wire-oracle.ts';

export interface FuzzSessionOptions {
  name: string;
  port: number;
  rng: Rng;
  /** Bind before fuzzing on every connection; null fuzzes an unbound (OPEN) session. */
  bind: { command: 'bind_transmitter' | 'bind_receiver' | 'bind_transceiver'; systemId: string; password: string } | null;
  seed: SeedContext;
  /** Fuzz cases to send in total, over as many connections as it takes. */
  cases: number;
  inFlightCap: number;
  answerTimeoutMs: number;
  tally: FuzzTally;
  /** Share of fully random frames (the rest mutate valid PDUs). */
  randomShare?: number;
}

export interface FuzzSessionResult {
  cases: number;
  connections: number;
  bindFailures: number;
}

type Mode = 'single' | 'batch' | 'split' | 'drip';

export async function runFuzzSession(o: FuzzSessionOptions): Promise<FuzzSessionResult> {
  const res: FuzzSessionResult = { cases: 0, connections: 0, bindFailures: 0 };
  let seq = o.rng.int(1, 0x1000);
  const nextSeq = () => (seq = seq >= 0x7fffffff ? 1 : seq + 1);
  while (res.cases < o.cases) {
    res.connections++;
    const left = o.cases - res.cases;
    res.cases += await runConnection(o, Math.min(left, o.rng.int(200, 4000)), nextSeq, res);
  }
  return res;
}

async function runConnection(o: FuzzSessionOptions, budget: number, nextSeq: () => number, res: FuzzSessionResult): Promise<number> {
  const socket = connect({ port: o.port, host: '127.0.0.1' });
  socket.setNoDelay(true);
  await new Promise<void>((resolve, reject) => {
    socket.once('connect', resolve);
    socket.once('error', reject);
  });
  const oracle = createWireOracle({ session: `${o.name}:${socket.localPort}`, tally: o.tally, answerTimeoutMs: o.answerTimeoutMs, now: () => performance.now() });
  const conn = watch(socket, oracle, o);
  let sent = 0;
  try {
    if (o.bind) {
      const bindSeq = nextSeq();
      conn.write(encodePdu({ command: o.bind.command, sequence_number: bindSeq, system_id: o.bind.systemId, password: o.bind.password, interface_version: 0x34 }), 'harness:bind');
      const status = await conn.awaitResponse(bindSeq, o.answerTimeoutMs);
      if (status !== 0) {
        res.bindFailures++;
        o.tally.fail({ session: o.name, reason: `harness bind answered ${status === null ? 'nothing' : `status 0x${status.toString(16)}`}` });
      }
    }
    while (sent < budget && !conn.closed && !oracle.closeExpected) {
      await conn.room(o.inFlightCap);
      if (conn.closed) break;
      const mode = pickMode(o.rng);
      const n = mode === 'batch' || mode === 'split' ? Math.min(budget - sent, o.rng.int(2, 40)) : 1;
      const cases: FuzzCase[] = [];
      let end: CaseEnd = 'none';
      while (cases.length < n && end === 'none') {
        const c = nextCase(o, nextSeq);
        cases.push(c);
        end = caseEnd(c);
      }
      sent += cases.length;
      await writeCases(conn, o.rng, mode, cases);
      if (end === 'stream') break;
      if (end === 'session' || oracle.unbindPending) await conn.drained(o.answerTimeoutMs);
    }
    if (oracle.closeExpected) await conn.closedWithin(o.answerTimeoutMs);
    else await conn.drained(o.answerTimeoutMs);
  } finally {
    conn.finish();
  }
  return sent;
}

function pickMode(rng: Rng): Mode {
  const r = rng.next();
  return r < 0.45 ? 'single' : r < 0.75 ? 'batch' : r < 0.97 ? 'split' : 'drip';
}

type CaseEnd = 'none' | 'session' | 'stream';

/**
 * A case that ends the session (unbind) is the last on its connection until it is answered, and a
 * lying command_length is the last on its connection: what follows could never be answered.
 */
function caseEnd(c: FuzzCase): CaseEnd {
  const b = c.bytes;
  if (b.length < 16 || b.readUInt32BE(0) !== b.length) return 'stream';
  return b.readUInt32BE(4) === 0x00000006 ? 'session' : 'none';
}

function nextCase(o: FuzzSessionOptions, nextSeq: () => number): FuzzCase {
  const c = o.rng.next() < (o.randomShare ?? 0.2) ? randomFrame(o.rng) : mutate(o.rng, randomSeed(o.rng, o.seed));
  // Unique sequence numbers let each answer name the frame it answers.
  if (c.bytes.length >= 16) c.bytes.writeUInt32BE(nextSeq(), 12);
  return c;
}

async function writeCases(conn: Connection, rng: Rng, mode: Mode, cases: FuzzCase[]): Promise<void> {
  if (mode === 'single' || mode === 'batch') {
    for (const c of cases) conn.write(c.bytes, c.label, mode === 'batch');
    conn.flush();
    await tick();
    return;
  }
  const label = cases.length === 1 ? cases[0].label : `${cases[0].label}+${cases.length - 1}`;
  const all = Buffer.concat(cases.map((c) => c.bytes));
  const step = mode === 'drip' ? () => rng.int(1, 3) : () => rng.int(1, Math.max(1, Math.ceil(all.length / 3)));
  for (let off = 0; off < all.length && !conn.closed;) {
    const end = Math.min(all.length, off + step());
    conn.write(all.subarray(off, end), label);
    off = end;
    await tick();
  }
}

interface Connection {
  /** Writes now, or with `hold` collects into one write made by flush(). */
  write(bytes: Buffer, label: string, hold?: boolean): void;
  flush(): void;
  awaitResponse(seq: number, timeoutMs: number): Promise<number | null>;
  room(cap: number): Promise<void>;
  drained(timeoutMs: number): Promise<void>;
  closedWithin(timeoutMs: number): Promise<void>;
  finish(): void;
  readonly closed: boolean;
}

function watch(socket: Socket, oracle: WireOracle, o: FuzzSessionOptions): Connection {
  const framer = createPduFramer();
  let closed = false;
  let byUs = false;
  let held: Buffer[] = [];
  let heldLabel = '';
  const acks: Buffer[] = [];
  const waiters = new Set<() => void>();
  const watched = new Map<number, (status: number) => void>();
  const wake = () => {
    for (const w of [...waiters]) w();
  };
  const until = (cond: () => boolean, timeoutMs: number): Promise<boolean> =>
    new Promise((resolve) => {
      if (cond()) return resolve(true);
      const check = () => {
        if (!cond()) return;
        done(true);
      };
      const done = (ok: boolean) => {
        clearTimeout(t);
        waiters.delete(check);
        resolve(ok);
      };
      const t = setTimeout(() => done(cond()), timeoutMs);
      waiters.add(check);
    });

  function rawWrite(bytes: Buffer, label: string): void {
    if (closed || socket.destroyed) return;
    oracle.written(bytes, label);
    socket.write(bytes);
  }
  // A deliver_sm_resp may only go in between frames, or it would become part of a fuzz frame; and
  // not after a frame that may end the session (see caseEnd).
  function flushAcks(): void {
    if (oracle.partial > 0 || held.length > 0 || oracle.closeExpected || oracle.unbindPending) return;
    for (const a of acks.splice(0)) rawWrite(a, 'harness:deliver_sm_resp');
  }

  socket.on('data', (chunk: Buffer) => {
    for (const ev of framer.push(chunk)) {
      if (ev.kind === 'invalid-length') {
        o.tally.fail({ session: o.name, reason: `SMSC wrote an invalid command_length ${ev.commandLength}`, hex: ev.header.toString('hex') });
        socket.destroy();
        return;
      }
      let pdu;
      try {
        pdu = decodePdu(ev.frame);
      } catch (err) {
        const why = err instanceof SmppDecodeError ? err.message : String(err);
        o.tally.fail({ session: o.name, reason: `SMSC wrote an undecodable PDU: ${why}`, hex: ev.frame.toString('hex') });
        continue;
      }
      if (pdu.command === 'deliver_sm' || pdu.command === 'unbind') {
        o.tally.count(`harness:${pdu.command}`);
        const command = pdu.command === 'deliver_sm' ? 'deliver_sm_resp' : 'unbind_resp';
        acks.push(encodePdu({ command, sequence_number: pdu.sequence_number, message_id: '' }));
        flushAcks();
        continue;
      }
      // Real message ids make the query_sm / cancel_sm / replace_sm seeds reach the message store.
      if (pdu.command === 'submit_sm_resp' && typeof pdu.message_id === 'string' && pdu.message_id) {
        o.seed.messageIds.push(pdu.message_id);
        if (o.seed.messageIds.length > 32) o.seed.messageIds.shift();
      }
      const w = watched.get(pdu.sequence_number);
      if (w) {
        watched.delete(pdu.sequence_number);
        w(pdu.command_status);
      }
      oracle.answer(pdu);
    }
    wake();
  });
  socket.on('error', () => {});
  socket.on('close', () => {
    closed = true;
    clearInterval(expiry);
    oracle.closed(byUs);
    wake();
  });
  const expiry = setInterval(() => {
    if (oracle.expire(performance.now()) > 0) wake();
  }, 250);

  return {
    get closed() {
      return closed;
    },
    write(bytes, label, hold = false) {
      if (hold) {
        held.push(bytes);
        heldLabel ||= label;
        return;
      }
      rawWrite(bytes, label);
      flushAcks();
    },
    flush() {
      if (held.length === 0) return;
      const all = Buffer.concat(held);
      const label = held.length === 1 ? heldLabel : `${heldLabel}+${held.length - 1}`;
      held = [];
      heldLabel = '';
      rawWrite(all, label);
      flushAcks();
    },
    awaitResponse(seq, timeoutMs) {
      return new Promise((resolve) => {
        const t = setTimeout(() => {
          watched.delete(seq);
          resolve(null);
        }, timeoutMs);
        watched.set(seq, (status) => {
          clearTimeout(t);
          resolve(status);
        });
      });
    },
    async room(cap) {
      await until(() => closed || oracle.outstanding() < cap, o.answerTimeoutMs * 2);
    },
    async drained(timeoutMs) {
      await until(() => closed || oracle.outstanding() === 0, timeoutMs + 500);
    },
    async closedWithin(timeoutMs) {
      const ok = await until(() => closed, timeoutMs);
      if (!ok) o.tally.fail({ session: o.name, reason: `SMSC kept the connection open ${timeoutMs} ms after a frame that should end it` });
    },
    finish() {
      if (!closed) {
        byUs = true;
        socket.destroy();
      }
    },
  };
}
