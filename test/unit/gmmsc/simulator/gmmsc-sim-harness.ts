// Test harness: a GMMSC simulator on a manual clock, a VASP callback server on loopback that records
// what the relay POSTs (and can fail on purpose), and helpers to send MM7 requests through inject().
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createManualClock, type ManualClock } from '../../../../gateways/kit/clock.ts';
import { buildMmContent, decodeMm7Http, encodeMm7Http, type DecodedMm7Http, type MmContentPart } from '../../../../gateways/gmmsc/codec/mm7-http.ts';
import { parseMm7Envelope, type Mm7Envelope } from '../../../../gateways/gmmsc/codec/mm7-envelope.ts';
import { RESPONSE_OF, type Mm7Request, type SubmitReq } from '../../../../gateways/gmmsc/codec/mm7-message.ts';
import { parseMmscConfig } from '../../../../gateways/gmmsc/simulator/mmsc-config.ts';
import { createMmscSimulator, type MmscSimulator } from '../../../../gateways/gmmsc/simulator/mmsc-simulator.ts';

export const NS = 'http://www.3gpp.org/ftp/Specs/archive/23_series/23.140/schema/REL-6-MM7-1-4';
export const AUTH = 'Basic ' + Buffer.from('vasp1:pw1').toString('base64');

export interface VaspCallback {
  url: string;
  received: DecodedMm7Http[];
  /** The next n POSTs are answered HTTP 500. */
  failNext(n: number): void;
  attempts(): number;
  close(): Promise<void>;
}

export async function startVaspCallback(): Promise<VaspCallback> {
  const received: DecodedMm7Http[] = [];
  let failing = 0;
  let attempts = 0;
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      attempts++;
      if (failing > 0) {
        failing--;
        res.writeHead(500).end('busy');
        return;
      }
      const d = decodeMm7Http(req.headers['content-type'], Buffer.concat(chunks));
      received.push(d);
      const m = d.envelope.message as Mm7Request;
      const answer = encodeMm7Http({ transactionId: d.envelope.transactionId, namespace: d.envelope.namespace, message: { kind: RESPONSE_OF[m.kind], mm7Version: m.mm7Version, status: { code: 1000 } } });
      res.writeHead(200, { 'content-type': answer.contentType }).end(answer.body);
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/vasp`,
    received,
    failNext: (n) => void (failing = n),
    attempts: () => attempts,
    close: () => new Promise((r) => server.close(() => r())),
  };
}

export function baseConfig(callbackUrl?: string, overrides: Record<string, unknown> = {}) {
  return {
    accounts: [
      { vaspId: 'vasp1', vasId: 'svc1', password: 'pw1', callbackUrl, senders: ['15880000'] },
      { vaspId: 'vasp2', password: 'pw2', senders: ['15770000'] },
    ],
    behaviour: { version: 1, latency: 0, reports: { outcomes: { delivered: 1 }, delay: 1000, defaultValidity: '1h' } },
    delivery: { retryDelay: '2s', backoff: 2, maxAttempts: 4, responseTimeout: '2s' },
    ...overrides,
  };
}

export interface Harness {
  sim: MmscSimulator;
  clock: ManualClock;
  callback: VaspCallback;
  post(message: Mm7Request, opts?: { parts?: MmContentPart[]; auth?: string; namespace?: string; transactionId?: string | null }): Promise<{ status: number; envelope: Mm7Envelope; raw: string; headers: Record<string, unknown> }>;
  /** Moves simulated time, then lets loopback I/O land until `until` holds (or a second passes). */
  advance(ms: number, until?: () => boolean): Promise<void>;
  close(): Promise<void>;
}

export async function startHarness(overrides: Record<string, unknown> = {}, callbackOverride?: string): Promise<Harness> {
  const callback = await startVaspCallback();
  const clock = createManualClock(Date.UTC(2026, 10, 20, 3, 0, 0));
  const sim = createMmscSimulator({ config: parseMmscConfig(baseConfig(callbackOverride ?? callback.url, overrides)), clock, seed: 7 });
  let tx = 0;
  return {
    sim,
    clock,
    callback,
    async post(message, opts = {}) {
      const content = opts.parts ? { ...buildMmContent(opts.parts, { start: opts.parts[0].contentId }), contentId: 'mms-content' } : undefined;
      const transactionId = opts.transactionId === undefined ? `t${++tx}` : opts.transactionId;
      const http = encodeMm7Http({ transactionId, namespace: opts.namespace ?? NS, message }, { content });
      const res = await sim.app.inject({ method: 'POST', url: '/mm7', headers: { 'content-type': http.contentType, authorization: opts.auth ?? AUTH }, payload: http.body });
      return { status: res.statusCode, envelope: parseMm7Envelope(res.body), raw: res.body, headers: res.headers };
    },
    async advance(ms, until) {
      clock.advance(ms);
      const deadline = Date.now() + 1000;
      do await new Promise((r) => setTimeout(r, 5));
      while (until && !until() && Date.now() < deadline);
    },
    async close() {
      await sim.close();
      await callback.close();
    },
  };
}

export function submitReq(fields: Partial<SubmitReq> = {}, to: string[] = ['01012340001']): SubmitReq {
  return {
    kind: 'SubmitReq',
    mm7Version: '6.8.0',
    vaspId: 'vasp1',
    vasId: 'svc1',
    senderAddress: { kind: 'ShortCode', value: '15880000' },
    recipients: { to: to.map((value) => ({ kind: 'Number' as const, value })), cc: [], bcc: [] },
    deliveryReport: true,
    subject: '안내',
    ...fields,
  };
}

/** JPEG-shaped bytes of the given size. */
export function jpeg(size: number): Buffer {
  const b = Buffer.alloc(size, 0x11);
  b.set([0xff, 0xd8, 0xff, 0xe0]);
  b.set([0xff, 0xd9], size - 2);
  return b;
}

export function mmsParts(images: Buffer[], text = '사진을 보내드립니다', imageType = 'image/jpeg'): MmContentPart[] {
  return [
    { contentType: 'application/smil', contentId: 'smil', body: '<smil><body><par dur="5s"/></body></smil>' },
    { contentType: 'text/plain; charset=utf-8', contentId: 'text', contentLocation: 'text.txt', body: text },
    ...images.map((b, i) => ({ contentType: imageType, contentId: `img${i + 1}`, contentLocation: `img${i + 1}.jpg`, body: b })),
  ];
}

/** The StatusCode of a Fault answer (or of a response's Status). */
export function statusOf(env: Mm7Envelope): number | undefined {
  const m = env.message;
  if (m.kind === 'Fault') return m.detail?.status.code;
  return 'status' in m ? m.status.code : undefined;
}
