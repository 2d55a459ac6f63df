// A scripted MMSC for client tests: it decodes each request with the codec, records it, and answers
// whatever the test's script returns for it. It can also post callbacks to the client.
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { buildMm7Envelope } from '../../../../gateways/gmmsc/codec/mm7-envelope.ts';
import { decodeMm7Http, encodeMm7Http, type DecodedMm7Http, type EncodeMm7HttpOptions } from '../../../../gateways/gmmsc/codec/mm7-http.ts';
import type { Mm7Message } from '../../../../gateways/gmmsc/codec/mm7-message.ts';

export interface SeenRequest {
  headers: IncomingMessage['headers'];
  contentType: string;
  raw: Buffer;
  decoded: DecodedMm7Http | null;
  error?: string;
}

export type Answer =
  | { kind: 'mm7'; message: Mm7Message; http?: number; transactionId?: string | null; namespace?: string }
  | { kind: 'raw'; http: number; contentType?: string; body: string }
  | { kind: 'hang' };

export interface FakeMmsc {
  url(user?: string, password?: string): string;
  seen: SeenRequest[];
  script: (req: SeenRequest) => Answer;
  close(): Promise<void>;
}

export const accept = (messageId: string): ((req: SeenRequest) => Answer) => () => ({
  kind: 'mm7',
  message: { kind: 'SubmitRsp', mm7Version: '6.8.0', status: { code: 1000, text: 'Success' }, messageId },
});

export async function startFakeMmsc(script: (req: SeenRequest) => Answer = accept('M1')): Promise<FakeMmsc> {
  const seen: SeenRequest[] = [];
  const hanging: Array<() => void> = [];
  const fake: FakeMmsc = { url: () => '', seen, script, close: async () => {} };
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const raw = Buffer.concat(chunks);
      const contentType = String(req.headers['content-type'] ?? '');
      const s: SeenRequest = { headers: req.headers, contentType, raw, decoded: null };
      try {
        s.decoded = decodeMm7Http(contentType, raw);
      } catch (e) {
        s.error = (e as Error).message;
      }
      seen.push(s);
      const a = fake.script(s);
      if (a.kind === 'hang') return void hanging.push(() => res.destroy());
      if (a.kind === 'raw') {
        res.writeHead(a.http, { 'content-type': a.contentType ?? 'text/plain' });
        return void res.end(a.body);
      }
      const xml = buildMm7Envelope({
        transactionId: a.transactionId === undefined ? (s.decoded?.envelope.transactionId ?? null) : a.transactionId,
        namespace: a.namespace ?? s.decoded?.envelope.namespace ?? 'http://www.3gpp.org/ftp/Specs/archive/23_series/23.140/schema/REL-6-MM7-1-4',
        message: a.message,
      });
      res.writeHead(a.http ?? (a.message.kind === 'Fault' ? 500 : 200), { 'content-type': 'text/xml; charset="utf-8"' });
      res.end(xml);
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const port = (server.address() as AddressInfo).port;
  fake.url = (user = 'vasp', password = 'secret') => `http://${user}:${password}@127.0.0.1:${port}/mm7`;
  fake.close = async () => {
    for (const h of hanging) h();
    server.closeAllConnections();
    await new Promise<void>((r) => server.close(() => r()));
  };
  return fake;
}

/** Posts one MM7 request to a callback URL the way an MMSC does; returns the HTTP status and the body. */
export async function postCallback(url: string, message: Mm7Message, opts: { transactionId?: string; namespace?: string; content?: EncodeMm7HttpOptions['content']; auth?: string } = {}): Promise<{ status: number; body: string }> {
  const http = encodeMm7Http(
    { transactionId: opts.transactionId ?? 'CB-1', namespace: opts.namespace ?? 'http://www.3gpp.org/ftp/Specs/archive/23_series/23.140/schema/REL-6-MM7-1-4', message },
    opts.content ? { content: opts.content } : {},
  );
  const res = await fetch(url, { method: 'POST', headers: { 'content-type': http.contentType, ...(opts.auth ? { authorization: opts.auth } : {}) }, body: http.body, signal: AbortSignal.timeout(5000) });
  return { status: res.status, body: await res.text() };
}
