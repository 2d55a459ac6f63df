import { describe, expect, it } from 'vitest';
import { createManualClock } from '../../../../gateways/kit/clock.ts';
import { createPendingRequests } from '../../../../gateways/kit/pending-requests.ts';
import type { BindSession, ResponseHandler } from '../../../../gateways/smsvas/client/bind-session.ts';
import type { Pdu } from '../../../../gateways/smsvas/codec/pdu.ts';
import { createSubmitDispatcher, type SubmitJob } from '../../../../gateways/smsvas/client/submit-dispatcher.ts';

function fakeSession(name: string, size: number, clock = createManualClock(0)) {
  const sent: { name: string; seq: number; onResponse: ResponseHandler }[] = [];
  let seq = 0;
  const window = createPendingRequests<Pdu, number>({ size, timeoutMs: 1_000_000, clock });
  const session = {
    command: 'bind_transceiver',
    bound: true,
    canSubmit: true,
    smscId: name,
    window,
    request(_command: string, _fields: Record<string, unknown>, onResponse: ResponseHandler) {
      seq++;
      window.add(seq, onResponse);
      sent.push({ name, seq, onResponse });
    },
  } as unknown as BindSession;
  return { session, sent, answer: (s: number) => window.resolve(s, { command: 'submit_sm_resp', command_id: 0x80000004, command_status: 0, sequence_number: s }) };
}

const job = (): SubmitJob => ({ fields: {}, done: () => undefined });

describe('submit dispatcher', () => {
  it('spreads submits round-robin and queues what no window has room for', () => {
    const clock = createManualClock(0);
    const a = fakeSession('a', 2);
    const b = fakeSession('b', 2);
    const d = createSubmitDispatcher({ clock, tps: null, tpsBurst: 1 });
    d.setSessions([a.session, b.session]);
    for (let i = 0; i < 6; i++) d.enqueue(job());
    expect([...a.sent, ...b.sent]).toHaveLength(4);
    expect(a.sent).toHaveLength(2);
    expect(d.queued).toBe(2);
    a.answer(1);
    d.pump();
    expect(a.sent).toHaveLength(3);
    expect(d.queued).toBe(1);
  });

  it('paces to the tps without refusing anything', () => {
    const clock = createManualClock(0);
    const a = fakeSession('a', 1_000);
    const d = createSubmitDispatcher({ clock, tps: 100, tpsBurst: 1 });
    d.setSessions([a.session]);
    for (let i = 0; i < 50; i++) d.enqueue(job());
    expect(a.sent).toHaveLength(1);
    clock.advance(100);
    expect(a.sent).toHaveLength(11);
    clock.advance(400);
    expect(a.sent).toHaveLength(50);
    expect(d.queued).toBe(0);
  });

  it('holds submits while no session can take them and hands back the unsent on drain', () => {
    const d = createSubmitDispatcher({ clock: createManualClock(0), tps: null, tpsBurst: 1 });
    d.enqueue(job());
    d.enqueue(job());
    expect(d.queued).toBe(2);
    expect(d.drain()).toHaveLength(2);
    expect(d.queued).toBe(0);
  });
});
