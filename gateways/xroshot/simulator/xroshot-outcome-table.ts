// The simulator's choice of Result for each report fate. The canonical outcome says what happened;
// the subscriber says why, and the relay sheet has a code for most whys (see README).
import type { ReportOutcome } from '../../kit/canonical-reason.ts';
import type { Subscriber } from '../../network/subscriber.ts';

export const REPORT_RESULT = {
  delivered: 0,
  /** Number not in service. */
  noSubscriber: 212,
  /** LMS/MMS to a handset without MMS. */
  unsupportedDevice: 2103,
  /** Undeliverable drawn from the behaviour's mix. */
  deviceFull: 206,
  /** Expired because the handset is switched off. */
  powerOff: 204,
  /** Expired drawn from the mix: the handset was never reached. */
  shadedArea: 205,
  rejected: 103,
  unknown: 207,
} as const;

export function reportResultFor(outcome: ReportOutcome, subscriber: Subscriber, notCapable: boolean): number {
  switch (outcome) {
    case 'delivered':
      return REPORT_RESULT.delivered;
    case 'undeliverable':
      if (subscriber.reachability === 'invalid') return REPORT_RESULT.noSubscriber;
      return notCapable ? REPORT_RESULT.unsupportedDevice : REPORT_RESULT.deviceFull;
    case 'expired':
      return subscriber.reachability === 'off' ? REPORT_RESULT.powerOff : REPORT_RESULT.shadedArea;
    case 'rejected':
      return REPORT_RESULT.rejected;
    case 'unknown':
      return REPORT_RESULT.unknown;
  }
}
