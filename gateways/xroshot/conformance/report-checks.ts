// Reports: one req_report per recipient, after the answer that names its JobID, and not again once
// acknowledged with res_report.
import { parseMasTime } from '../codec/mas-time.ts';
import { RESULT_CODES } from '../codec/result-code.ts';
import { SOURCE } from './check-sources.ts';
import { fail, pass, skip, type ConformanceCheck } from './conformance-check.ts';
import { observeMessage } from './message-observation.ts';

export const reportChecks: ConformanceCheck[] = [
  {
    id: 'report.arrives',
    title: 'a req_report for the JobID arrives within the report timeout, with a known Result and a yyyyMMddHHmmss Time',
    source: `${SOURCE.report}; protocols.md §4.3 Result table`,
    async run(ctx) {
      const o = await observeMessage(ctx);
      if (!o.jobId) return skip('the SMS was not accepted', 'send.accepted');
      if (!o.report) return fail(`no req_report for JobID ${o.jobId} within ${ctx.reportTimeoutMs}ms`);
      if (!(o.report.result in RESULT_CODES)) return fail(`req_report Result ${o.report.result} is not in the Xroshot Result table`);
      if (parseMasTime(o.report.time) === null) return fail(`req_report <Time>${o.report.time}</Time> is not yyyyMMddHHmmss`);
      return pass(`Result ${o.report.result}, TelcoInfo ${o.report.telcoInfo}`);
    },
  },
  {
    id: 'report.after-response',
    title: 'the req_report never precedes the res_send_message_all that names its JobID',
    source: SOURCE.report,
    async run(ctx) {
      const o = await observeMessage(ctx);
      if (!o.all || !o.jobId || !o.report) return skip('no report to judge', o.jobId ? 'report.arrives' : 'send.accepted');
      if (o.frames.indexOf(o.report) < o.frames.indexOf(o.all)) return fail(`req_report for JobID ${o.jobId} arrived before res_send_message_all`);
      return pass();
    },
  },
  {
    id: 'report.no-resend',
    title: 'a req_report acknowledged with res_report Result 0 is not sent again',
    source: SOURCE.report,
    async run(ctx) {
      const o = await observeMessage(ctx);
      if (!o.report) return skip('no report to judge', o.jobId ? 'report.arrives' : 'send.accepted');
      if (o.resent > 0) return fail(`req_report for JobID ${o.jobId} came ${o.resent} more time(s) after res_report Result 0`);
      return pass(`watched ${ctx.resendWaitMs}ms`);
    },
  },
];
