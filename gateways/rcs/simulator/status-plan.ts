// Which status webhooks an accepted message gets and when (ms after the send response). The network
// decides first: RCS reaches only the own carrier's Android subscribers with RCS; everyone else fails
// at once with 54001 (not our subscriber) or 54002 (no RCS). Then the behaviour's planned report:
// delivered (then maybe displayed), expired after the expiryOption window (56007), or undeliverable.
import type { Carrier, Subscriber } from '../../network/subscriber.ts';
import type { PlannedReport } from '../../kit/behaviour-model.ts';
import { sampleLatency } from '../../kit/latency.ts';
import type { Rng } from '../../kit/rng.ts';
import { RCS_RESULT, type RcsResultCode } from '../codec/rcs-result-codes.ts';
import type { WebhookStatus } from '../codec/webhook-event-schema.ts';
import type { RcsConfig } from './rcs-config.ts';

export interface PlannedStatus {
  status: WebhookStatus;
  afterMs: number;
  error?: RcsResultCode;
}

/** Why RCS cannot reach this subscriber at all, or null when it can. */
export function unreachableBy(subscriber: Subscriber | null, ownCarrier: Carrier): RcsResultCode | null {
  if (subscriber === null || subscriber.carrier !== ownCarrier) return RCS_RESULT.INVALID_CONTACT_USER;
  if (subscriber.reachability === 'invalid') return RCS_RESULT.UNABLE_TO_SEND;
  if (!subscriber.rcs || subscriber.device !== 'android') return RCS_RESULT.NO_RCS_CAPABILITY;
  return null;
}

export function planStatuses(input: {
  subscriber: Subscriber | null;
  ownCarrier: Carrier;
  report: PlannedReport;
  validityMs: number;
  status: RcsConfig['status'];
  rng: Rng;
}): PlannedStatus[] {
  const { report, validityMs, status, rng } = input;
  const unreachable = unreachableBy(input.subscriber, input.ownCarrier);
  if (unreachable !== null) {
    const at = unreachable === RCS_RESULT.UNABLE_TO_SEND ? report.delayMs : sampleLatency(status.notCapableDelay, rng);
    return [{ status: 'failed', afterMs: Math.min(at, validityMs), error: unreachable }];
  }

  let final: PlannedStatus;
  if (report.outcome === 'expired' || report.delayMs > validityMs) {
    final = { status: 'failed', afterMs: validityMs, error: RCS_RESULT.EXPIRED_BEFORE_SESSION };
  } else if (report.outcome === 'delivered') {
    final = { status: 'delivered', afterMs: report.delayMs };
  } else {
    const error = report.outcome === 'unknown' ? RCS_RESULT.MAAP_INTERNAL : RCS_RESULT.UNABLE_TO_SEND;
    final = { status: 'failed', afterMs: report.delayMs, error };
  }
  const sent: PlannedStatus = { status: 'sent', afterMs: Math.min(sampleLatency(status.sentDelay, rng), final.afterMs) };
  const out = [sent, final];
  // Drawn for every reachable message, so whether one opens never shifts the draws of the next.
  const opens = rng.next() < status.displayedShare;
  if (final.status === 'delivered' && opens) out.push({ status: 'displayed', afterMs: final.afterMs + sampleLatency(status.displayDelay, rng) });
  return out;
}
