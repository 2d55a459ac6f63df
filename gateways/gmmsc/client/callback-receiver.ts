// The VASP side of MM7: an HTTP endpoint the MMSC posts DeliveryReportReq, ReadReplyReq and DeliverReq
// to. Each is answered with its Rsp (StatusCode 1000) in the request's own namespace, MM7Version and
// TransactionID; a request that cannot be read gets a SOAP Fault with VASPErrorRsp and the StatusCode
// the codec names, so the MMSC learns why instead of retrying a garbled report forever.
// When onReport / onMo returns a promise, the Rsp waits for it; if it rejects, the answer is a Fault
// with StatusCode 3000 (Server Error) and HTTP 500, which the MMSC retries: a report is acknowledged
// only once the engine has stored it. Other requests on other connections are served meanwhile.
import { timingSafeEqual } from 'node:crypto';
import { fastify, type FastifyInstance } from 'fastify';
import { readMm7Body } from '../codec/mm7-body-reader.ts';
import { buildMm7Envelope, checkMm7Namespace, parseSoapEnvelope, type Mm7Envelope } from '../codec/mm7-envelope.ts';
import { findContentPart, splitMm7Http } from '../codec/mm7-http.ts';
import type { Mm7Message, Mm7Request } from '../codec/mm7-message.ts';
import { DEFAULT_MM7_NAMESPACE, defaultMm7Version, isMm7Namespace } from '../codec/mm7-namespaces.ts';
import { faultCodeFor, statusText } from '../codec/mm7-status.ts';
import type { MimePart } from '../codec/mime-multipart.ts';
import { GmmscError, isGmmscError } from '../gmmsc-errors.ts';
import { readMo, readReport, type GmmscMo, type GmmscMoPart, type GmmscReport } from './callback-reader.ts';

export interface CallbackReceiverOptions {
  host: string;
  port: number;
  path: string;
  bodyLimit: number;
  publicUrl?: string;
  username?: string;
  password?: string;
  now(): number;
  /** A returned promise holds the answer until it settles (Fault 3000 when it rejects). */
  onReport(report: GmmscReport): unknown;
  onMo(mo: GmmscMo): unknown;
  /** Every exchange, as read: for conformance runs and debugging. */
  onExchange?(e: CallbackExchange): void;
}

export interface CallbackExchange {
  at: number;
  contentType: string;
  /** The SOAP XML of the request, when it could be split out of the body. */
  requestXml: string | null;
  request: Mm7Envelope | null;
  /** The StatusCode answered (1000, or the error's). */
  statusCode: number;
  responseXml: string;
  error?: string;
}

export interface CallbackCounts {
  reports: number;
  mo: number;
  /** Requests answered with a Fault (unreadable, unsupported, or not taken by the listener; bad credentials answered 401 are not here). */
  faults: number;
  unauthorized: number;
}

export interface CallbackReceiver {
  /** Starts listening; resolves with the URL the MMSC should post to. */
  listen(): Promise<string>;
  readonly url: string | null;
  counts(): CallbackCounts;
  close(): Promise<void>;
}

const ANSWERS: Partial<Record<Mm7Request['kind'], 'DeliveryReportRsp' | 'ReadReplyRsp' | 'DeliverRsp'>> = {
  DeliveryReportReq: 'DeliveryReportRsp',
  ReadReplyReq: 'ReadReplyRsp',
  DeliverReq: 'DeliverRsp',
};

interface Echo {
  transactionId: string | null;
  namespace: string;
  mm7Version: string;
}

interface Answer {
  http: number;
  xml: string;
  exchange: CallbackExchange;
  /** What the listener returned, when it is a promise: the answer waits for it. */
  wait?: PromiseLike<unknown>;
  echo: Echo;
}

const isThenable = (v: unknown): v is PromiseLike<unknown> => typeof v === 'object' && v !== null && typeof (v as { then?: unknown }).then === 'function';

function credentialsMatch(header: string | undefined, user: string, password: string): boolean {
  if (!header?.toLowerCase().startsWith('basic ')) return false;
  const given = Buffer.from(header.slice(6).trim(), 'base64');
  const wanted = Buffer.from(`${user}:${password}`, 'utf8');
  return given.length === wanted.length && timingSafeEqual(given, wanted);
}

function moParts(content: MimePart | null): GmmscMoPart[] {
  if (!content) return [];
  const flat = content.parts ?? [content];
  return flat.map((p) => ({
    contentType: p.headers['content-type'] ?? p.contentType.mediaType,
    ...(p.contentId !== undefined ? { contentId: p.contentId } : {}),
    ...(p.contentLocation !== undefined ? { contentLocation: p.contentLocation } : {}),
    body: p.body,
  }));
}

