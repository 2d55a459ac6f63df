// Delivery reports: a SubmitReq with DeliveryReport=true must lead to a DeliveryReportReq at the
// suite's callback receiver, naming the SubmitRsp's MessageID, in a well-formed envelope, never before
// the SubmitRsp itself; without DeliveryReport no report may come. The receiver answers each with
// DeliveryReportRsp 1000, echoing TransactionID and namespace, as a VASP must.
import { DEFAULT_MM7_NAMESPACE, isMm7Namespace } from '../codec/mm7-namespaces.ts';
import { isSuccessStatus } from '../codec/mm7-status.ts';
import { describeExchange, fail, pass, skip, type CheckContext, type ConformanceCheck } from './conformance-check.ts';
import type { Mm7Exchange } from './mm7-probe.ts';
import type { ReceivedReport } from './report-watch.ts';
import { textContent } from './submit-checks.ts';

const MM_STATUS = new Set(['Expired', 'Retrieved', 'Rejected', 'Indeterminate', 'Forwarded', 'Deferred', 'Unrecognised', 'DeliveryConditionNotMet']);
// xs:dateTime: date, 'T', time, optional fraction and zone.
const XS_DATE_TIME = /^-?\d{4,}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})?$/;

interface ReportRun {
  submit: Mm7Exchange;
  messageId: string | null;
  /** The report naming messageId. */
  exact: ReceivedReport | null;
  /** Failing that, a report for the recipient that arrived after the submit (with another MessageID). */
  loose: ReceivedReport | null;
}

async function submitFor(ctx: CheckContext, deliveryReport: boolean, what: string): Promise<{ x: Mm7Exchange; messageId: string | null }> {
  const x = await ctx.probe.send(
    { content: textContent(), envelope: { transactionId: ctx.probe.nextTransactionId(), namespace: DEFAULT_MM7_NAMESPACE, message: ctx.probe.submitReq({ deliveryReport, content: { href: 'cid:mms-content' } }) } },
    what,
  );
  const m = x.envelope?.message;
  const messageId = m?.kind === 'SubmitRsp' && isSuccessStatus(m.status.code) && m.messageId ? m.messageId : null;
  return { x, messageId };
}

/** Which earlier check explains a submit that gave no MessageID. */
function submitPrerequisite(x: Mm7Exchange): string {
  const m = x.envelope?.message;
  return m?.kind === 'SubmitRsp' && isSuccessStatus(m.status.code) ? 'submit.message-id' : 'submit.accepted';
}

function digits(s: string): string {
  const d = s.replace(/\D/g, '');
  return d.startsWith('82') ? `0${d.slice(2)}` : d;
}

function reportRun(ctx: CheckContext): Promise<ReportRun> {
  return ctx.shared('report-run', async () => {
    const { x, messageId } = await submitFor(ctx, true, 'SubmitReq with DeliveryReport');
    if (!messageId) return { submit: x, messageId, exact: null, loose: null };
    // The first report for this message, or for the recipient (a relay that garbles the MessageID).
    const first = await ctx.reports.waitFor((r) => r.messageId === messageId || digits(r.recipient.value) === digits(ctx.recipient), ctx.reportTimeoutMs);
    const exact = first && first.report.messageId === messageId ? first : null;
    const loose = first && !exact ? first : null;
    return { submit: x, messageId, exact, loose };
  });
}

async function theReport(ctx: CheckContext): Promise<ReceivedReport> {
  const r = await reportRun(ctx);
  const got = r.exact ?? r.loose;
  if (!got) throw new SkipSignal();
  return got;
}

class SkipSignal extends Error {}

async function withReport(ctx: CheckContext, judge: (r: ReceivedReport, run: ReportRun) => ReturnType<ConformanceCheck['run']> | Awaited<ReturnType<ConformanceCheck['run']>>) {
  try {
    const r = await theReport(ctx);
    return await judge(r, await reportRun(ctx));
  } catch (err) {
    if (err instanceof SkipSignal) return skip('no delivery report arrived', 'report.arrives');
    throw err;
  }
}

