// A well-behaved ESME that keeps using the SMSC while fuzzers attack it: bind, submit with a receipt
// request, wait for submit_sm_resp and the receipt, acknowledge, and every so often unbind and bind
// again. Every step has a deadline; any miss is recorded, never waited out.
import { connect } from 'node:net';
import { COMMAND_STATUS as S, commandStatusName } from '../../gateways/smsvas/codec/command-status.ts';
import { createPduStream, type PduStream } from '../../gateways/smsvas/codec/pdu-stream.ts';
import type { Pdu } from '../../gateways/smsvas/codec/pdu.ts';

export interface CanaryOptions {
  port: number;
  systemId: string;
  password: string;
  sender: string;
  destination: string;
  /** Submits per bind before unbinding and binding again. */
  submitsPerBind: number;
  stepTimeoutMs: number;
}

export interface CanaryStats {
  binds: number;
  submits: number;
  receipts: number;
  maxSubmitMs: number;
  maxReceiptMs: number;
  failures: string[];
}

export interface Canary {
  readonly stats: CanaryStats;
  /** Finishes the current submit, unbinds and resolves when the loop has ended. */
  stop(): Promise<void>;
}

export function startCanary(o: CanaryOptions): Canary {
  const stats: CanaryStats = { binds: 0, submits: 0, receipts: 0, maxSubmitMs: 0, maxReceiptMs: 0, failures: [] };
  let stopping = false;
  const loop = (async () => {
    while (!stopping && stats.failures.length < 10) {
      try {
        await oneBind(o, stats, () => stopping);
      } catch (err) {
        stats.failures.push((err as Error).message);
      }
    }
  })();
  return {
    stats,
    async stop() {
      stopping = true;
      await loop;
    },
  };
}

async function oneBind(o: CanaryOptions, stats: CanaryStats, stopping: () => boolean): Promise<void> {
  const socket = connect({ port: o.port, host: '127.0.0.1' });
  await new Promise<void>((resolve, reject) => {
    socket.once('connect', resolve);
    socket.once('error', reject);
  });
  const wire = createWire(createPduStream(socket), o.stepTimeoutMs);
  try {
    const bind = await wire.request({ command: 'bind_transceiver', system_id: o.systemId, password: o.password, interface_version: 0x34 });
    expectStatus(bind, 'bind_transceiver_resp');
    stats.binds++;
    for (let i = 0; i < o.submitsPerBind && !stopping(); i++) {
      const t0 = performance.now();
      const resp = await wire.request({
        command: 'submit_sm', source_addr_ton: 0, source_addr_npi: 1, source_addr: o.sender, dest_addr_ton: 0, dest_addr_npi: 1,
        destination_addr: o.destination, registered_delivery: 1, data_coding: 0x08, short_message: Buffer.from('c548b155', 'hex'),
      });
      expectStatus(resp, 'submit_sm_resp');
      const id = String(resp.message_id ?? '');
      if (!/^\d+$/.test(id)) throw new Error(`canary: submit_sm_resp message_id ${JSON.stringify(id)}`);
      const t1 = performance.now();
      stats.submits++;
      stats.maxSubmitMs = Math.max(stats.maxSubmitMs, t1 - t0);
      const receipt = await wire.receipt(id);
      stats.receipts++;
      stats.maxReceiptMs = Math.max(stats.maxReceiptMs, performance.now() - t1);
      if (receipt.message_state !== 2) throw new Error(`canary: receipt for ${id} has message_state ${String(receipt.message_state)}`);
    }
    expectStatus(await wire.request({ command: 'unbind' }), 'unbind_resp');
    await wire.closed();
  } finally {
    socket.destroy();
  }
}

function expectStatus(pdu: Pdu, command: string): void {
  if (pdu.command !== command || pdu.command_status !== S.ESME_ROK) {
    throw new Error(`canary: expected ${command} ESME_ROK, got ${pdu.command} ${commandStatusName(pdu.command_status)}`);
  }
}

function createWire(stream: PduStream, timeoutMs: number) {
  let seq = 0;
  const answers = new Map<number, (p: Pdu) => void>();
  const receipts = new Map<string, Pdu>();
  let receiptWaiter: (() => void) | null = null;
  let isClosed = false;
  let onClosed: (() => void) | null = null;
  stream.on('pdu', (pdu) => {
    if (pdu.command === 'deliver_sm') {
      stream.send({ command: 'deliver_sm_resp', sequence_number: pdu.sequence_number, message_id: '' });
      receipts.set(String(pdu.receipted_message_id ?? ''), pdu);
      receiptWaiter?.();
      return;
    }
    answers.get(pdu.sequence_number)?.(pdu);
    answers.delete(pdu.sequence_number);
  });
  stream.on('error', () => {});
  stream.on('close', () => {
    isClosed = true;
    onClosed?.();
  });
  const deadline = <T>(what: string, p: Promise<T>): Promise<T> => {
    let t: ReturnType<typeof setTimeout>;
    return Promise.race([p, new Promise<T>((_, reject) => (t = setTimeout(() => reject(new Error(`canary: no ${what} within ${timeoutMs} ms`)), timeoutMs)))]).finally(() => clearTimeout(t));
  };
  return {
    request(pdu: Record<string, unknown> & { command: Pdu['command'] }): Promise<Pdu> {
      const sequence_number = ++seq;
      return deadline(`answer to ${pdu.command}`, new Promise<Pdu>((resolve) => {
        answers.set(sequence_number, resolve);
        stream.send({ ...pdu, sequence_number });
      }));
    },
    receipt(id: string): Promise<Pdu> {
      return deadline(`receipt for ${id}`, new Promise<Pdu>((resolve) => {
        const check = () => {
          const r = receipts.get(id);
          if (!r) return;
          receipts.delete(id);
          receiptWaiter = null;
          resolve(r);
        };
        receiptWaiter = check;
        check();
      }));
    },
    closed(): Promise<void> {
      if (isClosed || stream.closed) return Promise.resolve();
      return deadline('close after unbind', new Promise<void>((resolve) => (onClosed = resolve)));
    },
  };
}
