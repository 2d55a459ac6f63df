import { describe, expect, it } from 'vitest';
import { REPORT_OUTCOMES, REJECT_REASONS } from '../../../../gateways/kit/canonical-reason.ts';
import { COMMAND_STATUS } from '../../../../gateways/smsvas/codec/command-status.ts';
import { RECEIPT_STATS } from '../../../../gateways/smsvas/codec/delivery-receipt.ts';
import {
  REJECT_REASON_BY_STATUS,
  rejectionFor,
  reportOutcomeForStat,
  statForMessageState,
} from '../../../../gateways/smsvas/client/smpp-outcome-table.ts';
import { REJECT_STATUS, REPORT_WIRE } from '../../../../gateways/smsvas/simulator/smsvas-outcome-table.ts';

describe('SMPP command_status -> canonical reject reason', () => {
  it('maps every 3.4 error status to a canonical reason', () => {
    const errors = Object.keys(COMMAND_STATUS).filter((n) => n !== 'ESME_ROK').sort();
    expect(Object.keys(REJECT_REASON_BY_STATUS).sort()).toEqual(errors);
    for (const reason of Object.values(REJECT_REASON_BY_STATUS)) expect(REJECT_REASONS).toContain(reason);
  });

  it.each([
    ['ESME_RTHROTTLED', 'throttled', true],
    ['ESME_RMSGQFUL', 'queue-full', true],
    ['ESME_RINVDSTADR', 'invalid-destination', false],
    ['ESME_RINVSRCADR', 'invalid-source', false],
    ['ESME_RINVMSGLEN', 'invalid-content', false],
    ['ESME_RSYSERR', 'system-error', true],
  ] as const)('%s is %s (transient: %s)', (name, reason, transient) => {
    const code = COMMAND_STATUS[name];
    expect(rejectionFor(code)).toEqual({ kind: 'rejected', reason, status: code, statusName: name, transient });
  });

  it('reads a vendor-specific status as a transient system error and names it in hex', () => {
    expect(rejectionFor(0x401)).toEqual({ kind: 'rejected', reason: 'system-error', status: 0x401, statusName: '0x00000401', transient: true });
  });

  it('agrees with the simulator table on whether each reason is worth retrying', () => {
    for (const reason of REJECT_REASONS) {
      const back = rejectionFor(REJECT_STATUS[reason]);
      // Several reasons share one status (the simulator documents which), so only retryability must survive.
      if (reason === 'service-unavailable') expect(back.reason).toBe('system-error');
      expect(back.transient, reason).toBe(['throttled', 'queue-full', 'system-error', 'service-unavailable'].includes(reason));
    }
  });
});

describe('receipt stat and message_state -> report outcome', () => {
  it('reads back every outcome the simulator writes', () => {
    for (const outcome of REPORT_OUTCOMES) {
      const wire = REPORT_WIRE[outcome];
      expect(reportOutcomeForStat(wire.stat).outcome).toBe(outcome);
      expect(statForMessageState(wire.messageState)).toBe(wire.stat);
    }
  });

  it('treats ENROUTE as not final and an unknown stat as a final unknown', () => {
    expect(reportOutcomeForStat('ENROUTE')).toEqual({ outcome: 'unknown', final: false });
    expect(reportOutcomeForStat('WEIRD')).toEqual({ outcome: 'unknown', final: true });
    for (const stat of RECEIPT_STATS) expect(REPORT_OUTCOMES).toContain(reportOutcomeForStat(stat).outcome);
    expect(statForMessageState(0)).toBeUndefined();
  });
});
