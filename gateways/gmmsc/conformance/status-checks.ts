// Requests an MMSC must refuse, and how: the StatusCode TS 23.140 assigns, carried in a SOAP Fault
// (RSErrorRsp) or a SubmitRsp; credentials refused by HTTP 401 or StatusCode 4001.
import { DEFAULT_MM7_NAMESPACE, MM7_NS_BASE } from '../codec/mm7-namespaces.ts';
import { describeExchange, fail, pass, statusCodeOf, type CheckContext, type ConformanceCheck } from './conformance-check.ts';
import type { Mm7Exchange } from './mm7-probe.ts';
import { textContent } from './submit-checks.ts';

function corruptSubmit(ctx: CheckContext): Promise<Mm7Exchange> {
  return ctx.shared('corrupt-submit', () => {
    const tid = ctx.probe.nextTransactionId();
    // Well-formed SOAP around a SubmitReq whose XML breaks off: the relay cannot tell what was asked.
    const xml =
      `<?xml version="1.0" encoding="UTF-8"?><env:Envelope xmlns:env="http://schemas.xmlsoap.org/soap/envelope/"><env:Header>` +
      `<mm7:TransactionID xmlns:mm7="${DEFAULT_MM7_NAMESPACE}" env:mustUnderstand="1">${tid}</mm7:TransactionID></env:Header>` +
      `<env:Body><SubmitReq xmlns="${DEFAULT_MM7_NAMESPACE}"><MM7Version>6.8.0</MM7Version><Recipients><To><Number>0101234`;
    return ctx.probe.send({ raw: { contentType: 'text/xml; charset="utf-8"', body: Buffer.from(xml), transactionId: tid }, invalidOnPurpose: true }, 'corrupt SubmitReq');
  });
}

function expectStatus(x: Mm7Exchange, wanted: readonly number[], what: string) {
  const code = statusCodeOf(x);
  if (code !== null && wanted.includes(code)) return pass(describeExchange(x));
  return fail(`${what}: expected StatusCode ${wanted.join(' or ')}, got ${describeExchange(x)}`);
}

function authCheck(id: string, title: string, auth: 'wrong' | 'none'): ConformanceCheck {
  return {
    id,
    title,
    clause: '§8.7 MM7 security (HTTP Basic, RFC 2617 §2); Request Status 4001 Improper identification',
    async run(ctx) {
      if (!ctx.probe.target.username && !ctx.probe.target.password) return pass('the target URL has no credentials: nothing to refuse (recorded)');
      const x = await ctx.probe.send({ content: textContent(), envelope: { transactionId: ctx.probe.nextTransactionId(), namespace: DEFAULT_MM7_NAMESPACE, message: ctx.probe.submitReq({ content: { href: 'cid:mms-content' } }) }, auth }, id);
      if (x.status === 401) return pass(x.envelope ? describeExchange(x) : 'HTTP 401');
      const code = statusCodeOf(x);
      if (code === 4001) return pass(describeExchange(x));
      return fail(`expected HTTP 401 or StatusCode 4001, got ${describeExchange(x)}`);
    },
  };
}

export const statusChecks: ConformanceCheck[] = [
  {
    id: 'status.bad-address',
    title: 'a recipient that is not an address (--invalid-recipient) is refused with 2002 Address Error',
    clause: '§8.7.1 MM7_submit.RES; Request Status 2002',
    async run(ctx) {
      const x = await ctx.probe.send(
        { content: textContent(), envelope: { transactionId: ctx.probe.nextTransactionId(), namespace: DEFAULT_MM7_NAMESPACE, message: ctx.probe.submitReq({ recipients: { to: [{ kind: 'Number', value: ctx.invalidRecipient }], cc: [], bcc: [] }, content: { href: 'cid:mms-content' } }) } },
        'bad-address SubmitReq',
      );
      return expectStatus(x, [2002], `recipient '${ctx.invalidRecipient}'`);
    },
  },
  {
    id: 'status.bad-version',
    title: 'a SubmitReq in an unknown MM7 schema namespace (REL-9-MM7-1-0, MM7Version 9.0.0) is refused with 4002 Unsupported version',
    clause: '§8.7 MM7 versioning; Request Status 4002',
    async run(ctx) {
      const ns = `${MM7_NS_BASE}REL-9-MM7-1-0`;
      const x = await ctx.probe.send(
        { content: textContent(), envelope: { transactionId: ctx.probe.nextTransactionId(), namespace: ns, message: ctx.probe.submitReq({ mm7Version: '9.0.0', content: { href: 'cid:mms-content' } }) }, invalidOnPurpose: true },
        'bad-version SubmitReq',
      );
      return expectStatus(x, [4002], 'REL-9-MM7-1-0 / 9.0.0');
    },
  },
  {
    id: 'status.corrupt-format',
    title: 'a SubmitReq whose XML is cut off is refused with 2007 Message format corrupt',
    clause: '§8.7.7 RS_error; Request Status 2007',
    async run(ctx) {
      return expectStatus(await corruptSubmit(ctx), [2007], 'truncated XML');
    },
  },
  {
    id: 'status.missing-content',
    title: 'Content href="cid:…" naming no part of the request is refused with a 2xxx client error (2007 expected)',
    clause: '§8.7.1 MM7_submit.REQ (Content); Request Status 2000-2009',
    async run(ctx) {
      const x = await ctx.probe.send(
        { content: textContent(), envelope: { transactionId: ctx.probe.nextTransactionId(), namespace: DEFAULT_MM7_NAMESPACE, message: ctx.probe.submitReq({ content: { href: 'cid:no-such-part' } }) } },
        'missing-content SubmitReq',
      );
      const code = statusCodeOf(x);
      if (code !== null && Math.floor(code / 1000) === 2) return pass(describeExchange(x) + (code === 2007 ? '' : ' (2007 is the usual code)'));
      return fail(`expected a 2xxx client error, got ${describeExchange(x)}`);
    },
  },
  {
    id: 'fault.shape',
    title: 'a request-level error is a SOAP Fault (HTTP 500, faultcode Client for 2xxx) whose detail holds RSErrorRsp with MM7Version and Status/StatusCode',
    clause: '§8.7.7 RS_error; SOAP 1.1 §4.4 Fault, §6.2',
    async run(ctx) {
      const x = await corruptSubmit(ctx);
      const m = x.envelope?.message;
      if (!m) return fail(`the error answer is not a readable MM7 envelope: ${describeExchange(x)}`);
      if (m.kind !== 'Fault') return fail(`the error came as ${m.kind}, not a SOAP Fault with RSErrorRsp`);
      const problems: string[] = [];
      if (x.status !== 500) problems.push(`HTTP ${x.status} (SOAP 1.1 §6.2 says 500)`);
      if (!m.detail) problems.push('no detail/RSErrorRsp');
      else {
        if (m.detail.kind !== 'RSErrorRsp') problems.push(`detail holds ${m.detail.kind}`);
        if (Math.floor(m.detail.status.code / 1000) === 2 && m.faultCode !== 'Client') problems.push(`faultcode ${m.faultCode} for a client error`);
      }
      if (!m.faultString) problems.push('empty faultstring');
      return problems.length ? fail(problems.join('; ')) : pass(describeExchange(x));
    },
  },
  authCheck('auth.wrong-password', 'a SubmitReq with a wrong HTTP Basic password is refused (HTTP 401 or StatusCode 4001)', 'wrong'),
  authCheck('auth.missing', 'a SubmitReq without credentials is refused (HTTP 401 or StatusCode 4001)', 'none'),
];
