// Sending: the answer to an accepted SMS, the per-recipient answers, and refusals the Korean rules require.
import type { MasMessage } from '../codec/mas-message.ts';
import { rejectReasonOf } from '../codec/result-code.ts';
import { sendRequest } from './check-context.ts';
import { SOURCE } from './check-sources.ts';
import { fail, pass, silenceVerdict, skip, type CheckContext, type ConformanceCheck } from './conformance-check.ts';
import { isAll, isPerRecipient, observeMessage } from './message-observation.ts';

/** Sends one SMS on a fresh session; the Results for recipient 1 (per recipient and whole). */
async function refusalOf(ctx: CheckContext, o: { callback: string; recipient: string }, what: string) {
  const { session, cipher } = await ctx.openRegistered();
  const req = sendRequest(cipher, { callback: o.callback, recipients: [o.recipient] });
  const from = session.received.length;
  session.send(req);
  const all = await session.waitFor(isAll(req), ctx.timeoutMs, from);
  if (!all || all.method !== 'res_send_message_all') return { verdict: silenceVerdict(session, what, ctx.timeoutMs), results: [] as number[] };
  const per = session.received.slice(from).filter(isPerRecipient(req)) as Array<Extract<MasMessage, { method: 'res_send_message' }>>;
  // Whole-request refusal, or a refused recipient (Result 0 overall with no JobID is accepted too).
  const results = [...per.filter((p) => p.result !== 0).map((p) => p.result), ...(all.result !== 0 ? [all.result] : [])];
  return { verdict: null, results, accepted: all.result === 0 && all.jobIds.some((j) => j.jobId !== '') };
}

export const sendChecks: ConformanceCheck[] = [
  {
    id: 'send.accepted',
    title: 'an SMS to a reachable recipient -> res_send_message_all Result 0 echoing CustomMessageID with a JobID for seqNo 1',
    source: SOURCE.send,
    async run(ctx) {
      const o = await observeMessage(ctx);
      if (!o.all) return o.unterminated ? skip(o.silence ?? '', 'framing.nul-terminated') : fail(o.silence ?? 'no res_send_message_all');
      if (o.all.result !== 0) return fail(`res_send_message_all Result ${o.all.result} for an SMS from ${ctx.callback} to ${ctx.recipient}`);
      if (!o.jobId) return fail(`res_send_message_all Result 0 without a JobID for seqNo 1 (${JSON.stringify(o.all.jobIds)})`);
      return pass(`JobID ${o.jobId}`);
    },
  },
  {
    id: 'send.per-recipient',
    title: 'each recipient gets a res_send_message (SequenceNumber = seqNo, same JobID) before res_send_message_all',
    source: SOURCE.perRecipient,
    async run(ctx) {
      const o = await observeMessage(ctx);
      if (!o.all || !o.jobId) return skip('the SMS was not accepted', 'send.accepted');
      const allAt = o.frames.indexOf(o.all);
      const per = o.frames.filter(isPerRecipient(o.req));
      if (per.length === 0) return fail('no res_send_message for the recipient; only res_send_message_all');
      const first = per[0];
      if (o.frames.indexOf(first) > allAt) return fail('res_send_message came after res_send_message_all');
      if (first.sequenceNumber !== 1) return fail(`res_send_message SequenceNumber ${first.sequenceNumber}, expected 1`);
      if (first.jobId !== o.jobId) return fail(`res_send_message JobID ${first.jobId} differs from res_send_message_all's ${o.jobId}`);
      return pass();
    },
  },
  {
    id: 'send.unregistered-callback',
    title: 'a callback number the account has not registered is refused with Result 115',
    source: SOURCE.callback,
    async run(ctx) {
      const r = await refusalOf(ctx, { callback: ctx.unregisteredCallback, recipient: ctx.recipient }, `req_send_message_2 from ${ctx.unregisteredCallback}`);
      if (r.verdict) return r.verdict;
      if (r.results.includes(115)) return pass(`Result 115 (${r.results.join(', ')})`);
      if (r.accepted) return fail(`accepted from unregistered callback ${ctx.unregisteredCallback}`);
      return fail(`refused with Result ${r.results.join(', ')}, expected 115`);
    },
  },
  {
    id: 'send.invalid-recipient',
    title: 'a recipient that is not a subscriber number is refused with a bad-recipient or no-subscriber Result',
    source: SOURCE.recipient,
    async run(ctx) {
      const r = await refusalOf(ctx, { callback: ctx.callback, recipient: ctx.invalidRecipient }, `req_send_message_2 to ${ctx.invalidRecipient}`);
      if (r.verdict) return r.verdict;
      const fitting = r.results.filter((c) => ['invalid-destination', 'no-subscriber'].includes(rejectReasonOf(c)));
      if (fitting.length > 0) return pass(`Result ${fitting.join(', ')}`);
      if (r.accepted) return fail(`recipient ${ctx.invalidRecipient} was accepted`);
      return fail(`refused with Result ${r.results.join(', ')}, which is not a recipient Result`);
    },
  },
];
