// The relay's MM7 HTTP endpoint (POST /mm7): the raw body is taken as bytes (size-limited by fastify),
// split and parsed by the codec, the VASP authenticated, then the request dispatched. Every bad
// request becomes a SOAP Fault with RSErrorRsp; nothing a VASP sends can make a handler throw past here.
import { fastify, type FastifyError, type FastifyInstance, type FastifyReply } from 'fastify';
import type { ServerResponse } from 'node:http';
import { checkMm7Namespace, parseSoapEnvelope, type SoapEnvelope } from '../codec/mm7-envelope.ts';
import { findContentPart, splitMm7Http } from '../codec/mm7-http.ts';
import { readMm7Body } from '../codec/mm7-body-reader.ts';
import type { Mm7Message } from '../codec/mm7-message.ts';
import { isMm7Namespace, isSupportedMm7Version } from '../codec/mm7-namespaces.ts';
import type { MimePart } from '../codec/mime-multipart.ts';
import { GmmscError, isGmmscError } from '../gmmsc-errors.ts';
import { handleMessageOp } from './message-ops.ts';
import { corrupt, renderFault, renderMessage, type RenderedAnswer, type RequestFrame } from './mm7-responder.ts';
import type { AccountState, HandlerResult, MmscContext } from './mmsc-context.ts';
import { handleSubmit } from './submit-handler.ts';
import { authenticate } from './vasp-identity.ts';

export interface Mm7Endpoint {
  app: FastifyInstance;
  /** Requests held unanswered (no-response fault, blackhole outage); ended on close. */
  held: Set<ServerResponse>;
}

interface Parsed {
  soap: SoapEnvelope;
  message: Mm7Message;
  content: MimePart | null;
}

export function createMm7Endpoint(ctx: MmscContext, path = '/mm7'): Mm7Endpoint {
  const { cfg } = ctx;
  const held = new Set<ServerResponse>();
  const app = fastify({ logger: false, bodyLimit: cfg.limits.bodyBytes, forceCloseConnections: true });
  app.removeAllContentTypeParsers();
  app.addContentTypeParser('*', { parseAs: 'buffer' }, (_req, body, done) => done(null, body));

  const send = (reply: FastifyReply, a: RenderedAnswer, frame: RequestFrame, op: string, status: number, after?: () => void) => {
    if (after) reply.raw.once('finish', after);
    ctx.stats.inc(`${op}:${status}`);
    ctx.log.push({ at: ctx.clock.now(), dir: 'out', op, vaspId: null, transactionId: frame.transactionId, status });
    return reply.code(a.httpStatus).header('content-type', a.contentType).send(a.body);
  };
  const sendFault = (reply: FastifyReply, frame: RequestFrame, status: number, details?: string, httpStatus = 500, extra: { text?: string; faultCode?: string } = {}) =>
    send(reply, renderFault(cfg.quirks, frame, { status, details, ...extra }, httpStatus), frame, 'Fault', status);
  const hold = (reply: FastifyReply) => {
    reply.hijack();
    held.add(reply.raw);
    reply.raw.once('close', () => held.delete(reply.raw));
  };

  app.setErrorHandler((err: FastifyError, _req, reply) => {
    const frame: RequestFrame = { namespace: null, mm7Version: null, transactionId: null };
    const http = typeof err.statusCode === 'number' && err.statusCode >= 400 ? err.statusCode : 500;
    ctx.stats.inc(`http:${http}`);
    if (http === 413) return sendFault(reply, frame, 2004, `request body over ${cfg.limits.bodyBytes} bytes`, 413);
    if (http >= 500) return sendFault(reply, frame, 3000, 'the relay failed to handle the request', 500);
    return sendFault(reply, frame, 2007, err.message.slice(0, 200), http);
  });
  app.setNotFoundHandler((req, reply) =>
    sendFault(reply, { namespace: null, mm7Version: null, transactionId: null }, 2000, `MM7 is served at POST ${path}, not ${req.method} ${req.url.split('?')[0].slice(0, 80)}`, 404),
  );

  app.post(path, async (request, reply) => {
    ctx.stats.inc('http:request');
    const frame: RequestFrame = { namespace: null, mm7Version: null, transactionId: null };
    if (ctx.behaviour.outage()?.mode === 'blackhole') return hold(reply);

    let parsed: Parsed | null = null;
    let error: GmmscError | null = null;
    try {
      parsed = parse(ctx, request.headers['content-type'], Buffer.isBuffer(request.body) ? request.body : Buffer.alloc(0), frame);
    } catch (e) {
      if (!isGmmscError(e)) throw e;
      error = e;
    }
    const acct = authenticate(ctx.accounts, request.headers.authorization);
    const op = parsed?.message.kind ?? 'unparsed';
    ctx.stats.inc(op);
    ctx.log.push({ at: ctx.clock.now(), dir: 'in', op, vaspId: typeof acct === 'string' ? null : acct.account.vaspId, transactionId: frame.transactionId, note: error?.message.slice(0, 200) });
    if (typeof acct === 'string') {
      reply.header('www-authenticate', 'Basic realm="mm7"');
      return sendFault(reply, frame, 4001, acct, 401);
    }
    if (ctx.behaviour.outage()?.mode === 'refuse') return sendFault(reply, frame, 4006, 'the relay is in an outage');
    if (error || !parsed) return sendFault(reply, frame, error?.mm7Status ?? 2007, error?.message.slice(0, 300), error?.httpStatus ?? 500);
    if (frame.transactionId === null || frame.transactionId === '') return sendFault(reply, frame, 2007, 'the TransactionID header is missing or empty');
    if (parsed.soap.unknownMustUnderstand.length > 0) {
      return sendFault(reply, frame, 2000, `header entries not understood: ${parsed.soap.unknownMustUnderstand.join(', ').slice(0, 200)}`, 500, { faultCode: 'MustUnderstand' });
    }
    const m = parsed.message;
    if (!('mm7Version' in m) || !isSupportedMm7Version(m.mm7Version)) return sendFault(reply, frame, 4002, `MM7Version ${'mm7Version' in m ? m.mm7Version.slice(0, 20) : ''} is not supported (5.x.y, 6.x.y)`);

    const result = dispatch(ctx, acct, parsed);
    await wait(ctx, result.latencyMs);
    if (result.kind === 'fault') return sendFault(reply, frame, result.status, result.details, 500, { text: result.text });
    if (result.kind === 'misbehave') {
      ctx.stats.inc(`fault:${result.fault}`);
      if (result.fault === 'drop-connection') {
        reply.hijack();
        reply.raw.destroy();
        return;
      }
      if (result.fault === 'no-response') return hold(reply);
      // Faults never write status; the answer's kind is what the caller would have got.
      const answer = corrupt(renderMessage(cfg.quirks, frame, { kind: 'SubmitRsp', mm7Version: frame.mm7Version ?? '6.8.0', status: { code: 1000 } }));
      return send(reply, answer, frame, 'corrupt', 1000, result.after);
    }
    return send(reply, renderMessage(cfg.quirks, frame, result.message), frame, result.message.kind, result.message.status.code, result.after);
  });

  return { app, held };
}

