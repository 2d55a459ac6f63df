// Bench server without an MMSC behind it: node:http answering every POST with the same SubmitRsp
// (TransactionID not echoed; the client counts that and goes on). Shows the client's own ceiling.
import { createServer } from 'node:http';
import { buildMm7Envelope } from '../../../gateways/gmmsc/codec/mm7-envelope.ts';
import { DEFAULT_MM7_NAMESPACE } from '../../../gateways/gmmsc/codec/mm7-namespaces.ts';

const body = buildMm7Envelope({ transactionId: 'canned', namespace: DEFAULT_MM7_NAMESPACE, message: { kind: 'SubmitRsp', mm7Version: '6.8.0', status: { code: 1000, text: 'Success' }, messageId: 'CANNED1' } });
const server = createServer({ keepAliveTimeout: 60_000 }, (req, res) => {
  req.resume();
  req.on('end', () => {
    res.writeHead(200, { 'content-type': 'text/xml; charset="utf-8"', 'content-length': Buffer.byteLength(body) });
    res.end(body);
  });
});
server.listen(0, '127.0.0.1', () => console.log(`LISTENING ${(server.address() as { port: number }).port}`));
process.on('SIGTERM', () => process.exit(0));