export function createCallbackReceiver(o: CallbackReceiverOptions): CallbackReceiver {
  const counts: CallbackCounts = { reports: 0, mo: 0, faults: 0, unauthorized: 0 };
  const app: FastifyInstance = fastify({ logger: false, bodyLimit: o.bodyLimit, keepAliveTimeout: 65_000 });
  app.removeAllContentTypeParsers();
  app.addContentTypeParser('*', { parseAs: 'buffer' }, (_req, body, done) => done(null, body));
  let url: string | null = null;
  /** Callbacks waiting for their listener's promise: close() answers them as not taken instead of hanging. */
  const waiting = new Set<() => void>();

  function settledOrClosed(wait: PromiseLike<unknown>): Promise<unknown> {
    return new Promise((resolve, reject) => {
      const abort = () => reject(new Error('the receiver is closing'));
      waiting.add(abort);
      wait.then(
        (v) => {
          waiting.delete(abort);
          resolve(v);
        },
        (err: unknown) => {
          waiting.delete(abort);
          reject(err);
        },
      );
    });
  }

  function answer(req: Echo, message: Mm7Message): string {
    return buildMm7Envelope({ transactionId: req.transactionId, namespace: req.namespace, message });
  }

  function fault(echo: Echo, code: number, why: string, httpStatus: number, exchange: Omit<CallbackExchange, 'statusCode' | 'responseXml' | 'error'>): Answer {
    counts.faults++;
    const xml = answer(echo, {
      kind: 'Fault',
      faultCode: faultCodeFor(code),
      faultString: why,
      detail: { kind: 'VASPErrorRsp', mm7Version: echo.mm7Version, status: { code, text: statusText(code), details: why } },
    });
    return { http: httpStatus, xml, exchange: { ...exchange, statusCode: code, responseXml: xml, error: why }, echo };
  }

  function handle(contentType: string, body: Buffer): Answer {
    const at = o.now();
    let requestXml: string | null = null;
    let echo: Echo = { transactionId: null, namespace: DEFAULT_MM7_NAMESPACE, mm7Version: defaultMm7Version(DEFAULT_MM7_NAMESPACE) };
    let request: Mm7Envelope | null = null;
    let wait: unknown;
    try {
      const split = splitMm7Http(contentType, body, { maxPartBytes: o.bodyLimit });
      requestXml = split.xml;
      const soap = parseSoapEnvelope(split.xml);
      if (isMm7Namespace(soap.namespace)) echo = { ...echo, namespace: soap.namespace, mm7Version: defaultMm7Version(soap.namespace) };
      echo.transactionId = soap.transactionId;
      checkMm7Namespace(soap);
      const message = readMm7Body(soap.body);
      if ('mm7Version' in message) echo.mm7Version = message.mm7Version;
      request = { transactionId: soap.transactionId, namespace: soap.namespace, message };
      const rsp = message.kind in ANSWERS ? ANSWERS[message.kind as Mm7Request['kind']] : undefined;
      if (!rsp) throw new GmmscError('GMMSC_ERR_BAD_BODY', `a VASP does not take ${message.kind}`, { mm7Status: 4003 });
      const tid = soap.transactionId ?? '';
      if (message.kind === 'DeliveryReportReq' || message.kind === 'ReadReplyReq') {
        counts.reports++;
        wait = o.onReport(readReport(message, tid, at));
      } else if (message.kind === 'DeliverReq') {
        const content = message.content ? findContentPart(message.content.href, split.attachments) : null;
        counts.mo++;
        wait = o.onMo(readMo(message, moParts(content), tid, at));
      }
      const xml = answer(echo, { kind: rsp, mm7Version: echo.mm7Version, status: { code: 1000, text: statusText(1000) } });
      const exchange: CallbackExchange = { at, contentType, requestXml, request, statusCode: 1000, responseXml: xml };
      return { http: 200, xml, exchange, echo, ...(isThenable(wait) ? { wait } : {}) };
    } catch (err) {
      if (!isGmmscError(err)) throw err;
      return fault(echo, err.mm7Status, err.message, err.httpStatus, { at, contentType, requestXml, request });
    }
  }

  /** The listener's promise rejected: a Server Error the MMSC retries, instead of the Rsp. */
  function notTaken(a: Answer, err: unknown): Answer {
    const why = `not taken now, send again: ${err instanceof Error ? err.message : String(err)}`;
    const { at, contentType, requestXml, request } = a.exchange;
    return fault(a.echo, 3000, why, 500, { at, contentType, requestXml, request });
  }

  app.post(o.path, async (req, reply) => {
    if (o.username !== undefined && !credentialsMatch(req.headers.authorization, o.username, o.password ?? '')) {
      counts.unauthorized++;
      return reply.status(401).header('www-authenticate', 'Basic realm="mm7-callback"').send();
    }
    let a = handle(String(req.headers['content-type'] ?? ''), req.body as Buffer);
    if (a.wait !== undefined) {
      try {
        await settledOrClosed(a.wait);
      } catch (err) {
        a = notTaken(a, err);
      }
    }
    const { http, xml, exchange } = a;
    o.onExchange?.(exchange);
    return reply.status(http).header('content-type', 'text/xml; charset="utf-8"').send(xml);
  });

  return {
    async listen() {
      await app.listen({ host: o.host, port: o.port });
      const addr = app.server.address();
      const port = typeof addr === 'object' && addr ? addr.port : o.port;
      const host = o.host.includes(':') ? `[${o.host}]` : o.host;
      url = o.publicUrl ?? `http://${host === '0.0.0.0' ? '127.0.0.1' : host}:${port}${o.path}`;
      return url;
    },
    get url() {
      return url;
    },
    counts: () => ({ ...counts }),
    close() {
      for (const abort of [...waiting]) abort();
      return app.close();
    },
  };
}