export const reportChecks: ConformanceCheck[] = [
  {
    id: 'report.arrives',
    title: 'with DeliveryReport=true, a DeliveryReportReq for the message reaches the callback URL within --report-timeout',
    clause: '§8.7.5 MM7_delivery_report.REQ; §8.7.1 (Delivery report request)',
    async run(ctx) {
      const r = await reportRun(ctx);
      if (!r.messageId) return skip(`the SubmitReq gave no MessageID: ${describeExchange(r.submit)}`, submitPrerequisite(r.submit));
      if (r.exact) return pass(`MMStatus ${r.exact.report.mmStatus} after ${r.exact.at - r.submit.answeredAt}ms`);
      if (r.loose) return pass(`a report for the recipient arrived, but naming MessageID '${r.loose.report.messageId}'`);
      const other = ctx.reports.exchanges.length;
      return fail(`no DeliveryReportReq within ${ctx.reportTimeoutMs}ms at ${ctx.reports.url}${other ? ` (${other} other callbacks received)` : ' (no callback at all: is the account\'s callback URL set to it?)'}`);
    },
  },
  {
    id: 'report.message-id',
    title: 'the DeliveryReportReq MessageID is the one the SubmitRsp gave',
    clause: '§8.7.5 MM7_delivery_report.REQ (Message ID)',
    run: (ctx) => withReport(ctx, (rep, run) => (rep.report.messageId === run.messageId ? pass(rep.report.messageId) : fail(`MessageID '${rep.report.messageId}', the SubmitRsp gave '${run.messageId}'`))),
  },
  {
    id: 'report.shape',
    title: 'the DeliveryReportReq envelope: TransactionID header, MM7 namespace, MM7Version, Recipient = the submitted one, Sender, Date as xs:dateTime, MMStatus from the enumeration',
    clause: '§8.7.5 MM7_delivery_report.REQ; §8.7 MM7 SOAP binding',
    run: (ctx) =>
      withReport(ctx, (rep) => {
        const problems: string[] = [];
        const env = rep.exchange.request!;
        const m = rep.report;
        if (!env.transactionId) problems.push('no TransactionID header');
        if (!isMm7Namespace(env.namespace)) problems.push(`namespace ${env.namespace}`);
        if (!/^\d+\.\d+\.\d+$/.test(m.mm7Version)) problems.push(`MM7Version '${m.mm7Version}'`);
        if (digits(m.recipient.value) !== digits(ctx.recipient)) problems.push(`Recipient ${m.recipient.value}, submitted to ${ctx.recipient}`);
        if (!m.sender.value) problems.push('empty Sender');
        if (!XS_DATE_TIME.test(m.date.trim())) problems.push(`Date '${m.date}' is not an xs:dateTime`);
        if (!MM_STATUS.has(m.mmStatus)) problems.push(`MMStatus '${m.mmStatus}' is not in the enumeration`);
        return problems.length ? fail(problems.join('; ')) : pass(`MMStatus ${m.mmStatus}, Date ${m.date}`);
      }),
  },
  {
    id: 'report.after-response',
    title: 'the DeliveryReportReq does not arrive before the SubmitRsp that names the message',
    clause: '§8.7.1, §8.7.5 (the MessageID is only known from MM7_submit.RES)',
    run: (ctx) =>
      withReport(ctx, (rep, run) =>
        rep.at >= run.submit.answeredAt - 1 ? pass(`${rep.at - run.submit.answeredAt}ms after the SubmitRsp`) : fail(`the report arrived ${run.submit.answeredAt - rep.at}ms before the SubmitRsp`),
      ),
  },
  {
    id: 'report.not-requested',
    title: 'with DeliveryReport=false, no DeliveryReportReq for the message arrives within the watch time',
    clause: '§8.7.1 MM7_submit.REQ (Delivery report: requested or not)',
    async run(ctx) {
      const { x, messageId } = await submitFor(ctx, false, 'SubmitReq without DeliveryReport');
      if (!messageId) return skip(`the SubmitReq gave no MessageID: ${describeExchange(x)}`, submitPrerequisite(x));
      const r = await ctx.reports.waitFor((rep) => rep.messageId === messageId, ctx.noReportWaitMs);
      return r ? fail(`a DeliveryReportReq (${r.report.mmStatus}) arrived for ${messageId}`) : pass(`none within ${ctx.noReportWaitMs}ms`);
    },
  },
];