function parse(ctx: MmscContext, contentType: string | undefined, body: Buffer, frame: RequestFrame): Parsed {
  const { limits } = ctx.cfg;
  const { xml, attachments } = splitMm7Http(contentType, body, { maxPartBytes: limits.partBytes, maxParts: limits.maxParts });
  const soap = parseSoapEnvelope(xml, { maxChars: limits.xmlChars });
  // Known before the body is read, so even a Fault about the body answers in the request's terms.
  frame.transactionId = soap.transactionId;
  if (isMm7Namespace(soap.namespace)) frame.namespace = soap.namespace;
  const version = soap.body.children.find((c) => c.name === 'MM7Version')?.text.trim();
  if (version) frame.mm7Version = version.slice(0, 20);
  checkMm7Namespace(soap);
  const message = readMm7Body(soap.body);
  const href = 'content' in message && message.content ? message.content.href : undefined;
  return { soap, message, content: href === undefined ? null : findContentPart(href, attachments) };
}

function dispatch(ctx: MmscContext, acct: AccountState, p: Parsed): HandlerResult {
  const m = p.message;
  switch (m.kind) {
    case 'SubmitReq':
      return handleSubmit(ctx, acct, m, p.content, p.soap.namespace);
    case 'CancelReq':
    case 'ReplaceReq':
      return handleMessageOp(ctx, acct, m, p.content);
    default:
      return { kind: 'fault', status: 4003, details: `a relay does not take ${m.kind} from a VASP`, latencyMs: 0 };
  }
}

function wait(ctx: MmscContext, ms: number): Promise<void> {
  if (ms <= 0) return Promise.resolve();
  return new Promise((resolve) => ctx.clock.setTimer(resolve, ms));
}
