import { describe, expect, it } from 'vitest';
import { createManualClock } from '../../../../gateways/kit/clock.ts';
import type { Pdu } from '../../../../gateways/smsvas/codec/pdu.ts';
import { createRequestWindow } from '../../../../gateways/smsvas/client/request-window.ts';

const resp = (seq: number): Pdu => ({ command: 'submit_sm_resp', command_id: 0x80000004, command_status: 0, sequence_number: seq, message_id: `m${seq}` });

describe('request window', () => {
  it('times out requests in the order they were sent, with one timer', () => {
    const clock = createManualClock(0);
    let timeouts = 0;
    const w = createRequestWindow({ size: 3, timeoutMs: 100, clock, onTimeout: (n) => (timeouts += n) });
    const got: string[] = [];
    w.add(1, (r) => got.push(r ? `resp${r.sequence_number}` : 'timeout1'));
    clock.advance(40);
    w.add(2, (r) => got.push(r ? `resp${r.sequence_number}` : 'timeout2'));
    w.add(3, (r) => got.push(r ? `resp${r.sequence_number}` : 'timeout3'));
    expect(w.hasRoom()).toBe(false);
    expect(clock.pending()).toBe(1);
    expect(w.settle(resp(2))).toBe(true);
    expect(w.hasRoom()).toBe(true);
    clock.advance(60);
    expect(got).toEqual(['resp2', 'timeout1']);
    clock.advance(39);
    expect(w.inFlight).toBe(1);
    clock.advance(1);
    expect(got).toEqual(['resp2', 'timeout1', 'timeout3']);
    expect(timeouts).toBe(2);
    expect(clock.pending()).toBe(0);
  });

  it('ignores late and unknown responses and abandons the rest on demand', () => {
    const clock = createManualClock(0);
    const w = createRequestWindow({ size: 10, timeoutMs: 100, clock });
    const got: (Pdu | null)[] = [];
    w.add(1, (r) => got.push(r));
    w.add(2, (r) => got.push(r));
    clock.advance(100);
    expect(w.settle(resp(1))).toBe(false);
    expect(w.settle(resp(99))).toBe(false);
    w.add(3, (r) => got.push(r));
    w.add(4, (r) => got.push(r));
    expect(w.abandon(3)).toBe(true);
    expect(w.abandonAll()).toBe(1);
    expect(got).toEqual([null, null, null, null]);
    expect(w.inFlight).toBe(0);
  });
});
