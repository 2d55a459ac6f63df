import { describe, expect, it } from 'vitest';
import { REJECT_REASONS } from '../../../../gateways/kit/canonical-reason.ts';
import { rejectionFor, reportFor } from '../../../../gateways/rcs/client/rcs-outcome-table.ts';
import { REJECT_RESULT } from '../../../../gateways/rcs/simulator/rcs-outcome-table.ts';

describe('RCS client outcome table: send answers', () => {
  it('treats 429 and 50201 as throttling to retry', () => {
    expect(rejectionFor(429, 50201)).toMatchObject({ reason: 'throttled', transient: true, code: 50201, codeName: 'Message TPS Exceeded' });
    expect(rejectionFor(429, null)).toMatchObject({ reason: 'throttled', transient: true, code: 429 });
  });

  it('treats a quota refusal as queue-full that retrying soon does not fix', () => {
    expect(rejectionFor(429, 50202)).toMatchObject({ reason: 'queue-full', transient: false });
  });

  it('treats 4xx 55xxx answers as content rejections', () => {
    for (const code of [55701, 55705, 55706, 55708, 55710, 55711, 55712]) {
      expect(rejectionFor(400, code)).toMatchObject({ reason: 'content-refused', transient: false, code });
    }
  });

  it('treats 54001/54002 and the non-RCS user answer as not-capable', () => {
    for (const [status, code] of [[403, 54001], [403, 54002], [404, 41200]] as const) {
      expect(rejectionFor(status, code)).toMatchObject({ reason: 'not-capable', transient: false });
    }
  });

  it('treats any 5xx as a transient system error, whatever code the body gives', () => {
    expect(rejectionFor(500, null)).toMatchObject({ reason: 'system-error', transient: true });
    expect(rejectionFor(502, 55701)).toMatchObject({ reason: 'system-error', transient: true });
    expect(rejectionFor(503, 59003)).toMatchObject({ reason: 'service-unavailable', transient: true });
  });

  it('reads every code the simulator sends for a reason back as that reason', () => {
    for (const reason of REJECT_REASONS) {
      const result = REJECT_RESULT[reason];
      expect(rejectionFor(result.http ?? 400, result.code).reason, `${reason} -> ${result.code}`).toBe(reason);
    }
  });
});

describe('RCS client outcome table: status webhooks', () => {
  it('maps delivered as final and displayed as an extra non-final report', () => {
    expect(reportFor('delivered', null)).toEqual({ event: 'delivered', outcome: 'delivered', final: true });
    expect(reportFor('displayed', null)).toEqual({ event: 'displayed', outcome: 'delivered', final: false });
  });

  it('maps failures by code: not-capable, expired, other', () => {
    expect(reportFor('failed', 54001)).toMatchObject({ event: 'not-capable', outcome: 'undeliverable', final: true });
    expect(reportFor('failed', 54002)).toMatchObject({ event: 'not-capable', final: true });
    expect(reportFor('failed', 56007)).toMatchObject({ event: 'expired', outcome: 'expired', final: true });
    // 54003: an RCS user's handset could not take it — a failed delivery, not a reason to stop using RCS.
    expect(reportFor('failed', 54003)).toMatchObject({ event: 'failed', outcome: 'undeliverable', final: true });
    expect(reportFor('failed', 54004)).toMatchObject({ event: 'failed', outcome: 'unknown' });
    expect(reportFor('failed', null)).toMatchObject({ event: 'failed', outcome: 'undeliverable' });
  });

  it('says nothing for sent, pending or an unknown status', () => {
    expect(reportFor('sent', null)).toBeNull();
    expect(reportFor('pending', null)).toBeNull();
    expect(reportFor('DELIVERED-ish', null)).toBeNull();
  });
});
