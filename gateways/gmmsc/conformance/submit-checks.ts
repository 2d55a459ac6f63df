// SubmitReq that must be taken: the envelope around the answer, TransactionID and namespace echo,
// MessageID, and MM content in its multipart forms (cid: and Content-Location references).
import { formatContentType } from '../codec/content-type.ts';
import { buildMultipart, chooseBoundary } from '../codec/mime-multipart.ts';
import { buildMm7Envelope } from '../codec/mm7-envelope.ts';
import { buildMmContent } from '../codec/mm7-http.ts';
import { DEFAULT_MM7_NAMESPACE, MM7_NS_BASE, SOAP_ENV_NS } from '../codec/mm7-namespaces.ts';
import { isSuccessStatus } from '../codec/mm7-status.ts';
import { describeExchange, fail, pass, skip, statusCodeOf, type CheckContext, type ConformanceCheck } from './conformance-check.ts';
import type { Mm7Exchange } from './mm7-probe.ts';

const TEXT = 'msgsim MM7 conformance 적합성 시험';
// A minimal baseline JPEG frame (SOI, APP0 JFIF, EOI): enough for any MMSC that checks types and sizes.
export const TINY_JPEG = Buffer.from('ffd8ffe000104a46494600010100000100010000ffd9', 'hex');

export function textContent(): ReturnType<typeof buildMmContent> & { contentId: string } {
  return { ...buildMmContent([{ contentType: 'text/plain; charset="utf-8"', contentId: 'text', contentLocation: 'text.txt', body: TEXT }]), contentId: 'mms-content' };
}

/** The one plain accepted submit several checks judge (text LMS, multipart/related, cid: reference). */
export function baselineSubmit(ctx: CheckContext): Promise<Mm7Exchange> {
  return ctx.shared('baseline-submit', () =>
    ctx.probe.send(
      { envelope: { transactionId: `${ctx.probe.nextTransactionId()}-echo-me`, namespace: DEFAULT_MM7_NAMESPACE, message: ctx.probe.submitReq({ content: { href: 'cid:mms-content' } }) }, content: textContent() },
      'text SubmitReq',
    ),
  );
}

function accepted(x: Mm7Exchange): boolean {
  const m = x.envelope?.message;
  return x.status === 200 && m?.kind === 'SubmitRsp' && isSuccessStatus(m.status.code);
}

const baseline = (ctx: CheckContext) => baselineSubmit(ctx);

