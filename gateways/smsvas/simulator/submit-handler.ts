// submit_sm, data_sm and submit_multi: limits, validation, the network, then the behaviour model.
import type { BehaviourResponse, Decision } from '../../kit/behaviour-model.ts';
import { sampleLatency } from '../../kit/latency.ts';
import { COMMAND_STATUS as S } from '../codec/command-status.ts';
import { createMessage, planFate } from './message-lifecycle.ts';
import type { SmscMessage } from './message-store.ts';
import type { SegmentGroups } from './segment-groups.ts';
import type { AccountState, SmscContext } from './smsc-context.ts';
import { REJECT_STATUS } from './smsvas-outcome-table.ts';
import { segmentsFor, validateDestination, validateSubmitFields, type ValidDestination, type ValidSubmit } from './submit-validator.ts';

export type Fault = Extract<BehaviourResponse, { kind: 'fault' }>['fault'];

/** How the session answers: status + body, after `latencyMs` of simulated time, or a fault instead. */
export type Reply = (status: number, fields?: Record<string, unknown>, latencyMs?: number, fault?: Fault) => void;

export interface SubmitGate {
  /** Requests of this session still waiting for their response. */
  outstanding(): number;
}

export function handleSubmit(ctx: SmscContext, acct: AccountState, gate: SubmitGate, groups: SegmentGroups, pdu: Record<string, unknown>, reply: Reply): void {
  const command = pdu.command as string;
  ctx.stats.inc(command);
  const limited = checkLimits(ctx, acct, gate);
  if (limited !== null) return reply(limited);

  const v = validateSubmitFields(pdu, acct.account, ctx.cfg, ctx.clock.now());
  if (!v.ok) return reply(v.status, undefined, 0);
  if (command === 'submit_multi') return submitMulti(ctx, acct, v.value, pdu, reply);

  const d = validateDestination(pdu.destination_addr, pdu.dest_addr_ton, pdu.dest_addr_npi);
  if (!d.ok) return reply(d.status);
  const subscriber = ctx.network.lookup(d.value.destination);
  if (!subscriber) return reply(S.ESME_RINVDSTADR);

  if (v.value.segment) return submitSegment(ctx, acct, groups, v.value, d.value, pdu, reply);

  const decision = ctx.behaviour.decide({
    operation: command,
    account: acct.account.systemId,
    source: v.value.source,
    destination: d.value.destination,
    content: v.value.text,
    subscriber,
    validityMs: v.value.validityMs ?? undefined,
  });
  const segments = pdu.message_payload !== undefined ? segmentsFor(v.value.bytes, ctx.cfg.sms.maxBytes) : 1;
  answer(
    ctx,
    decision,
    reply,
    () => {
      ctx.stats.inc('messages');
      ctx.stats.inc('segments', segments);
      return createMessage(ctx, acct, v.value, d.value, v.value.text, segments);
    },
    (m, afterMs) => planFate(ctx, m, decision.report, v.value.scheduleAt, afterMs),
  );
}

function checkLimits(ctx: SmscContext, acct: AccountState, gate: SubmitGate): number | null {
  if (acct.bucket && !acct.bucket.tryTake()) return S.ESME_RTHROTTLED;
  const limits = ctx.behaviour.spec.limits;
  if (limits?.queue !== undefined && acct.outstanding >= limits.queue) return S.ESME_RMSGQFUL;
  if (limits?.window !== undefined && gate.outstanding() >= limits.window) return S.ESME_RMSGQFUL;
  return null;
}

/**
 * Applies a decision: accept creates the message and answers with its id, then `fate` schedules what
 * follows the response (called with the response's latency).
 */
function answer(ctx: SmscContext, decision: Decision, reply: Reply, create: () => SmscMessage, fate: (m: SmscMessage, afterMs: number) => void): void {
  const latency = decision.latencyMs + outageLatency(ctx);
  const r = decision.response;
  if (r.kind === 'reject') {
    ctx.stats.inc(`reject:${r.reason}`);
    return reply(REJECT_STATUS[r.reason], undefined, latency);
  }
  // 'silent' and 'corrupt' still take the message (its fate follows the plan, which is null for
  // 'silent'); the other faults never took it.
  if (r.kind === 'fault' && r.fault !== 'silent' && r.fault !== 'corrupt') return reply(S.ESME_ROK, undefined, latency, r.fault);
  const m = create();
  if (r.kind === 'fault' && r.fault === 'corrupt') reply(S.ESME_ROK, undefined, latency, 'corrupt');
  else reply(S.ESME_ROK, { message_id: m.receiptId }, latency);
  fate(m, latency);
}

function outageLatency(ctx: SmscContext): number {
  const o = ctx.behaviour.outage();
  return o?.mode === 'slow' ? sampleLatency(o.latency, ctx.rng) : 0;
}

