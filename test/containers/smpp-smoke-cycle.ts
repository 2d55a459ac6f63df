// One SMPP 3.4 cycle through the `smpp` package against any SMSC URL: bind_transceiver
// (interface_version 0x34), enquire_link, submit_sm asking for a receipt, the receipt deliver_sm
// answered, unbind. Every step is bounded; the result records what the SMSC answered.
import smpp from 'smpp';

export interface SmokeCycleResult {
  bindStatus: number;
  enquireLinkStatus: number;
  submitStatus: number;
  messageId: string;
  receipt: { esmClass: number; shortMessage: string; receiptedMessageId: string | undefined; messageState: number | undefined };
  unbindStatus: number;
}

export interface SmokeCycleOptions {
  target: string;
  source: string;
  destination: string;
  text: string;
  timeoutMs?: number;
}

export async function runSmppSmokeCycle(opts: SmokeCycleOptions): Promise<SmokeCycleResult> {
  const url = new URL(opts.target);
  const timeoutMs = opts.timeoutMs ?? 10_000;
  const session = smpp.connect({ host: url.hostname, port: Number(url.port) });
  const failures: Error[] = [];
  session.on('error', (err: Error) => failures.push(err));

  const step = <T>(what: string, run: (resolve: (value: T) => void) => void): Promise<T> =>
    new Promise<T>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`${what}: no answer within ${timeoutMs} ms${failures.length ? ` (${failures[0].message})` : ''}`)), timeoutMs);
      run((value) => {
        clearTimeout(timer);
        resolve(value);
      });
    });
  const request = (command: string, fields: Record<string, unknown> = {}): Promise<smpp.PDU> =>
    step(command, (resolve) => session.send(new smpp.PDU(command, fields), resolve));

  try {
    await step<void>('connect', (resolve) => session.socket.once('connect', () => resolve()));
    const receipt = step<smpp.PDU>('receipt deliver_sm', (resolve) => {
      session.on('pdu', (pdu: smpp.PDU) => {
        if (pdu.command !== 'deliver_sm') return;
        session.send(pdu.response());
        if ((Number(pdu.esm_class) & 0x3c) === 0x04) resolve(pdu);
      });
    });
    receipt.catch(() => undefined);

    const bind = await request('bind_transceiver', { system_id: decodeURIComponent(url.username), password: decodeURIComponent(url.password), interface_version: 0x34 });
    const enquire = await request('enquire_link');
    const submit = await request('submit_sm', { source_addr: opts.source, destination_addr: opts.destination, short_message: opts.text, registered_delivery: 1 });
    const delivered = submit.command_status === 0 ? await receipt : undefined;
    const unbind = await request('unbind');
    const message = delivered?.short_message as { message?: unknown } | string | undefined;
    return {
      bindStatus: bind.command_status,
      enquireLinkStatus: enquire.command_status,
      submitStatus: submit.command_status,
      messageId: String(submit.message_id ?? ''),
      receipt: {
        esmClass: Number(delivered?.esm_class ?? -1),
        shortMessage: typeof message === 'string' ? message : String(message?.message ?? ''),
        receiptedMessageId: delivered?.receipted_message_id === undefined ? undefined : String(delivered.receipted_message_id),
        messageState: delivered?.message_state === undefined ? undefined : Number(delivered.message_state),
      },
      unbindStatus: unbind.command_status,
    };
  } finally {
    session.destroy();
  }
}
