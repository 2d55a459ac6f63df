// Bench ESME: a bare `smpp` package client with a hand-made window. Binds as 3.4 (the package would
// say 0x50), acknowledges every deliver_sm, prints `RESULT <json>`.
import smpp from 'smpp';
import { createPhaseRunner, DESTINATION, readArgs, report, SOURCE, TEXT } from './workload.ts';

const args = readArgs();
const session = smpp.connect({ url: `smpp://127.0.0.1:${args.port}` });
session.on('error', (err: Error) => {
  console.error(`raw esme: ${err.message}`);
  process.exit(1);
});
await new Promise<void>((resolve, reject) => {
  session.on('connect', () => {
    session.bind_transceiver({ system_id: 'msgsim', password: 'secret', interface_version: 0x34 }, (pdu: smpp.PDU) =>
      pdu.command_status === 0 ? resolve() : reject(new Error(`bind refused: ${pdu.command_status}`)),
    );
  });
});

const body = Buffer.from(TEXT, 'latin1');
const runner = createPhaseRunner((registered, done) => {
  session.submit_sm(
    {
      source_addr_ton: 0, source_addr_npi: 1, source_addr: SOURCE,
      dest_addr_ton: 0, dest_addr_npi: 1, destination_addr: DESTINATION,
      registered_delivery: registered ? 1 : 0, data_coding: 0x01, short_message: body,
    },
    (resp: smpp.PDU) => done(resp.command_status === 0),
  );
});
session.on('deliver_sm', (pdu: smpp.PDU) => {
  session.send(pdu.response());
  if (Number(pdu.esm_class) & 0x04) runner.receipt();
});
session.on('enquire_link', (pdu: smpp.PDU) => session.send(pdu.response()));

await runner.run(args.warmup, true, args.window, args.timeLimitMs);
const submit = await runner.run(args.messages, false, args.window, args.timeLimitMs);
const cycle = await runner.run(args.messages, true, args.window, args.timeLimitMs);
report({ submit, cycle });
session.destroy();
process.exit(0);
