// Bench server: the thinnest SMSC the `smpp` package allows. It answers every submit_sm at once and,
// when a receipt was asked for, sends the receipt deliver_sm straight after — the raw ceiling.
// Prints `LISTENING <port>`.
import smpp from 'smpp';

const pad = (n: number) => String(n).padStart(2, '0');
const now = new Date();
const stamp = `${pad(now.getFullYear() % 100)}${pad(now.getMonth() + 1)}${pad(now.getDate())}${pad(now.getHours())}${pad(now.getMinutes())}`;
let nextId = 1_000_000_000;

const server = smpp.createServer((session) => {
  session.on('error', () => session.destroy());
  for (const bind of ['bind_transceiver', 'bind_transmitter', 'bind_receiver']) {
    session.on(bind, (pdu: smpp.PDU) => session.send(pdu.response({ system_id: 'RAWSMSC' })));
  }
  session.on('enquire_link', (pdu: smpp.PDU) => session.send(pdu.response()));
  session.on('unbind', (pdu: smpp.PDU) => {
    session.send(pdu.response());
    session.close();
  });
  session.on('submit_sm', (pdu: smpp.PDU) => {
    const id = String(nextId++);
    session.send(pdu.response({ message_id: id }));
    if (!(Number(pdu.registered_delivery) & 0x03)) return;
    const text = `id:${id} sub:001 dlvrd:001 submit date:${stamp} done date:${stamp} stat:DELIVRD err:000 text:`;
    session.send(
      new smpp.PDU('deliver_sm', {
        source_addr: pdu.destination_addr,
        destination_addr: pdu.source_addr,
        esm_class: 0x04,
        data_coding: 0x01,
        short_message: Buffer.from(text, 'latin1'),
        receipted_message_id: id,
        message_state: 2,
      }),
    );
  });
});

server.listen(0, '127.0.0.1', () => {
  const address = server.address();
  console.log(`LISTENING ${typeof address === 'object' && address ? address.port : 0}`);
});
process.on('SIGTERM', () => process.exit(0));
