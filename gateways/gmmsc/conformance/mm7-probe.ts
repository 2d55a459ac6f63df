// The suite's VASP side of the wire: builds SubmitReq bodies field by field through the codec, posts
// them (or deliberately broken bytes) with chosen credentials, and keeps every answer as received and
// as decoded, so a check judges exactly what the MMSC sent. Every XML exchanged is recorded for --xsd.
import { Pool } from 'undici';
import { buildMm7Envelope, parseMm7Envelope, parseSoapEnvelope, type Mm7Envelope, type SoapEnvelope } from '../codec/mm7-envelope.ts';
import { encodeMm7Http, splitMm7Http, type EncodeMm7HttpOptions } from '../codec/mm7-http.ts';
import type { SubmitReq } from '../codec/mm7-message.ts';
import type { Mm7Target } from '../client/client-options.ts';

export interface Mm7Exchange {
  requestXml: string | null;
  requestTransactionId: string | null;
  status: number;
  contentType: string;
  body: Buffer;
  /** The SOAP XML of the answer, when one could be split out. */
  responseXml: string | null;
  /** Fully decoded answer, or null (see decodeError). */
  envelope: Mm7Envelope | null;
  /** The SOAP layer, when at least that parsed (namespace / TransactionID of a body the codec refused). */
  soap: SoapEnvelope | null;
  decodeError: string | null;
  transportError: string | null;
  sentAt: number;
  answeredAt: number;
}

export type Credentials = 'target' | 'wrong' | 'none';

export interface SendOptions {
  /** A record to encode, or ready XML. */
  envelope?: Mm7Envelope | string;
  content?: EncodeMm7HttpOptions['content'];
  /** Bytes sent as they are (with `contentType`), instead of an envelope. */
  raw?: { contentType: string; body: Buffer; xml?: string; transactionId?: string };
  auth?: Credentials;
  /** The request breaks the schema on purpose (bad version, cut-off XML): not recorded for --xsd. */
  invalidOnPurpose?: boolean;
}

export interface RecordedXml {
  what: string;
  xml: string;
}

export interface Mm7Probe {
  readonly target: Mm7Target;
  /** A SubmitReq with the run's sender, recipient and account fields, then `overrides`. */
  submitReq(overrides?: Partial<SubmitReq>): SubmitReq;
  send(opts: SendOptions, what: string): Promise<Mm7Exchange>;
  /** A TransactionID no other request of this run uses. */
  nextTransactionId(): string;
  recorded: RecordedXml[];
  /** Records XML seen elsewhere (callbacks) for schema validation. */
  record(what: string, xml: string | null): void;
  close(): Promise<void>;
}

export interface ProbeSettings {
  target: Mm7Target;
  namespace: string;
  mm7Version: string;
  sender: string;
  recipient: string;
  vaspId?: string;
  vasId?: string;
  serviceCode?: string;
  timeoutMs: number;
  runId: string;
}

function basic(user: string, password: string): string {
  return `Basic ${Buffer.from(`${user}:${password}`).toString('base64')}`;
}

export function decodeAnswer(status: number, contentType: string, body: Buffer): Pick<Mm7Exchange, 'responseXml' | 'envelope' | 'soap' | 'decodeError'> {
  let responseXml: string | null = null;
  let soap: SoapEnvelope | null = null;
  try {
    responseXml = splitMm7Http(contentType || undefined, body).xml;
    soap = parseSoapEnvelope(responseXml);
    return { responseXml, soap, envelope: parseMm7Envelope(responseXml), decodeError: null };
  } catch (err) {
    return { responseXml, soap, envelope: null, decodeError: `${(err as Error).message}${status ? '' : ''}` };
  }
}

export function createMm7Probe(s: ProbeSettings): Mm7Probe {
  const pool = new Pool(s.target.origin, { connections: 4, pipelining: 1 });
  const recorded: RecordedXml[] = [];
  let tx = 0;
  const record = (what: string, xml: string | null) => {
    if (xml) recorded.push({ what, xml });
  };
  return {
    target: s.target,
    recorded,
    record,
    nextTransactionId: () => `${s.runId}-${++tx}`,
    submitReq(overrides = {}) {
      return {
        kind: 'SubmitReq',
        mm7Version: s.mm7Version,
        ...(s.vaspId ? { vaspId: s.vaspId } : {}),
        ...(s.vasId ? { vasId: s.vasId } : {}),
        senderAddress: { kind: 'Number', value: s.sender },
        recipients: { to: [{ kind: 'Number', value: s.recipient }], cc: [], bcc: [] },
        ...(s.serviceCode ? { serviceCode: s.serviceCode } : {}),
        deliveryReport: false,
        subject: 'msgsim conformance',
        ...overrides,
      };
    },
    async send(opts, what) {
      let requestXml: string | null = null;
      let requestTransactionId: string | null = null;
      let contentType: string;
      let body: Buffer;
      if (opts.raw) {
        ({ contentType, body } = opts.raw);
        requestXml = opts.raw.xml ?? null;
        requestTransactionId = opts.raw.transactionId ?? null;
      } else {
        const env = opts.envelope ?? { transactionId: `${s.runId}-${++tx}`, namespace: s.namespace, message: this.submitReq() };
        requestXml = typeof env === 'string' ? env : buildMm7Envelope(env);
        requestTransactionId = typeof env === 'string' ? null : env.transactionId;
        ({ contentType, body } = encodeMm7Http(requestXml, opts.content ? { content: opts.content } : {}));
      }
      if (!opts.invalidOnPurpose) record(`${what} (request)`, requestXml);
      const auth = opts.auth ?? 'target';
      const headers: Record<string, string> = { 'content-type': contentType, soapaction: '""' };
      if (auth === 'target' && (s.target.username || s.target.password)) headers.authorization = basic(s.target.username, s.target.password);
      if (auth === 'wrong') headers.authorization = basic(s.target.username || 'msgsim-conformance', `${s.target.password}-wrong`);
      const sentAt = Date.now();
      try {
        const res = await pool.request({ method: 'POST', path: s.target.path, headers, body, headersTimeout: s.timeoutMs, bodyTimeout: s.timeoutMs });
        const chunks: Buffer[] = [];
        for await (const c of res.body) chunks.push(c as Buffer);
        const answeredAt = Date.now();
        const ct = res.headers['content-type'];
        const rct = (Array.isArray(ct) ? ct[0] : ct) ?? '';
        const raw = Buffer.concat(chunks);
        const decoded = decodeAnswer(res.statusCode, rct, raw);
        record(`${what} (response)`, decoded.responseXml);
        return { requestXml, requestTransactionId, status: res.statusCode, contentType: rct, body: raw, ...decoded, transportError: null, sentAt, answeredAt };
      } catch (err) {
        const e = err as Error & { code?: string };
        const why = e.code === 'UND_ERR_HEADERS_TIMEOUT' || e.code === 'UND_ERR_BODY_TIMEOUT' ? `no answer within ${s.timeoutMs}ms` : `${e.code ?? e.name}: ${e.message}`;
        return { requestXml, requestTransactionId, status: 0, contentType: '', body: Buffer.alloc(0), responseXml: null, envelope: null, soap: null, decodeError: null, transportError: why, sentAt, answeredAt: Date.now() };
      }
    },
    close: () => pool.destroy(),
  };
}
