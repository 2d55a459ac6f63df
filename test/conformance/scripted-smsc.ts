// A tiny SMSC whose every answer a test can script, to prove that a check fails when the SMSC breaks
// exactly the rule that check names (for defects the simulator has no preset for).
import { createServer, type AddressInfo, type Socket } from 'node:net';
import { COMMAND_STATUS as S } from '../../gateways/smsvas/codec/command-status.ts';
import { formatReceiptText } from '../../gateways/smsvas/codec/delivery-receipt.ts';
import type { Pdu } from '../../gateways/smsvas/codec/pdu.ts';
import { createPduStream, type PduStream } from '../../gateways/smsvas/codec/pdu-stream.ts';

export interface ScriptedSession {
  respond(req: Pdu, status: number, fields?: Record<string, unknown>): void;
  deliver(fields: Record<string, unknown>): void;
  readonly stream: PduStream;
}

export interface Script {
  /** Answers a submit_sm; the default accepts it and sends a receipt when registered_delivery asks. */
  submit?: (req: Pdu, s: ScriptedSession, n: number) => void;
  /** What to do with a command_length below 16; default generic_nack ESME_RINVCMDLEN then close. */
  onInvalidLength?: 'nack-and-close' | 'ignore';
}

export function receiptFields(messageId: string, opts?: { stat?: 'DELIVRD' | 'UNDELIV'; state?: number; textId?: string }): Record<string, unknown> {
  const text = formatReceiptText({ id: opts?.textId ?? messageId, sub: 1, dlvrd: 1, submitDate: Date.now(), doneDate: Date.now(), stat: opts?.stat ?? 'DELIVRD', err: '000', text: 'msgsim' });
  return {
    source_addr: '01012340001', destination_addr: '15880000', esm_class: 0x04, data_coding: 0x01,
    short_message: Buffer.from(text, 'latin1'), receipted_message_id: messageId, message_state: opts?.state ?? 2,
  };
}

export function acceptWithReceipt(req: Pdu, s: ScriptedSession, n: number): void {
  const id = `m${n}`;
  s.respond(req, S.ESME_ROK, { message_id: id });
  if ((Number(req.registered_delivery) & 0x03) === 0x01) setTimeout(() => s.deliver(receiptFields(id)), 20);
}

export async function startScriptedSmsc(script: Script): Promise<{ url: string; close(): Promise<void> }> {
  const sockets = new Set<Socket>();
  let submits = 0;
  const server = createServer((socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
    const stream = createPduStream(socket);
    let outSeq = 0;
    const session: ScriptedSession = {
      stream,
      respond: (req, status, fields) => stream.send({ command: `${req.command}_resp` as Pdu['command'], sequence_number: req.sequence_number, command_status: status, ...fields }),
      deliver: (fields) => stream.send({ command: 'deliver_sm', sequence_number: ++outSeq, ...fields }),
    };
    stream.on('error', () => stream.destroy());
    stream.on('decode-error', (err) => stream.send({ command: 'generic_nack', sequence_number: err.sequence_number, command_status: err.status }));
    stream.on('invalid-length', () => {
      if (script.onInvalidLength === 'ignore') return;
      stream.send({ command: 'generic_nack', sequence_number: 0, command_status: S.ESME_RINVCMDLEN });
      stream.close();
    });
    stream.on('pdu', (pdu) => {
      if (pdu.command_id & 0x80000000) return;
      if (pdu.command.startsWith('bind_')) return session.respond(pdu, S.ESME_ROK, { system_id: 'SCRIPTED', sc_interface_version: 0x34 });
      if (pdu.command === 'enquire_link') return session.respond(pdu, S.ESME_ROK);
      if (pdu.command === 'unbind') {
        session.respond(pdu, S.ESME_ROK);
        return stream.close();
      }
      if (pdu.command === 'submit_sm') return (script.submit ?? acceptWithReceipt)(pdu, session, ++submits);
      stream.send({ command: 'generic_nack', sequence_number: pdu.sequence_number, command_status: S.ESME_RINVCMDID });
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `smpp://esme:pw@127.0.0.1:${port}`,
    close: () =>
      new Promise<void>((resolve) => {
        for (const s of sockets) s.destroy();
        server.close(() => resolve());
      }),
  };
}