export const submitChecks: ConformanceCheck[] = [
  {
    id: 'submit.accepted',
    title: 'a valid text SubmitReq is answered HTTP 200 with a SOAP 1.1 envelope holding one SubmitRsp, StatusCode 1000/1100',
    clause: '§8.7.1 MM7_submit.REQ/RES; SOAP 1.1 §4, §6.2',
    async run(ctx) {
      const x = await baseline(ctx);
      if (accepted(x)) return pass(describeExchange(x));
      if (x.soap && x.soap.body.ns !== x.soap.namespace && x.soap.body.name !== 'Fault') return fail(`body element {${x.soap.body.ns}}${x.soap.body.name} is not in an MM7 namespace`);
      return fail(`expected HTTP 200 SubmitRsp 1000, got ${describeExchange(x)}`);
    },
  },
  {
    id: 'submit.message-id',
    title: 'an accepted SubmitRsp carries a non-empty MessageID (the key of later delivery reports)',
    clause: '§8.7.1 MM7_submit.RES (Message ID)',
    async run(ctx) {
      const x = await baseline(ctx);
      if (!accepted(x)) return skip('the baseline SubmitReq was not accepted', 'submit.accepted');
      const m = x.envelope!.message;
      const id = m.kind === 'SubmitRsp' ? m.messageId : undefined;
      return id && id.trim() !== '' ? pass(`MessageID ${id}`) : fail('SubmitRsp 1000 without a MessageID');
    },
  },
  {
    id: 'envelope.transaction-id',
    title: 'the answer carries the request TransactionID in its SOAP Header (mustUnderstand="1")',
    clause: '§8.7 MM7 SOAP binding (TransactionID header); SOAP 1.1 §4.2',
    async run(ctx) {
      const x = await baseline(ctx);
      if (!x.soap) return skip(`no SOAP answer: ${describeExchange(x)}`, 'submit.accepted');
      if (x.soap.transactionId === null) return fail('the answer has no TransactionID header');
      if (x.soap.transactionId !== x.requestTransactionId) return fail(`TransactionID '${x.soap.transactionId}' is not the request's '${x.requestTransactionId}'`);
      return pass(x.soap.transactionMustUnderstand ? undefined : 'echoed, but without mustUnderstand="1"');
    },
  },
  {
    id: 'envelope.namespace-echo',
    title: 'SubmitReq in REL-6-MM7-1-4 (6.8.0) and in REL-5-MM7-1-3 (5.3.0) are each answered in their own namespace and MM7Version',
    clause: '§8.7 MM7 SOAP binding (schema namespace, MM7Version)',
    async run(ctx) {
      const rel6 = await baseline(ctx);
      const rel5ns = `${MM7_NS_BASE}REL-5-MM7-1-3`;
      const rel5 = await ctx.probe.send(
        { envelope: { transactionId: ctx.probe.nextTransactionId(), namespace: rel5ns, message: ctx.probe.submitReq({ mm7Version: '5.3.0', content: { href: 'cid:mms-content' } }) }, content: textContent() },
        'REL-5 SubmitReq',
      );
      for (const [x, ns, version] of [[rel6, DEFAULT_MM7_NAMESPACE, null], [rel5, rel5ns, '5.3.0']] as const) {
        if (!x.soap) return fail(`${ns.slice(MM7_NS_BASE.length)}: ${describeExchange(x)}`);
        if (x.soap.namespace !== ns) return fail(`a ${ns.slice(MM7_NS_BASE.length)} request was answered in ${x.soap.namespace || '(no namespace)'}`);
        const m = x.envelope?.message;
        if (version && m && 'mm7Version' in m && m.mm7Version !== version) return fail(`a ${version} request was answered with MM7Version ${m.mm7Version}`);
      }
      const code = statusCodeOf(rel5);
      return pass(`REL-5-MM7-1-3 answered ${code ?? describeExchange(rel5)}`);
    },
  },
  {
    id: 'envelope.soap-1.1',
    title: 'answers are text/xml (or multipart/related with a text/xml root) SOAP 1.1 envelopes',
    clause: 'SOAP 1.1 §4.1, §6.2; §8.7 MM7 SOAP binding',
    async run(ctx) {
      const x = await baseline(ctx);
      if (x.transportError) return skip(describeExchange(x), 'submit.accepted');
      if (!/^(text\/xml|multipart\/related)/i.test(x.contentType)) return fail(`Content-Type '${x.contentType}'`);
      if (!x.soap) return fail(`not a SOAP 1.1 envelope (${SOAP_ENV_NS}): ${x.decodeError}`);
      return pass(x.contentType);
    },
  },
  {
    id: 'multipart.images',
    title: 'an MMS (multipart/related, start=SOAP part; content multipart/related with SMIL start, text and 3 JPEGs) is accepted',
    clause: '§8.7.1 MM7_submit.REQ (Content); RFC 2387 multipart/related',
    async run(ctx) {
      const smil = '<smil><body><par dur="5000ms"><img src="a.jpg"/><text src="t.txt"/></par><par dur="5000ms"><img src="b.jpg"/></par><par dur="5000ms"><img src="c.jpg"/></par></body></smil>';
      const content = buildMmContent(
        [
          { contentType: 'application/smil', contentId: 'smil', contentLocation: 'smil.xml', body: smil },
          { contentType: 'text/plain; charset="utf-8"', contentId: 'text', contentLocation: 't.txt', body: TEXT },
          ...['a', 'b', 'c'].map((n) => ({ contentType: 'image/jpeg', contentId: n, contentLocation: `${n}.jpg`, body: TINY_JPEG })),
        ],
        { mediaType: 'multipart/related', start: 'smil', type: 'application/smil' },
      );
      const x = await ctx.probe.send(
        { envelope: { transactionId: ctx.probe.nextTransactionId(), namespace: DEFAULT_MM7_NAMESPACE, message: ctx.probe.submitReq({ content: { href: 'cid:mms-content' } }) }, content: { ...content, contentId: 'mms-content' } },
        'MMS SubmitReq',
      );
      return accepted(x) ? pass(describeExchange(x)) : fail(`expected SubmitRsp 1000, got ${describeExchange(x)}`);
    },
  },
  {
    id: 'multipart.content-location',
    title: 'Content href naming the MM content by Content-Location (not cid:) is resolved and accepted',
    clause: '§8.7.1 MM7_submit.REQ (Content); RFC 2557 Content-Location',
    async run(ctx) {
      const transactionId = ctx.probe.nextTransactionId();
      const xml = buildMm7Envelope({ transactionId, namespace: DEFAULT_MM7_NAMESPACE, message: ctx.probe.submitReq({ content: { href: 'mms-content.mime' } }) });
      const content = textContent();
      // The MM content part is named only by Content-Location, so a cid: lookup cannot find it.
      const boundary = chooseBoundary('msgsim-conformance', [xml, content.body]);
      const body = buildMultipart(
        [
          { headers: { 'Content-Type': 'text/xml; charset="utf-8"', 'Content-ID': '<soap>' }, body: xml },
          { headers: { 'Content-Type': content.contentType, 'Content-Location': 'mms-content.mime' }, body: content.body },
        ],
        boundary,
      );
      const contentType = formatContentType('multipart/related', { boundary, type: 'text/xml', start: '<soap>' });
      const x = await ctx.probe.send({ raw: { contentType, body, xml, transactionId } }, 'Content-Location SubmitReq');
      return accepted(x) ? pass(describeExchange(x)) : fail(`expected SubmitRsp 1000, got ${describeExchange(x)}`);
    },
  },
];
