// Bench ESME: our SMSVAS client (one transceiver, window as given). Prints `RESULT <json>`.
import { createSmsvasClient } from '../../../gateways/smsvas/client/smsvas-client.ts';
import { createPhaseRunner, DESTINATION, readArgs, report, SOURCE, TEXT } from './workload.ts';

const args = readArgs();
const client = createSmsvasClient({ target: `smpp://msgsim:secret@127.0.0.1:${args.port}`, window: args.window, binds: 1 });
await client.connect();

const runner = createPhaseRunner((registered, done) => {
  client.submit({ source: SOURCE, destination: DESTINATION, text: TEXT, registeredDelivery: registered }).then(
    (o) => done(o.kind === 'accepted'),
    () => done(false),
  );
});
client.on('report', () => runner.receipt());

// The caller keeps twice the window outstanding so the client's own queue is never empty.
await runner.run(args.warmup, true, args.window * 2, args.timeLimitMs);
const submit = await runner.run(args.messages, false, args.window * 2, args.timeLimitMs);
const cycle = await runner.run(args.messages, true, args.window * 2, args.timeLimitMs);
report({ submit, cycle });
await client.close();
process.exit(0);