function submitSegment(ctx: SmscContext, acct: AccountState, groups: SegmentGroups, v: ValidSubmit, d: ValidDestination, pdu: Record<string, unknown>, reply: Reply): void {
  const seg = v.segment!;
  const key = `${acct.account.systemId}|${v.source}|${d.destination}|${seg.ref}`;
  const added = groups.add(key, seg, v.body, v.dataCoding);
  if (added.kind === 'error') return reply(added.status);
  ctx.stats.inc('segments');
  if (added.kind === 'partial') {
    const m = createMessage(ctx, acct, v, d, '', 1);
    groups.attach(key, m, v.scheduleAt);
    return reply(S.ESME_ROK, { message_id: m.receiptId }, sampleLatency(ctx.behaviour.spec.latency, ctx.rng) + outageLatency(ctx));
  }
  // Last part in: the whole message is judged once, and every part shares its fate.
  ctx.stats.inc('messages');
  const decision = ctx.behaviour.decide({
    operation: pdu.command as string,
    account: acct.account.systemId,
    source: v.source,
    destination: d.destination,
    content: added.text,
    subscriber: ctx.network.lookup(d.destination),
    validityMs: v.validityMs ?? undefined,
  });
  const r = decision.response;
  const shared = r.kind === 'reject' ? { outcome: 'rejected' as const, delayMs: 0 } : decision.report;
  for (const p of added.parts) {
    p.text = added.text;
    planFate(ctx, p, shared, added.scheduleAt);
  }
  answer(
    ctx,
    decision,
    reply,
    () => createMessage(ctx, acct, v, d, added.text, 1),
    (m, afterMs) => planFate(ctx, m, decision.report, v.scheduleAt, afterMs),
  );
}

function submitMulti(ctx: SmscContext, acct: AccountState, v: ValidSubmit, pdu: Record<string, unknown>, reply: Reply): void {
  const dests = Array.isArray(pdu.dest_address) ? (pdu.dest_address as Array<Record<string, unknown>>) : [];
  if (dests.length === 0 || dests.length > 255) return reply(S.ESME_RINVNUMDESTS);
  const unsuccess: Array<Record<string, unknown>> = [];
  const accepted: Array<{ d: ValidDestination; decision: Decision }> = [];
  let latency = 0;
  for (const dest of dests) {
    if ('dl_name' in dest) {
      unsuccess.push({ dest_addr_ton: 0, dest_addr_npi: 0, destination_addr: String(dest.dl_name), error_status_code: S.ESME_RINVDLNAME });
      continue;
    }
    const d = validateDestination(dest.destination_addr, dest.dest_addr_ton, dest.dest_addr_npi);
    const failed = !d.ok ? d.status : ctx.network.lookup(d.value.destination) ? null : S.ESME_RINVDSTADR;
    if (failed !== null || !d.ok) {
      unsuccess.push({ dest_addr_ton: dest.dest_addr_ton ?? 0, dest_addr_npi: dest.dest_addr_npi ?? 0, destination_addr: String(dest.destination_addr ?? ''), error_status_code: failed ?? S.ESME_RINVDSTADR });
      continue;
    }
    const decision = ctx.behaviour.decide({
      operation: 'submit_multi',
      account: acct.account.systemId,
      source: v.source,
      destination: d.value.destination,
      content: v.text,
      subscriber: ctx.network.lookup(d.value.destination),
      validityMs: v.validityMs ?? undefined,
    });
    latency = Math.max(latency, decision.latencyMs);
    if (decision.response.kind === 'reject') {
      unsuccess.push({ dest_addr_ton: d.value.destTon, dest_addr_npi: d.value.destNpi, destination_addr: d.value.destination, error_status_code: REJECT_STATUS[decision.response.reason] });
      continue;
    }
    accepted.push({ d: d.value, decision });
  }
  const fault = accepted.find((a) => a.decision.response.kind === 'fault' && a.decision.response.fault !== 'silent')?.decision.response;
  if (fault && fault.kind === 'fault') return reply(S.ESME_ROK, undefined, latency, fault.fault);
  let receiptId = '';
  const created = accepted.map((a) => {
    const m = createMessage(ctx, acct, v, a.d, v.text, 1);
    receiptId ||= m.id;
    m.receiptId = receiptId;
    ctx.stats.inc('messages');
    return m;
  });
  if (accepted.length === 0) receiptId = ctx.nextMessageId();
  const afterMs = latency + outageLatency(ctx);
  reply(S.ESME_ROK, { message_id: receiptId, unsuccess_sme: unsuccess }, afterMs);
  created.forEach((m, i) => planFate(ctx, m, accepted[i].decision.report, v.scheduleAt, afterMs));
}
